"""The site under load: 4 gunicorn workers + an RQ worker + PostgreSQL + Redis, 50 clients, a stream of edits.

    python bench/load.py [--duration 60] [--clients 50] [--owners 10] [--think 1.0] [--edit-rate 1.0]
                         [--fresh] [--fresh-queries 0.5] [--label NAME] [--spy]

Runs as a deployment runs (production settings, README "Deployment"): `gunicorn -w 4 wsgi:app` and
`rq worker --url $REDIS_URL atameken` as subprocesses, on the demo marketplace (`flask db upgrade`,
`flask demo load`; `--fresh` empties the database first). Each gunicorn worker loads the model and builds its
matcher lazily, so the site is warmed up first (those requests are not measured). Then, for `--duration`
seconds: `--clients` people (of them `--owners` logged in as listing owners) each do one request and pause
(exponential, mean `--think` s); one editor saves an owner's listing through the real edit form (CSRF token
and all) `--edit-rate` times a second; a probe measures how long each edit takes to show in search and to get
its suggestions back. Reports latency per group of pages, errors, CPU shares; appends the run to
docs/bench/load_runs.json and writes docs/bench/load.md (gathered by bench/collect.py). `--spy` also samples one
web worker and the RQ worker with py-spy while measuring and adds where their time went (bench/load_spy.py).
"""
import argparse
import json
import os
import random
import resource
import subprocess
import threading
import time
from functools import partial
from pathlib import Path

import load_spy as spy
import requests
from load_clients import Editor, Recorder, Site, browse_once, client_loop, log_in, owner_once
from load_report import render, summarise
from load_server import (
    ROOT,
    cpu_seconds,
    environment,
    flush_queue,
    machine_busy_seconds,
    prepare,
    start,
    tree_pids,
    wait_ready,
)
from sqlalchemy import create_engine, make_url, text

OWNERS = ["exporter1@demo.atameken.kz", "exporter2@demo.atameken.kz", "diaspora1@demo.atameken.kz",
          "diaspora2@demo.atameken.kz", "demo-c-016@participants.demo.atameken.kz"]  # 5 log-ins: the rate limit
PASSWORD = "atameken-demo-2027"  # app/demo/forum.py DEMO_PASSWORD (public demo accounts)


def reset(database_url: str) -> None:
    """Empty the bench's own database (the default is test_load, never a shared one), creating it if need be."""
    url = make_url(database_url)
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}):
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    server.dispose()
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def listing_ids(base: str, kind: str) -> list[int]:
    ids, page = [], 1
    while True:
        items = requests.get(f"{base}/api/v1/{kind}?per_page=100&page={page}", timeout=60).json()["items"]
        ids += [item["id"] for item in items]
        if len(items) < 100:
            return ids
        page += 1


def owned(database_url: str) -> dict:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT u.email, o.id FROM users u JOIN companies c ON c.owner_id = u.id "
            "JOIN opportunities o ON o.company_id = c.id WHERE u.email = ANY(:emails) AND o.status = 'published'"),
            {"emails": OWNERS}).all()
    engine.dispose()
    found: dict = {}
    for email, opportunity_id in rows:
        found.setdefault(email, []).append(opportunity_id)
    return found


def warm_up(site: Site, sessions: dict, redis_url: str, limit: float = 240) -> tuple[float, int]:
    """Rounds of 8 concurrent heavy requests until three rounds in a row finish under a second; then the queue
    drains. Not measured. Returns (seconds, rounds)."""
    started, calm, rounds = time.monotonic(), 0, 0
    owner = next(iter(sessions.values()))
    urls = [f"{site.base}/search/?q=wheat", f"{site.base}/api/v1/opportunities/{site.opportunities[0]}/matches",
            f"{site.base}/opportunities/{site.opportunities[1]}", f"{site.base}/api/v1/search?q=медь"] * 2
    while calm < 3 and time.monotonic() - started < limit:
        began = time.monotonic()
        threads = [threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 60}) for url in urls]
        threads.append(threading.Thread(target=owner.get, args=(f"{site.base}/dashboard",), kwargs={"timeout": 60}))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rounds += 1
        calm = calm + 1 if time.monotonic() - began < 1.0 else 0
    _drain(redis_url, started + limit)
    return time.monotonic() - started, rounds


def _drain(redis_url: str, deadline: float) -> None:
    from redis import Redis
    from rq import Queue

    queue = Queue("atameken", connection=Redis.from_url(redis_url))
    while (queue.count or queue.started_job_registry.count) and time.monotonic() < deadline:
        time.sleep(1)


def run_load(site: Site, sessions: dict, args) -> tuple[Recorder, Editor]:
    rec, rng = Recorder(measuring=True), random.Random(args.seed)
    deadline = time.monotonic() + args.duration
    editor = Editor(site, rec, sessions, args.edit_rate)
    stop_probe = threading.Event()
    owner_mails = list(sessions)
    threads = []
    for number in range(args.clients):
        session, client_rng = requests.Session(), random.Random(rng.random())
        if number < args.owners:
            email = owner_mails[number % len(owner_mails)]
            session.cookies.update(sessions[email].cookies)  # the same account in another browser tab
            step = partial(owner_once, site, rec, session, client_rng, email)
        else:
            step = partial(browse_once, site, rec, session, client_rng)
        threads.append(threading.Thread(target=client_loop, args=(step, deadline, args.think, client_rng)))
    threads.append(threading.Thread(target=editor.run, args=(deadline, random.Random(rng.random()))))
    probe = threading.Thread(target=editor.probe, args=(stop_probe, requests.Session()))
    for thread in [*threads, probe]:
        thread.start()
    for thread in threads:
        thread.join()
    grace = time.monotonic() + args.grace
    while time.monotonic() < grace and any(e.search_lag is None or e.match_lag is None for e in editor.edits):
        time.sleep(0.5)
    stop_probe.set()
    probe.join()
    return rec, editor


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + (" + uncommitted changes" if dirty else "")


