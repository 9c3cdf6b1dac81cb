"""Public holidays by region: the tables, a clear message for a region they lack, and a project's
shoot calendar skipping them."""

import datetime as dt

import pypdfium2 as pdfium
import pytest
from pydantic import ValidationError

from pipelines.sample import create_sample_project
from scheduling.baseline import baseline_schedule
from scheduling.exports.pdf import stripboard_pdf
from scheduling.exports.spreadsheet import to_csv
from scheduling.exports.tables import report_table
from scheduling.reports.project_board import project_board
from scheduling.reports.stripboard import DayOffBanner, stripboard
from scheduling.project_problem import problem_from_project, public_holidays_ahead, save_schedule_setup
from scheduling.public_holidays import PRODUCTION_REGIONS, check_region, find_region, holidays_from, public_holidays
from studio.errors import SlatebookError
from studio.models.planning import ScheduleSetup
from studio.store.catalog import ProjectCatalog

MEMORIAL_DAY_2027 = dt.date(2027, 5, 31)


def test_regions_have_their_own_holidays():
    us = public_holidays("US", 2027, 2027)
    assert us[MEMORIAL_DAY_2027] == "Memorial Day"
    assert dt.date(2027, 12, 25) in us and dt.date(2027, 11, 25) in us  # Christmas, Thanksgiving
    scotland = public_holidays("GB-SCT", 2027, 2027)
    assert dt.date(2027, 11, 30) in scotland  # St Andrew's Day
    assert dt.date(2027, 11, 30) not in public_holidays("GB-ENG", 2027, 2027)
    assert dt.date(2027, 11, 25) not in scotland  # no Thanksgiving


def test_every_offered_region_is_in_the_tables():
    for region in PRODUCTION_REGIONS:
        assert check_region(region) == region
        assert public_holidays(region, 2027, 2027), region


def test_a_region_the_tables_lack_is_named_with_what_to_write():
    assert check_region(" us-ca ") == "US-CA"
    with pytest.raises(SlatebookError) as no_country:
        check_region("XX")
    assert "XX" in no_country.value.problem and "US-CA" in no_country.value.hint
    with pytest.raises(SlatebookError) as no_state:
        check_region("US-ZZ")
    assert "ZZ" in no_state.value.problem and "CA" in no_state.value.hint


def test_only_holidays_from_the_first_shoot_day_count():
    start = dt.date(2027, 5, 3)
    found = holidays_from("US", start)
    assert min(found) >= start and MEMORIAL_DAY_2027 in found
    assert max(found).year == 2029  # the calendar reads two years past the start
    assert holidays_from(None, start) == {}


def test_the_setup_takes_a_region_code_only():
    assert ScheduleSetup(holiday_region="US-CA").holiday_region == "US-CA"
    with pytest.raises(ValidationError):
        ScheduleSetup(holiday_region="California")


def test_the_shoot_calendar_skips_the_regions_holidays_and_the_users_own(tmp_path):
    repo = create_sample_project(ProjectCatalog(tmp_path))
    # Memorial Day is the Monday of the shoot's second week
    own = dt.date(2027, 6, 2)
    save_schedule_setup(repo, ScheduleSetup(start_date=dt.date(2027, 5, 24), holidays=[own], holiday_region="US"))
    problem = problem_from_project(repo)
    assert not problem.calendar.is_shoot_date(MEMORIAL_DAY_2027)
    assert not problem.calendar.is_shoot_date(own)
    dates = [day.date for day in baseline_schedule(problem).days]
    assert dates[5] == dt.date(2027, 6, 1)  # Friday 28 May, then Tuesday 1 June
    assert MEMORIAL_DAY_2027 not in dates and own not in dates


def test_a_typed_country_state_or_label_finds_its_region():
    assert find_region("Portugal") == "PT"
    assert find_region("Massachusetts") == "US-MA"
    assert find_region("scot") == "GB-SCT"  # words of an offered region's label
    assert find_region("us-ma") == "US-MA"
    with pytest.raises(SlatebookError) as several:
        find_region("United")
    assert "US-CA" in several.value.problem and "GB-SCT" in several.value.problem
    with pytest.raises(SlatebookError) as none:
        find_region("Narnia")
    assert "'Narnia'" in none.value.problem and "Portugal" in none.value.hint


def test_the_holidays_ahead_are_those_on_shoot_days_within_the_year():
    setup = ScheduleSetup(start_date=dt.date(2027, 5, 24), holiday_region="US", work_weekdays=[0, 1, 2, 3])
    ahead = public_holidays_ahead(setup)
    assert MEMORIAL_DAY_2027 in ahead and dt.date(2027, 11, 25) in ahead  # a Monday, a Thursday
    assert dt.date(2027, 11, 26) not in ahead  # the day after Thanksgiving is a Friday: no shoot anyway
    assert max(ahead) < dt.date(2028, 5, 24)
    assert public_holidays_ahead(ScheduleSetup()) == {}


def test_the_board_and_its_exports_say_no_shooting_on_the_holidays(tmp_path):
    repo = create_sample_project(ProjectCatalog(tmp_path))
    own = dt.date(2027, 6, 2)
    save_schedule_setup(repo, ScheduleSetup(start_date=dt.date(2027, 5, 24), holidays=[own], holiday_region="US"))
    problem = problem_from_project(repo)
    board = project_board(repo, problem, baseline_schedule(problem))
    assert [(d.date, d.name) for d in board.days_off] == [(MEMORIAL_DAY_2027, "Memorial Day"), (own, "Production day off")]
    rows = stripboard(board)
    memorial = next(i for i, r in enumerate(rows) if isinstance(r, DayOffBanner))
    assert rows[memorial - 1].label.startswith("End of Day 5 — Fri 28 May 2027")
    assert rows[memorial].label == "No shooting Mon 31 May 2027 — Memorial Day"
    csv_text = to_csv(report_table(board, "stripboard")).decode()
    assert "day off" in csv_text and "No shooting Wed 02 Jun 2027 — Production day off" in csv_text
    assert "2027-05-31" in to_csv(report_table(board, "one-liner")).decode()
    pdf = pdfium.PdfDocument(stripboard_pdf(board, "Night Ferry"))
    text = " ".join(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split())
    assert "No shooting Mon 31 May 2027 — Memorial Day" in text
