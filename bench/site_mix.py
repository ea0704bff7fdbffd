"""The load bench's mix of pages in one process: where a request's CPU goes, group by group.

    .venv/bin/python bench/site_mix.py [--requests 1500] [--profile N]

Run after `bench/load.py` (its database holds the demo marketplace, indexed and embedded). The app runs with
production settings, as the load bench's workers do, and serves the same mix of requests as its clients (the
anonymous visitors' and API users' steps by their weights, and the logged-in owners' dashboard and suggestions,
one request in five an owner's), through Flask's test client, so no network or other process is timed. One
untimed pass warms the model, the matrices and the query vectors; then every request is timed. Reports, per
group, the requests, the mean wall time, the mean CPU time of this process (the app's share, without
PostgreSQL's) and the SQL statements per request. `--profile N` also profiles the timed pass (cProfile, timed by
this process's CPU, so waiting for PostgreSQL is not counted; the profiler nearly triples the run's CPU, most of
it on functions called often) and prints its N functions with the most time of their own, and the N with the
most time under them; `--profile-file F` writes that profile for pstats; `--groups` keeps only the named groups'
requests of the same draw.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import OWNERS, PASSWORD  # noqa: E402
from load_clients import Site, browse_once, form_fields, owner_once  # noqa: E402
from load_server import environment  # noqa: E402

PORT = 5078
SITE = f"http://127.0.0.1:{PORT}"
OWNER_SHARE = 0.2  # 10 of the load bench's 50 clients are logged-in owners


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8",
                        help="this bench's own Redis database (emptied first: the log-ins' rate limit)")
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--fresh-queries", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--profile-file", default="", help="also write the timed pass's profile here (pstats)")
    parser.add_argument("--groups", nargs="*", default=[], help="only these groups' requests (default: all)")
    return parser.parse_args()


class _Planner:
    """Stands in for the load bench's Recorder: keeps the request a client's step would make, unmade."""

    def __init__(self) -> None:
        self.steps: list[tuple[str | None, str, str]] = []

    def request(self, session, group: str, method: str, url: str, **_kwargs) -> None:
        self.steps.append((session, group, url))


def plan(rng: random.Random, count: int, opportunities: list, companies: list, owned: dict,
         fresh: float) -> list[tuple[str | None, str, str]]:
    """(owner or None, group, path) for each request, drawn by the load bench's own client steps."""
    site = Site("", opportunities, companies, owned, fresh)
    planner = _Planner()
    owners = sorted(owned)
    while len(planner.steps) < count:
        if rng.random() < OWNER_SHARE:
            owner = rng.choice(owners)
            owner_once(site, planner, owner, rng, owner)
        else:
            browse_once(site, planner, None, rng)
    return planner.steps


def main() -> None:
    args = parse_args()
    env = environment(PORT, args.database_url, args.redis_url)  # as the load bench's workers run
    os.environ.clear()
    os.environ.update(env)
    from redis import Redis
    from sqlalchemy import event, select

    from app.extensions import db
    from app.models import Company, Opportunity, User
    from wsgi import app

    statements = [0]
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *_a, **_k: statements.__setitem__(0, statements[0] + 1))
        opportunities = list(db.session.scalars(select(Opportunity.id).where(Opportunity.status == "published")))
        companies = list(db.session.scalars(select(Company.id)))
        owned: dict = defaultdict(list)
        rows = db.session.execute(select(User.email, Opportunity.id).join(Company, Company.owner_id == User.id)
                                  .join(Opportunity, Opportunity.company_id == Company.id)
                                  .where(User.email.in_(OWNERS), Opportunity.status == "published"))
        for email, opportunity_id in rows:
            owned[email].append(opportunity_id)
        db.session.remove()

    Redis.from_url(args.redis_url).flushdb()
    anonymous = app.test_client()
    clients = {}
    for email in owned:
        client = app.test_client()
        form = client.get("/account/login", base_url=SITE)
        data = dict(form_fields(form.get_data(as_text=True))) | {"email": email, "password": PASSWORD}
        answer = client.post("/account/login", data=data, base_url=SITE)
        if answer.status_code != 302:
            raise SystemExit(f"log-in of {email} answered {answer.status_code}")
        clients[email] = client

    steps = plan(random.Random(args.seed), args.requests, opportunities, companies, owned, args.fresh_queries)
    steps = [step for step in steps if not args.groups or step[1] in args.groups]

    def serve(owner, group, path) -> tuple[float, float, int]:
        statements[0] = 0
        started, cpu = time.perf_counter(), time.process_time()
        response = (clients[owner] if owner else anonymous).get(path, base_url=SITE)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} ({group}) answered {response.status_code}")
        return time.perf_counter() - started, time.process_time() - cpu, statements[0]

    for step in steps:  # untimed: the model, the matrices, the query vectors
        serve(*step)
    # timed by the CPU of this process, as the report is: time waiting for PostgreSQL is not counted
    profiler = cProfile.Profile(time.process_time) if args.profile or args.profile_file else None
    results: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    if profiler:
        profiler.enable()
    for step in steps:
        results[step[1]].append(serve(*step))
    if profiler:
        profiler.disable()

    everything = [r for rows in results.values() for r in rows]
    print(f"{len(everything)} requests, fresh queries {args.fresh_queries}, seed {args.seed}")
    print("| group | requests | wall ms | CPU ms | SQL statements | share of the CPU |")
    print("|---|---|---|---|---|---|")
    total_cpu = sum(r[1] for r in everything)
    for group, rows in sorted(results.items(), key=lambda item: -sum(r[1] for r in item[1])):
        print(f"| {group} | {len(rows)} | {1000 * statistics.mean(r[0] for r in rows):.1f} | "
              f"{1000 * statistics.mean(r[1] for r in rows):.1f} | {statistics.mean(r[2] for r in rows):.1f} | "
              f"{100 * sum(r[1] for r in rows) / total_cpu:.0f}% |")
    print(f"| **all** | {len(everything)} | {1000 * statistics.mean(r[0] for r in everything):.1f} | "
          f"{1000 * statistics.mean(r[1] for r in everything):.1f} | "
          f"{statistics.mean(r[2] for r in everything):.1f} | 100% |")
    if args.profile_file:
        profiler.dump_stats(args.profile_file)
    if args.profile:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
