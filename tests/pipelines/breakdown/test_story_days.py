from pipelines.breakdown.story_days import apply_story_days, infer_story_days
from pipelines.script.service import read_script
from studio.models import LineKind, Scene, ScriptLine
from studio.samples import SAMPLE_SCREENPLAY


def _scene(time, action="", **fields):
    heading = f"INT. HOUSE - {time}"
    lines = [ScriptLine(n=1, kind=LineKind.HEADING, text=heading)]
    if action:
        lines.append(ScriptLine(n=2, kind=LineKind.ACTION, text=action))
    return Scene(number="1", heading=heading, location="HOUSE", time=time, lines=lines, **fields)


def _days(*scenes):
    days = infer_story_days(scenes)
    return [days[s.id] for s in scenes]


def test_night_then_day_starts_a_new_day():
    assert _days(_scene("DAY"), _scene("NIGHT"), _scene("MORNING"), _scene("DAY")) == [1, 1, 2, 2]
    assert _days(_scene("DUSK"), _scene("DAWN")) == [1, 2]


def test_continuous_and_later_keep_the_day():
    assert _days(_scene("NIGHT"), _scene("CONTINUOUS"), _scene("LATER")) == [1, 1, 1]
    assert _days(_scene("DAY"), _scene("LATER THAT NIGHT"), _scene("NIGHT")) == [1, 1, 1]


def test_written_cues_start_a_new_day():
    assert _days(_scene("DAY"), _scene("DAY", "THE NEXT MORNING. Rain."), _scene("NEXT DAY")) == [1, 2, 3]
    assert _days(_scene("DAY"), _scene("DAY", notes="DAY 4"), _scene("DAY")) == [1, 4, 4]


def test_omitted_scenes_get_no_day():
    gone = _scene("MORNING", omitted=True)
    days = infer_story_days([_scene("NIGHT"), gone, _scene("NIGHT")])
    assert gone.id not in days and sorted(days.values()) == [1, 1]


def test_a_story_day_a_person_set_is_kept():
    scenes = apply_story_days([_scene("DAY", story_day="7"), _scene("NIGHT"), _scene("DAY")])
    assert [s.story_day for s in scenes] == ["7", "1", "2"]


def test_night_ferry_spans_two_days():
    script = read_script(SAMPLE_SCREENPLAY.read_bytes(), SAMPLE_SCREENPLAY.name)
    days = infer_story_days(script.scenes)
    by_number = {s.number: days[s.id] for s in script.scenes}
    assert {n for n, d in by_number.items() if d == 1} == {str(n) for n in range(1, 24)}
    assert {n for n, d in by_number.items() if d == 2} == {str(n) for n in range(24, 31)}
