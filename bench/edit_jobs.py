"""The CPU an edit costs the background jobs: the edit's save, then the `embed` and `search-sync` jobs it causes.

    .venv/bin/python bench/edit_jobs.py [--edits 20] [--profile N]

Run after `bench/load.py` (its database holds the demo marketplace, indexed and embedded). As the load bench's
editor does, each edit appends a sentence with a new word to a published opportunity's description; here the
edit is saved in this process and the two jobs are then run in it as the RQ worker runs them (`run_job`, after
one untimed edit that builds the job's matcher). Reports the mean CPU of this process per edit for the save and
each job (PostgreSQL's share not included); `--profile N` prints the N functions under which the jobs spent the
most time. The jobs the saves put on the bench's Redis queue are dropped at the end.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_server import environment  # noqa: E402

JOBS = ("embed", "search-sync")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9", help="emptied at the end")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    env = environment(5079, args.database_url, args.redis_url)  # as the RQ worker runs
    os.environ.clear()
    os.environ.update(env)
    from redis import Redis
    from sqlalchemy import select

    from app.extensions import db
    from app.jobs import run_job
    from app.models import Opportunity
    from wsgi import app

    rng = random.Random(args.seed)
    with app.app_context():
        ids = list(db.session.scalars(select(Opportunity.id).where(Opportunity.status == "published")))
        db.session.remove()

    def edit() -> float:
        """Save a new sentence on a listing; the CPU it took."""
        with app.app_context():
            opportunity = db.session.get(Opportunity, rng.choice(ids))
            started = time.process_time()
            kept = (opportunity.description or "").split(" Lot note")[0]
            opportunity.description = f"{kept} Lot note lm{rng.getrandbits(40):010x}."
            db.session.commit()
            db.session.remove()
            return time.process_time() - started

    edit()
    for name in JOBS:  # untimed: the model, the job's matcher
        run_job(app, name)
    profiler = cProfile.Profile() if args.profile else None
    cpu = dict.fromkeys(("save", *JOBS), 0.0)
    details = []
    for _ in range(args.edits):
        cpu["save"] += edit()
        for name in JOBS:
            started = time.process_time()
            if profiler:
                profiler.enable()
            run = run_job(app, name)
            if profiler:
                profiler.disable()
            cpu[name] += time.process_time() - started
            details.append(f"{name}: {run.status}, {run.detail}")
    Redis.from_url(args.redis_url).flushdb()
    print(f"{args.edits} edits; CPU of this process per edit: "
          + ", ".join(f"{name} {1000 * seconds / args.edits:.1f} ms" for name, seconds in cpu.items()))
    print("last runs:", "; ".join(details[-len(JOBS):]))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