def database_backends(database_url: str) -> list[int]:
    """PostgreSQL's server processes serving the bench's database (one per pooled connection)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        pids = connection.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                       "AND pid <> pg_backend_pid()")).all()
    engine.dispose()
    return pids


def cpu_snapshot(processes, database_url: str) -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return {"clients": me.ru_utime + me.ru_stime, "machine": machine_busy_seconds(),
            "gunicorn": cpu_seconds(tree_pids(processes.gunicorn.pid)), "rq": cpu_seconds(tree_pids(processes.rq.pid)),
            "postgres": {pid: cpu_seconds([pid]) for pid in database_backends(database_url)}}


def cpu_used(before: dict, after: dict) -> dict:
    """CPU seconds between two snapshots; PostgreSQL's per backend (a connection opened meanwhile from 0;
    one closed meanwhile is missed, so that share is a lower bound)."""
    used = {key: after[key] - before[key] for key in before if key != "postgres"}
    used["postgres"] = sum(seconds - before["postgres"].get(pid, 0.0) for pid, seconds in after["postgres"].items())
    return used


def workers_killed(log: Path) -> int:
    """Workers gunicorn has killed for answering nothing within its timeout (30 s) so far, by its log: each is
    replaced by a new worker that warms up again while the others serve."""
    return log.read_text(encoding="utf-8", errors="replace").count("WORKER TIMEOUT") if log.exists() else 0


def measure(args, env: dict) -> dict:
    log_dir = ROOT / "instance" / "load-bench"
    processes = start(env, args.port, args.workers, log_dir, args.rq_worker_class, args.threads,
                      args.rq_nice)
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_ready(base)
        sessions = {email: log_in(base, email, PASSWORD) for email in OWNERS}
        site = Site(base, listing_ids(base, "opportunities"), listing_ids(base, "companies"),
                    owned(env["DATABASE_URL"]), args.fresh_queries)
        warm_seconds, warm_rounds = warm_up(site, sessions, env["REDIS_URL"])
        killed_warming = workers_killed(log_dir / "gunicorn.log")
        recorders = spy.start({"web worker": tree_pids(processes.gunicorn.pid)[1], "RQ worker": processes.rq.pid},
                              args.duration, ROOT / "bench" / "out", args.label) if args.spy else None
        before, load_before = cpu_snapshot(processes, env["DATABASE_URL"]), os.getloadavg()
        wall = time.monotonic()
        rec, editor = run_load(site, sessions, args)
        after, wall = cpu_snapshot(processes, env["DATABASE_URL"]), time.monotonic() - wall
        killed = workers_killed(log_dir / "gunicorn.log")
        profile = spy.finish(recorders) if recorders else None
    finally:
        processes.stop()
    cpu = cpu_used(before, after)
    return {"label": args.label, "commit": commit(), "settings": vars(args), "wall": wall, "cpu": cpu,
            "load_before": load_before, "load_after": os.getloadavg(), "warm_seconds": warm_seconds,
            "warm_rounds": warm_rounds, "listings": [len(site.opportunities), len(site.companies)],
            "owned": sum(map(len, site.owned.values())),
            "killed": {"warm_up": killed_warming, "measured": killed - killed_warming},
            **summarise(rec, editor, args.duration), **({"spy": profile} if profile else {})}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--owners", type=int, default=10)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--edit-rate", type=float, default=1.0)
    parser.add_argument("--grace", type=float, default=60, help="seconds the probe waits for the last edits")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1,
                        help="requests each gunicorn worker serves at once (more than 1: gunicorn's gthread workers)")
    parser.add_argument("--port", type=int, default=5077)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--label", default="run")
    parser.add_argument("--rq-worker-class", default="rq.worker.SimpleWorker",
                        help="rq.worker.Worker forks a process per job (rq's default; the app is made anew each time)")
    parser.add_argument("--rq-nice", type=int, default=0,
                        help="run the RQ worker this much nicer (lower CPU priority) than the web workers")
    parser.add_argument("--fresh", action="store_true", help="empty the database and load the demo again")
    parser.add_argument("--spy", action="store_true",
                        help="profile one web worker and the RQ worker with py-spy while measuring (bench/load_spy.py)")
    parser.add_argument("--fresh-queries", type=float, default=0.5,
                        help="share of searches for two known queries together (mostly new to the site)")
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()
    env = environment(args.port, args.database_url, args.redis_url)
    flush_queue(args.redis_url)
    if args.fresh:  # (without it the database must hold the demo already)
        reset(args.database_url)
        prepare(env)
        flush_queue(args.redis_url)
    result = measure(args, env)
    runs_path = ROOT / "docs" / "bench" / "load_runs.json"
    runs = json.loads(runs_path.read_text()) if runs_path.exists() else []
    runs.append(result)
    runs_path.write_text(json.dumps(runs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    section = render(runs)
    (ROOT / "docs" / "bench" / "load.md").write_text(section + "\n", encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
