"""Benchmark of the B2B meeting scheduler on the published instances and a large generated forum.

Usage: .venv/bin/python bench/scheduling.py [--time-limit 60] [--workers 2] [--only NAME ...]
       [--no-variants] [--no-large] [--without-maxsat] [--permutations N --seed S] [--input-order]
       [--two-days] [--out docs/bench/scheduling.md]

With --permutations N each published instance is also solved as N relabelled and reshuffled copies
(`canonical.relabelled`: participants and meeting ids renamed, meetings and their two participants in
random order; the same forum up to names), and a summary per instance follows: worst and median breaks,
how many copies were proved optimal, worst seconds. --input-order is the baseline before the portfolio:
one MaxSAT run on the formula in the input's order. --two-days solves each published instance as a two-day
forum (its morning slots on day 1, afternoon on day 2; breaks counted per day, so no published optimum applies):
participants who meet on both days get no per-participant lower bound, and the run shows what that costs.

Instances: /work/shared/b2b/instances (Bofill et al., "Constraint Solving Approaches to the B2B
Meeting Scheduling Problem", JAIR 74 (2022), Table 1; optima as listed in that folder's README).
Every schedule is checked with the independent validator before it is reported.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.scheduling import Meeting, Problem, Session, portfolio, read_dzn, solve, validate  # noqa: E402
from matching.scheduling import solver as scheduling_solver  # noqa: E402
from matching.scheduling.canonical import relabelled  # noqa: E402

INSTANCES = ROOT.parent / "shared" / "b2b" / "instances"
# Published optima (total breaks), from /work/shared/b2b/README.md (JAIR 74 (2022), Table 1).
OPTIMA = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2, "forumt-14": 5,
    "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5, "tic-12": 0, "tic-12crafc": 0,
    "tic-13": 0, "tic-13crafb": 0, "tic-13crafc": 4, "tic-14crafa": 0, "tic-14crafc": 0, "tic-14crafd": 0,
    "ticf-13crafa": 0, "ticf-13crafb": 3, "ticf-13crafc": 1, "ticf-14crafa": 0,
}


def generate_forum(n_participants: int = 1000, n_meetings: int = 4000, n_slots: int = 16, n_tables: int = 300,
                   seed: int = 0) -> Problem:
    """A random forum: skewed participant popularity, 80 % meetings in either session, 10 % each
    morning-only / afternoon-only, and 5 % of participants with one or two forbidden slots."""
    rng = random.Random(seed)
    morning = n_slots // 2
    forbidden = {p: set(rng.sample(range(1, n_slots + 1), rng.randint(1, 2)))
                 for p in range(1, n_participants + 1) if rng.random() < 0.05}
    weights = [1.0 / (1 + i) ** 0.3 for i in range(n_participants)]
    degree = {p: 0 for p in range(1, n_participants + 1)}
    cap = {p: n_slots - len(forbidden.get(p, ())) - 4 for p in degree}
    pairs: set[tuple[int, int]] = set()
    meetings = []
    while len(meetings) < n_meetings:
        p1, p2 = rng.choices(range(1, n_participants + 1), weights=weights, k=2)
        key = (min(p1, p2), max(p1, p2))
        if p1 == p2 or key in pairs or degree[p1] >= cap[p1] or degree[p2] >= cap[p2]:
            continue
        pairs.add(key)
        degree[p1] += 1
        degree[p2] += 1
        session = rng.choices([Session.ANY, Session.MORNING, Session.AFTERNOON], weights=[8, 1, 1])[0]
        meetings.append(Meeting(id=len(meetings) + 1, p1=p1, p2=p2, session=session))
    return Problem(participants=list(degree), meetings=meetings, n_slots=n_slots, morning_slots=morning,
                   n_tables=n_tables, forbidden=forbidden)


def run(name: str, problem: Problem, time_limit: float, workers: int) -> dict:
    """Solve and validate one instance; a row of the results table."""
    schedule = solve(problem, time_limit=time_limit, workers=workers)
    errors = validate(problem, schedule)
    return {
        "instance": name, "participants": len(problem.participants), "meetings": len(problem.meetings),
        "slots": problem.n_slots, "tables": problem.n_tables, "published": OPTIMA.get(name, "-"),
        "breaks": schedule.breaks, "bound": schedule.lower_bound, "optimal": "yes" if schedule.optimal else "no",
        "unscheduled": len(schedule.unscheduled), "seconds": f"{schedule.seconds:.1f}",
        "valid": "yes" if not errors else f"NO ({len(errors)}: {errors[0]})",
    }


def two_days(problem: Problem) -> Problem:
    """The same forum held over two days: its morning slots on day 1, its afternoon slots on day 2."""
    return replace(problem, slot_days=[1 if t <= problem.morning_slots else 2 for t in range(1, problem.n_slots + 1)])


COLUMNS = ["instance", "participants", "meetings", "slots", "tables", "published", "breaks", "bound", "optimal",
           "unscheduled", "seconds", "valid"]


def row(result: dict) -> str:
    return "| " + " | ".join(str(result[c]) for c in COLUMNS) + " |"


def header(title: str) -> list[str]:
    labels = ["instance", "participants", "meetings", "slots", "tables", "published optimum", "our breaks",
              "lower bound", "proved optimal", "unscheduled", "seconds", "valid"]
    return ["", f"### {title}", "", "| " + " | ".join(labels) + " |", "|" + "---|" * len(labels)]


def summary_lines(results: dict[str, list[dict]]) -> list[str]:
    """Per instance over its relabelled copies: optimum, worst and median breaks, proved count, worst seconds."""
    lines = ["", "### Relabelled copies: summary", "",
             "| instance | published optimum | copies | worst breaks | median breaks | at optimum | proved optimal "
             "| worst seconds | all valid |", "|" + "---|" * 9]
    for name, rows in results.items():
        breaks = [r["breaks"] for r in rows]
        at_optimum = sum(b == OPTIMA.get(name) for b in breaks)
        lines.append(f"| {name} | {OPTIMA.get(name, '-')} | {len(rows)} | {max(breaks)} | "
                     f"{statistics.median(breaks):g} | {at_optimum} | {sum(r['optimal'] == 'yes' for r in rows)} | "
                     f"{max(float(r['seconds']) for r in rows):.1f} | "
                     f"{'yes' if all(r['valid'] == 'yes' for r in rows) else 'NO'} |")
    return lines


def machine() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Model name")), "?")
    except OSError:
        model = "?"
    return f"{model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None, help="instance name substrings to run")
    parser.add_argument("--no-variants", action="store_true", help="skip the forb0003/forb0007 files")
    parser.add_argument("--no-large", action="store_true", help="skip the generated 1,000-participant forum")
    parser.add_argument("--instances", type=Path, default=INSTANCES, help="folder of the .dzn files")
    parser.add_argument("--out", default=str(ROOT / "docs" / "bench" / "scheduling.md"))
    parser.add_argument("--without-maxsat", action="store_true",
                        help="baseline: skip the MaxSAT step (CP-SAT questions and annealing only)")
    parser.add_argument("--permutations", type=int, default=0, help="relabelled copies of each published instance")
    parser.add_argument("--seed", type=int, default=0, help="seed of the relabelling")
    parser.add_argument("--input-order", action="store_true",
                        help="baseline: one MaxSAT run in the input's order (no canonical order, no portfolio)")
    parser.add_argument("--two-days", action="store_true",
                        help="the published instances as two-day forums: morning slots day 1, afternoon day 2 "
                             "(breaks per day; the published optima do not apply)")
    args = parser.parse_args()
    if args.without_maxsat:
        scheduling_solver.MAXSAT_SHARE = 0.0
    if args.input_order:
        portfolio.MEMBERS = (portfolio.Member(ordered=False),)
    wanted = (lambda name: any(s in name for s in args.only)) if args.only else (lambda name: True)
    originals = ("Published instances (`*.original.dzn`)", sorted(args.instances.glob("*.original.dzn")))
    variants = ("Forbidden-slot variants (no published optimum)", sorted(args.instances.glob("*.forb000[37].dzn")))
    command = "$ .venv/bin/python bench/scheduling.py " + " ".join(sys.argv[1:])
    lines = ["## B2B meeting scheduling (matching.scheduling)", "", f"Command: `{command.strip()}`  ",
             f"Machine: 2 cores, {machine()}; CP-SAT workers: {args.workers}; "
             f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    def emit(line: str) -> None:
        print(line, flush=True)
        lines.append(line)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")  # rewritten each row: partial runs survive

    copies: dict[str, list[dict]] = {}

    def run_copies(files: list[Path]) -> None:
        for line in header(f"Relabelled copies (seed {args.seed}, {args.permutations} per instance)"):
            emit(line)
        for f in files:
            name = f.name.removesuffix(".original.dzn")
            if not wanted(name):
                continue
            for k in range(args.permutations):
                problem = relabelled(read_dzn(f), random.Random(f"{args.seed}:{name}:{k}"))
                result = run(name, problem, args.time_limit, args.workers)
                copies.setdefault(name, []).append(result)
                emit(row({**result, "instance": f"{name} #{k + 1}"}))

    def run_group(title: str, files: list[Path]) -> None:
        files = [f for f in files if wanted(f.name.removesuffix(".dzn"))]
        if files:
            for line in header(title):
                emit(line)
        for f in files:
            stem = f.name.removesuffix(".dzn")
            result = run(stem.removesuffix(".original"), read_dzn(f), args.time_limit, args.workers)
            result["instance"] = stem if not stem.endswith(".original") else result["instance"]
            emit(row(result))

    def run_two_days(files: list[Path]) -> None:
        for line in header("Published instances as two-day forums (morning = day 1, afternoon = day 2)"):
            emit(line)
        for f in files:
            name = f.name.removesuffix(".original.dzn")
            if wanted(name):
                emit(row(run(f"{name} (2 days)", two_days(read_dzn(f)), args.time_limit, args.workers)))

    if args.permutations:
        run_copies(originals[1])
        for line in summary_lines(copies):
            emit(line)
        return
    if args.two_days:
        run_two_days(originals[1])
        return
    run_group(*originals)
    if not args.no_large and wanted("generated"):  # before the variants: it matters more
        for line in header("Generated forum (seed 0): 1,000 participants, 4,000 meetings, 16 slots, 300 tables"):
            emit(line)
        emit(row(run("generated-1000", generate_forum(), args.time_limit, args.workers)))
    if not args.no_variants:
        run_group(*variants)

if __name__ == "__main__":
    main()
