import datetime as dt

from scheduling.checker import check_schedule
from scheduling.problem import CastMember
from scheduling.shoot_days import as_shoot_days
from studio.models.planning import Schedule, ShootDay
from schedule_kit import MONDAY, problem, strip


def days(p, *per_day):
    return Schedule(days=as_shoot_days(p, [[p.strip_by_id[s] for s in day] for day in per_day]))


def test_a_clean_schedule_and_its_cost():
    p = problem([strip(1, "QUAY", ("ISLA",)), strip(2, "FERRY", ("JONAH",)), strip(3, "QUAY", ("ISLA",))])
    report = check_schedule(p, days(p, ["s1", "s2"], ["s3"]))
    assert report.ok
    # 2 days, ISLA 2 work days, JONAH 1, ISLA not held (she works both), moves QUAY→FERRY and FERRY→QUAY
    assert report.terms == {"shoot_days": 20000, "cast_work": 3000, "cast_holds": 0,
                            "company_moves": 6000, "day_night_switches": 0}


def test_every_rule_break_is_named():
    isla = CastMember(name="ISLA", daily_rate=1000, available_from=MONDAY + dt.timedelta(days=1))
    p = problem([strip(1, cast=("ISLA",), hours=6, night=True), strip(2, cast=("ISLA",), hours=6),
                 strip(3, hours=6), strip(4, days=2)],
                cast=[isla], locks={"s3": 1}, precedences=(("s3", "s1"),), max_consecutive_nights=1, max_days=3)
    bad = Schedule(days=[ShootDay(number=1, date=MONDAY, scene_ids=["s1", "s2", "s4"]),
                         ShootDay(number=2, scene_ids=["s3", "zz"])])
    text = "\n".join(check_schedule(p, bad).violations)
    for expected in ("lists a scene (zz)", "Scene 4 should take 2 consecutive day(s)", "books whole days",
                     "Day 1 runs", "ISLA works on day 1", "scene 3 is locked to day 1",
                     "scene 3 must be shot on a day before scene 1"):
        assert expected.lower() in text.lower(), expected
    nights = problem([strip(1, night=True), strip(2, night=True), strip(3)], max_consecutive_nights=1)
    text = "\n".join(check_schedule(nights, days(nights, ["s1"], ["s2"], ["s3"])).violations)
    assert "night 2 in a row" in text and "day work straight after night work" in text


def test_held_days_and_dark_days_cost():
    p = problem([strip(1, cast=("ISLA",)), strip(2, cast=("JONAH",)), strip(3, cast=("ISLA",))])
    report = check_schedule(p, days(p, ["s1"], ["s2"], [], ["s3"]))
    assert report.ok
    assert report.terms["shoot_days"] == 40000
    assert report.terms["cast_holds"] == 2000  # days 2 and 3
