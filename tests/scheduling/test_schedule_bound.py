"""The counting lower bound stays at or under the proven optimum, and counts the night runs that a
limit on nights in a row forces."""

import pytest

from scheduling.lower_bound import lower_bound
from scheduling.solve import solve_schedule
from schedule_kit import problem, strip


def nights_apart(limit):
    strips = [strip(n, "QUAY", ("ISLA",), hours=8, night=True) for n in range(1, 5)] \
        + [strip(n, "QUAY", ("ISLA",), hours=8) for n in range(5, 9)]
    return problem(strips, max_consecutive_nights=limit, turnaround=False)


@pytest.mark.parametrize("limit", [1, 2, 4])
def test_bound_is_under_the_proven_optimum(limit):
    p = nights_apart(limit)
    result = solve_schedule(p, time_limit_s=10)
    assert result.status == "optimal"
    assert lower_bound(p) <= result.objective + 1e-6


def test_one_night_in_a_row_forces_switches_the_bound_counts():
    # 4 night days one at a time: 4 runs, 6 boundaries between them (1 for one run), each a switch (500)
    tight, loose = lower_bound(nights_apart(1)), lower_bound(nights_apart(4))
    assert tight - loose == pytest.approx(5 * 500)
