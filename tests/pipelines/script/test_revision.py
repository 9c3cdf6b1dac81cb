from studio.models import LineKind, Scene, ScriptLine
from pipelines.script.revision import merge_revision


def scene(number: str, heading: str, body: str, written: bool = False, **extra) -> Scene:
    lines = [ScriptLine(n=1, kind=LineKind.HEADING, text=heading)]
    lines += [ScriptLine(n=i + 2, kind=LineKind.ACTION, text=t) for i, t in enumerate(body.split("|"))]
    return Scene(number=number, number_written=written, heading=heading, lines=lines, **extra)


def test_unchanged_scenes_keep_their_ids_and_user_fields():
    old = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain.", notes="night shoot")]
    new = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain.")]
    merged, report = merge_revision(old, new)
    assert [s.id for s in merged] == [old[0].id, old[1].id]
    assert merged[1].notes == "night shoot"
    assert len(report.unchanged) == 2 and not report.revised and not report.added and not report.omitted


def test_inserted_scene_does_not_steal_work_when_numbers_are_assigned():
    # Unnumbered drafts renumber on insert: matching must follow heading and text, not the number.
    old = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain falls on the quay.")]
    new = [
        scene("1", "INT. A - DAY", "Ana waits."),
        scene("2", "INT. NEW - DAY", "Something new."),
        scene("3", "EXT. B - NIGHT", "Rain falls on the quay."),
    ]
    merged, report = merge_revision(old, new)
    assert merged[0].id == old[0].id
    assert merged[2].id == old[1].id
    assert report.added == [merged[1]]


def test_written_numbers_match_first_and_text_changes_are_flagged():
    old = [scene("12", "INT. A - DAY", "Ana waits.", written=True)]
    new = [scene("12", "INT. A - NIGHT", "Ana waits for hours.", written=True)]
    merged, report = merge_revision(old, new)
    assert merged[0].id == old[0].id
    assert merged[0].revised and merged[0].heading == "INT. A - NIGHT"
    assert report.revised == [merged[0]]


def test_lightly_edited_scene_under_same_heading_is_a_revision():
    old = [scene("1", "EXT. QUAY - NIGHT", "The ferry horn sounds.|Ana runs along the quay.")]
    new = [scene("1", "EXT. QUAY - NIGHT", "The ferry horn sounds twice.|Ana runs along the quay.")]
    merged, report = merge_revision(old, new)
    assert merged[0].id == old[0].id and merged[0].revised


def test_dropped_scenes_are_kept_as_omitted_after_the_live_ones():
    old = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain.")]
    new = [scene("1", "INT. A - DAY", "Ana waits.")]
    merged, report = merge_revision(old, new)
    assert [s.omitted for s in merged] == [False, True]
    assert merged[1].id == old[1].id
    assert [s.ordinal for s in merged] == [0, 1]
    assert report.omitted == [merged[1]]


def test_an_omitted_scene_comes_back_when_a_later_draft_restores_it():
    old = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain.", omitted=True)]
    new = [scene("1", "INT. A - DAY", "Ana waits."), scene("2", "EXT. B - NIGHT", "Rain.")]
    merged, _ = merge_revision(old, new)
    assert merged[1].id == old[1].id and not merged[1].omitted
