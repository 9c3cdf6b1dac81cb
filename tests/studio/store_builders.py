"""Shared builders for the store tests."""

from __future__ import annotations

from studio.models import (
    AIRecord,
    Budget,
    BudgetLine,
    Character,
    Element,
    Frame,
    Job,
    JobStatus,
    LineKind,
    Project,
    ProjectData,
    Scene,
    Schedule,
    Script,
    ScriptLine,
    ShootDay,
    Shot,
)


def make_script(n_scenes: int = 3, **fields) -> Script:
    scenes = [
        Scene(
            ordinal=k,
            number=str(k + 1),
            heading=f"INT. ROOM {k + 1} - DAY",
            location=f"ROOM {k + 1}",
            time="DAY",
            eighths=k + 1,
            characters=["ANA"],
            lines=[
                ScriptLine(n=1, kind=LineKind.HEADING, text=f"INT. ROOM {k + 1} - DAY"),
                ScriptLine(n=2, kind=LineKind.ACTION, text="Ana waits by the window."),
                ScriptLine(n=3, kind=LineKind.CHARACTER, text="ANA", character="ANA"),
                ScriptLine(n=4, kind=LineKind.DIALOGUE, text="Tea?", character="ANA"),
            ],
        )
        for k in range(n_scenes)
    ]
    return Script(source_name="two_rooms.fountain", source_format="fountain", title="Two Rooms", scenes=scenes, **fields)


def populated_data(files: list[str] | None = None) -> ProjectData:
    """A ProjectData holding at least one of every model, linked as a real project is."""
    script = make_script(3)
    old = Script(source_name="draft1.fountain", source_format="fountain", revision=1)
    script = script.model_copy(update={"revision": 2})
    s1, s2, s3 = script.scenes
    record = AIRecord(kind="llm", purpose="breakdown", provider="offline", model="rules", seed=7,
                      parameters={"temperature": 0.0}, usage={"input": 10}, assets=["x"])
    shots = [Shot(scene_id=s1.id, index=1, subject="Ana"), Shot(scene_id=s1.id, index=2), Shot(scene_id=s2.id, index=1)]
    frame_files = files or ["0" * 64 + ".png"]
    schedule = Schedule(days=[ShootDay(number=1, scene_ids=[s1.id, s2.id]), ShootDay(number=2, scene_ids=[s3.id])],
                        status="optimal", objective=3.0, cost_terms={"moves": 1.0})
    return ProjectData(
        project=Project(name="Populated", current_script_id=script.id),
        scripts=[old, script.model_copy(update={"scenes": []})],
        scenes=list(script.scenes),
        elements=[
            Element(scene_id=s1.id, category="props", name="kettle", evidence="fills a kettle", line=2, ai_record_id=record.id),
            Element(scene_id=s2.id, category="cast", name="ANA"),
        ],
        characters=[Character(id_number=1, name="ANA", scene_ids=[s1.id, s2.id, s3.id], daily_rate=800.0)],
        shots=shots,
        frames=[
            Frame(shot_id=shots[0].id, file=frame_files[0], width=64, height=27, backend="sketch"),
            Frame(board="look", file=frame_files[-1], width=64, height=64, backend="sketch", pinned=True, palette=["#112233"]),
        ],
        schedules=[schedule],
        budgets=[Budget(schedule_id=schedule.id, lines=[BudgetLine(account="1300", description="Cast", amount=1600.0, fringe_rate=0.2)])],
        ai_records=[record],
        jobs=[Job(kind="breakdown", status=JobStatus.DONE, progress=1.0, params={"scenes": 3}, result={"elements": 2})],
    )
