"""The search page in one process against the load bench's database, with search settings taking turns.

    .venv/bin/python bench/search_page.py [--off MODULE.NAME ...] [--queries load|fields] [--rounds 2]
                                          [--forget-headings] [--by-page]

Run after `bench/load.py` (its database holds the demo marketplace, indexed and embedded). The app runs with
production settings, as the load bench's workers do, and serves GET /search/ through Flask's test client, so no
network or other process is timed. Each yes/no switch named by `--off` (a module constant, e.g.
`search.pivot.CATEGORY_CODES`) is set False for the "off" setting and left as shipped for "on"; the two settings
take turns, in rounds of every query (or page by page, `--by-page`), after one untimed round (the model, matrices,
query vectors and their HS headings warm). Queries: `load`, the load bench's mix (one of its 30 queries, or two of
them together, half and half); `fields`, broad fields and typed sentences. `--forget-headings` forgets the queries'
HS headings before each page, as for queries never asked before. Reports the mean and p95 page time, the mean CPU
time of this process (the app's share, without PostgreSQL's) and the SQL statements per page.
"""
from __future__ import annotations

import argparse
import importlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_clients import QUERIES  # noqa: E402
from load_server import environment  # noqa: E402

FIELDS = ["продукты питания", "сельхозпродукция в Иран", "ищем поставщика муки в Казахстане", "metals",
          "стройматериалы", "we need a logistics partner for Central Asia"]
PORT = 5077
SITE = f"http://127.0.0.1:{PORT}"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--off", nargs="*", default=[], help="yes/no switches (MODULE.NAME) set False for 'off'")
    parser.add_argument("--queries", choices=("load", "fields"), default="load")
    parser.add_argument("--count", type=int, default=150, help="queries of the load mix")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--by-page", action="store_true",
                        help="the settings take turns page by page rather than round by round (a machine whose "
                             "speed drifts within a round)")
    parser.add_argument("--forget-headings", action="store_true",
                        help="forget the queries' remembered HS headings before each page, as for queries never "
                             "asked before")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    env = environment(PORT, args.database_url, args.redis_url)  # as the load bench's workers run
    os.environ.clear()
    os.environ.update(env)
    from sqlalchemy import event

    from app.extensions import db
    from app.search_ui import services
    from wsgi import app

    rng = random.Random(args.seed)
    if args.queries == "load":
        queries = [rng.choice(QUERIES) if rng.random() < 0.5 else f"{rng.choice(QUERIES)} {rng.choice(QUERIES)}"
                   for _ in range(args.count)]
    else:
        queries = FIELDS * 10
    switches = [(importlib.import_module(name.rsplit(".", 1)[0]), name.rsplit(".", 1)[1]) for name in args.off]
    shipped = [getattr(module, name) for module, name in switches]
    statements = [0]
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *_a, **_k: statements.__setitem__(0, statements[0] + 1))
    client = app.test_client()

    remembers = hasattr(services, "_pivot_headings")  # (code before 6 December 2026 kept no headings)

    def page(q: str) -> tuple[float, int, float]:
        if args.forget_headings and remembers:
            services._pivot_headings.cache_clear()
        statements[0] = 0
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get("/search/", query_string={"q": q}, base_url=SITE)
        if response.status_code != 200:
            raise SystemExit(f"GET /search/?q={q} answered {response.status_code}")
        return time.perf_counter() - started, statements[0], time.process_time() - cpu

    for q in queries:  # untimed: the model, the matrices and every query's vector
        page(q)
    times: dict[str, list[float]] = {"on": [], "off": []}
    counts: dict[str, list[int]] = {"on": [], "off": []}
    cpus: dict[str, list[float]] = {"on": [], "off": []}
    def use(setting: str) -> None:
        for (module, name), value in zip(switches, shipped, strict=True):
            setattr(module, name, value if setting == "on" else False)
        if switches and remembers:  # headings remembered under the other setting would not be this one's
            services._pivot_headings.cache_clear()

    def timed(setting: str, q: str) -> None:
        seconds, count, cpu = page(q)
        times[setting].append(seconds)
        counts[setting].append(count)
        cpus[setting].append(cpu)

    for round_ in range(args.rounds):
        if args.by_page:
            for i, q in enumerate(queries):
                for setting in ("on", "off") if (round_ + i) % 2 == 0 else ("off", "on"):
                    use(setting)
                    timed(setting, q)
            continue
        for setting in ("on", "off") if round_ % 2 == 0 else ("off", "on"):
            use(setting)
            for q in queries:
                timed(setting, q)
    print(f"queries: {args.queries} ({len(queries)} a round), rounds: {args.rounds}, off: {', '.join(args.off) or '-'}")
    for setting in ("on", "off"):
        ts = sorted(times[setting])
        print(f"{setting:3}: mean {1000 * statistics.mean(ts):.1f} ms, p95 {1000 * ts[int(0.95 * len(ts))]:.1f} ms, "
              f"CPU of this process {1000 * statistics.mean(cpus[setting]):.1f} ms a page, "
              f"{statistics.mean(counts[setting]):.1f} SQL statements per page, n = {len(ts)}")


if __name__ == "__main__":
    main()
