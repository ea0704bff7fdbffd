"""The solver end to end: optimum on small instances, locks, infeasible inputs, the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.scheduling import Meeting, Problem, Schedule, Session, count_breaks, read_dzn, solve, solver, validate
from matching.scheduling.__main__ import main
from matching.scheduling.analysis import allowed_slots
from matching.scheduling.anneal import anneal
from matching.scheduling.greedy import greedy
from matching.scheduling.repair import repair
from matching.scheduling.solver import assign_tables

INSTANCES = Path(__file__).resolve().parents[2].parent / "shared" / "b2b" / "instances"


def instance(name: str) -> Problem:
    path = INSTANCES / f"{name}.dzn"
    if not path.exists():
        pytest.skip(f"benchmark instance {path} not found (shared/b2b next to the repository)")
    return read_dzn(path)


def test_tic12_reaches_published_optimum():
    problem = instance("tic-12.original")
    result = solve(problem, time_limit=20)
    assert validate(problem, result) == []
    assert (result.breaks, result.optimal, result.unscheduled) == (0, True, [])  # published optimum 0


def test_forumt14_proves_published_optimum():
    problem = instance("forumt-14.original")
    result = solve(problem, time_limit=30)
    assert validate(problem, result) == []
    assert (result.breaks, result.lower_bound, result.optimal) == (5, 5, True)  # published optimum 5


def test_locked_meetings_stay_put_on_rerun():
    problem = instance("tic-12.original")
    first = solve(problem, time_limit=20)
    locked = [1, 10, 50, 100]
    # lock them elsewhere than the first run put them, where the slot is still free for both people
    problem.fixed = {m: first.assignments[m][0] % problem.n_slots + 1 for m in locked[:1]}
    problem.fixed.update({m: first.assignments[m][0] for m in locked[1:]})
    problem.fixed_tables = {m: first.assignments[m][1] for m in locked[1:]}
    again = solve(problem, time_limit=20)
    assert validate(problem, again) == []
    assert again.unscheduled == []
    for m in locked:
        assert again.assignments[m][0] == problem.fixed[m]
    for m in locked[1:]:
        assert again.assignments[m] == first.assignments[m]


def star(n_meetings: int, n_slots: int, **kw) -> Problem:
    """Participant 1 meets participants 2..n_meetings+1, one slot each; priorities = meeting id."""
    meetings = [Meeting(i, 1, i + 1, priority=i) for i in range(1, n_meetings + 1)]
    return Problem(participants=list(range(1, n_meetings + 2)), meetings=meetings, n_slots=n_slots,
                   morning_slots=n_slots, n_tables=2, **kw)


def test_overloaded_participant_keeps_highest_priorities_and_explains():
    problem = star(5, 3)
    result = solve(problem, time_limit=10)
    assert validate(problem, result) == []
    assert sorted(result.assignments) == [3, 4, 5]  # the three highest priorities
    assert [m for m, _ in result.unscheduled] == [1, 2]
    assert all("participant 1 has 5 meetings" in reason for _, reason in result.unscheduled)
    assert result.breaks == 0 and result.optimal  # optimal among the schedules keeping meetings 3, 4, 5


def test_capacity_shortage_schedules_the_maximum():
    meetings = [Meeting(i, 2 * i - 1, 2 * i) for i in range(1, 6)]  # five disjoint pairs
    problem = Problem(participants=list(range(1, 11)), meetings=meetings, n_slots=2, morning_slots=1, n_tables=2)
    result = solve(problem, time_limit=10)
    assert validate(problem, result) == []
    assert len(result.assignments) == 4
    assert len(result.unscheduled) == 1 and "table capacity" in result.unscheduled[0][1]


def test_meeting_without_any_allowed_slot_is_explained():
    problem = Problem(participants=[1, 2, 3], n_slots=4, morning_slots=2, n_tables=2,
                      meetings=[Meeting(1, 1, 2, Session.MORNING), Meeting(2, 1, 3)],
                      forbidden={1: {1}, 2: {2}})
    result = solve(problem, time_limit=10)
    assert validate(problem, result) == []
    assert list(result.assignments) == [2]
    assert result.unscheduled == [(1, "no slot of its morning session is free for both participants 1 and 2")]


def test_precedences_and_fairness_hold():
    meetings = [Meeting(1, 1, 2), Meeting(2, 1, 3), Meeting(3, 2, 3), Meeting(4, 3, 4)]
    problem = Problem(participants=[1, 2, 3, 4], meetings=meetings, n_slots=5, morning_slots=3, n_tables=1,
                      precedences={1: {4}, 2: {1}})
    result = solve(problem, time_limit=10)
    assert validate(problem, result) == []
    slot = {m: t for m, (t, _) in result.assignments.items()}
    assert slot[4] < slot[1] < slot[2]
    assert result.optimal and result.breaks == result.lower_bound


def test_cli_json_shape(capsys):
    path = INSTANCES / "tic-12.original.dzn"
    if not path.exists():
        pytest.skip(f"benchmark instance {path} not found")
    assert main([str(path), "--time-limit", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"assignments", "breaks", "optimal", "seconds"} <= set(out)
    assert sorted(a["meeting"] for a in out["assignments"]) == list(range(1, 126))
    assert all(1 <= a["slot"] <= 8 and 1 <= a["table"] <= 21 for a in out["assignments"])
    assert out["breaks"] == 0 and out["optimal"] is True


def test_cli_summary(capsys):
    path = INSTANCES / "tic-12.original.dzn"
    if not path.exists():
        pytest.skip(f"benchmark instance {path} not found")
    main([str(path), "--time-limit", "20"])
    assert "scheduled 125 meetings, 0 left out" in capsys.readouterr().out


def test_importing_the_scheduler_does_not_import_flask():
    code = "import sys, matching.scheduling; print('flask' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip() == "False"


def unfair_forum(**kw) -> tuple[Problem, dict[int, int]]:
    """One table, 9 slots. Participant 1 meets 2..5 in slots 1, 3, 5, 7 (3 breaks), participant 6 meets
    7..9 in 2, 4, 6 (2 breaks) and participant 10 meets 11, 12 in 8, 9 (0 breaks): spread 3 > 2."""
    pairs = [(1, 2), (1, 3), (1, 4), (1, 5), (6, 7), (6, 8), (6, 9), (10, 11), (10, 12)]
    meetings = [Meeting(i, a, b) for i, (a, b) in enumerate(pairs, start=1)]
    start = dict(zip(range(1, 10), [1, 3, 5, 7, 2, 4, 6, 8, 9], strict=True))
    problem = Problem(participants=list(range(1, 13)), meetings=meetings, n_slots=9, morning_slots=9, n_tables=1,
                      **kw)
    return problem, start


def as_schedule(problem: Problem, slots: dict[int, int]) -> Schedule:
    assignments = assign_tables(problem, slots)
    return Schedule(assignments=assignments, breaks=sum(count_breaks(problem, assignments).values()))


def test_repair_and_annealing_make_an_unfair_schedule_fair():
    problem, start = unfair_forum()
    assert validate(problem, as_schedule(problem, start)) == ["fairness: break counts range 0..3 (> 2)"]
    allowed = allowed_slots(problem)
    lower = {p: 0 for p in problem.participants}
    repaired = repair(problem, allowed, list(start), lower, 2, start, seconds=5, workers=1)
    assert repaired is not None and validate(problem, as_schedule(problem, repaired)) == []
    annealed = anneal(problem, allowed, start, seconds=0.5)
    assert validate(problem, as_schedule(problem, annealed)) == []


def test_annealing_lowers_breaks_and_keeps_the_schedule_valid():
    problem = instance("tic-13crafc.original")  # 180 meetings in 190 table-slots: chains must balance
    allowed = allowed_slots(problem)
    start = greedy(problem, allowed, [m.id for m in problem.meetings])
    annealed = anneal(problem, allowed, start, seconds=3)
    assert validate(problem, as_schedule(problem, annealed)) == []
    assert as_schedule(problem, annealed).breaks < as_schedule(problem, start).breaks / 2


def test_annealing_leaves_table_locked_meetings_in_place():
    problem, start = unfair_forum()
    problem.n_tables = 2
    problem.fixed_tables = {1: 1, 5: 1}  # locked to one table, not to a slot
    annealed = anneal(problem, allowed_slots(problem), start, seconds=0.3)
    assert (annealed[1], annealed[5]) == (start[1], start[5])
    assert validate(problem, as_schedule(problem, annealed), max_spread=None) == []


def test_forumt14crafe_fallback_stays_fair(monkeypatch):
    # Without MaxSAT (it proves this one in a second) and with 8 s the exact questions stay undecided
    # and the fallback runs; the old local search alone used to end at break counts 0..3.
    monkeypatch.setattr(solver, "MAXSAT_SHARE", 0.0)
    problem = instance("forumt-14crafe.original")
    result = solve(problem, time_limit=8)
    assert validate(problem, result) == []
    assert result.fair and result.warnings == []
    # it stops near its time limit; the bound is loose, as a machine busy with other work stops it later
    # (9.7 s once in CI while a benchmark ran beside it)
    assert result.seconds < 2 * 8


def test_no_fair_schedule_is_reported():
    # every slot is locked: participant 1 must have 3 breaks and participant 10 none
    problem, start = unfair_forum()
    problem.fixed = dict(start)
    result = solve(problem, time_limit=3)
    assert validate(problem, result, max_spread=None) == []
    assert validate(problem, result) == ["fairness: break counts range 0..3 (> 2)"]
    assert not result.fair and not result.optimal
    assert result.warnings and result.warnings[0].startswith("fairness: break counts range 0..3 (> 2)")
