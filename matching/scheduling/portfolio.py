"""Break minimisation by several MaxSAT runs in separate processes; the first to finish answers.

Each member is a process of its own: PySAT releases the GIL only inside its interruptible SAT calls,
while RC2's core handling and the encoding are Python, and a losing thread could not be stopped (an
interrupted RC2 first finishes its core); a process is terminated at once. Processes come from a
forkserver: the web app calls the solver from a thread, and a plain fork of a threaded process is unsafe.
Members see the problem in an input-independent order (`canonical`) and differ in the SAT solver
under RC2 (Glucose 3 and 4 search differently from the same formula), so one unlucky run does not
decide the outcome. When none finishes, every member's proved bound is valid and the largest is
reported. CaDiCaL would add more diversity but cannot be interrupted, so it could not keep the limit.
"""
from __future__ import annotations

import multiprocessing
import queue
import time
from dataclasses import dataclass

from . import maxsat
from .canonical import canonical, sort_ids
from .problem import Problem


@dataclass(frozen=True)
class Member:
    """One portfolio run: the formula in canonical order (or the input's, the baseline) and RC2's SAT solver."""

    ordered: bool = True
    sat_solver: str = "g3"


MEMBERS = (Member(), Member(sat_solver="g4"))
GRACE = 3.0  # seconds a member may overrun its limit (RC2 finishes its current core) before it is stopped


def run_member(member: Member, problem: Problem, allowed: dict[int, list[int]], meetings: list[int],
               lower: dict[int, int], max_spread: int | None, seconds: float) -> maxsat.Result:
    """One member's answer, in this process."""
    ordered = canonical(problem) if member.ordered else problem
    return maxsat.minimise(ordered, allowed, sort_ids(ordered, meetings), lower, seconds, max_spread,
                           sat_solver=member.sat_solver)


def _child(results, index: int, deadline: float, args: tuple) -> None:
    # The deadline is absolute (CLOCK_MONOTONIC is shared by processes): starting a process may take
    # seconds on a loaded machine, and that time counts against the caller's limit.
    results.put((index, run_member(*args, seconds=deadline - time.monotonic())))


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["matching.scheduling.maxsat"])  # children start without re-importing it
    return context


def minimise(problem: Problem, allowed: dict[int, list[int]], meetings: list[int], lower: dict[int, int],
             seconds: float, max_spread: int | None = None, workers: int = 2) -> maxsat.Result:
    """`maxsat.minimise` by up to `workers` members at once; the first schedule or infeasibility
    proof wins and the others are stopped."""
    members = MEMBERS[:max(1, workers)]
    if len(members) == 1:
        return run_member(members[0], problem, allowed, meetings, lower, max_spread, seconds)
    deadline = time.monotonic() + seconds
    context = _context()
    results = context.Queue()
    procs = [context.Process(target=_child, daemon=True,
                             args=(results, i, deadline, (m, problem, allowed, meetings, lower, max_spread)))
             for i, m in enumerate(members)]
    for proc in procs:
        proc.start()
    try:
        return _first_answer(results, procs, deadline + GRACE, sum(lower.values()))
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()


def _first_answer(results, procs: list, deadline: float, bound: int) -> maxsat.Result:
    """Wait for a conclusive answer; else the best proved bound of those that reported in time."""
    pending = len(procs)
    while pending and time.monotonic() < deadline:
        try:
            _, result = results.get(timeout=min(0.5, max(0.01, deadline - time.monotonic())))
        except queue.Empty:
            if not any(proc.is_alive() for proc in procs) and results.empty():
                break  # a member died without answering (killed): nothing more will come
            continue
        pending -= 1
        if result.slots is not None or result.infeasible:
            return result
        bound = max(bound, result.bound)
    return maxsat.Result(None, bound)
