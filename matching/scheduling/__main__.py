"""Command line: `python -m matching.scheduling FILE.dzn [--time-limit S] [--workers N] [--json]`."""
from __future__ import annotations

import argparse
import json
import sys

from .dzn import read_dzn
from .problem import Schedule
from .solver import solve


def to_json(schedule: Schedule) -> dict:
    """The CLI's JSON shape: meetings, slots and tables numbered from 1 as in the input file."""
    return {
        "assignments": [{"meeting": m, "slot": t, "table": k} for m, (t, k) in sorted(schedule.assignments.items())],
        "unscheduled": [{"meeting": m, "reason": r} for m, r in schedule.unscheduled],
        "breaks": schedule.breaks,
        "lower_bound": schedule.lower_bound,
        "optimal": schedule.optimal,
        "fair": schedule.fair,
        "warnings": schedule.warnings,
        "seconds": round(schedule.seconds, 3),
    }


def summary(schedule: Schedule) -> str:
    """A few human-readable lines."""
    lines = [f"scheduled {len(schedule.assignments)} meetings, {len(schedule.unscheduled)} left out",
             f"breaks {schedule.breaks} (lower bound {schedule.lower_bound}, "
             f"{'optimal' if schedule.optimal else 'not proved optimal'}) in {schedule.seconds:.1f} s"]
    lines += [f"  meeting {m}: {reason}" for m, reason in schedule.unscheduled]
    lines += [f"warning: {w}" for w in schedule.warnings]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Solve one `.dzn` benchmark file and print the schedule."""
    parser = argparse.ArgumentParser(prog="python -m matching.scheduling", description=__doc__)
    parser.add_argument("file", help="instance in the benchmark's MiniZinc .dzn format")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT threads (default 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    schedule = solve(read_dzn(args.file), time_limit=args.time_limit, workers=args.workers)
    print(json.dumps(to_json(schedule)) if args.json else summary(schedule))
    return 0


if __name__ == "__main__":
    sys.exit(main())
