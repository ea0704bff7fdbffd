"""Numbers and the Markdown section of bench/load.py."""
import os
import statistics

import load_spy as spy

GROUPS = ["list", "detail", "search", "api-list", "api-detail", "api-search", "api-matches", "dashboard",
          "suggestions", "edit-form", "edit-save"]
TARGET_P95 = 0.200


def _stats(seconds: list[float], errors: int) -> dict:
    if len(seconds) < 2:
        return {"count": len(seconds), "errors": errors}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {"count": len(seconds), "errors": errors, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98],
            "max": max(seconds)}


def summarise(rec, editor, duration: float) -> dict:
    """Per group and overall (the probe's requests are reported apart: they are the bench's, not clients')."""
    groups = {}
    for group in [*GROUPS, "probe"]:
        samples = [s for s in rec.samples if s.group == group]
        groups[group] = _stats([s.seconds for s in samples], sum(not s.ok for s in samples))
    clients = [s for s in rec.samples if s.group != "probe"]
    overall = _stats([s.seconds for s in clients], sum(not s.ok for s in clients))
    overall["per_second"] = len(clients) / duration
    lags = {name: [getattr(e, name) for e in editor.edits] for name in ("search_lag", "match_lag")}
    return {"groups": groups, "overall": overall, "edits": editor.saved, "edits_watched": len(editor.edits),
            "edits_superseded": editor.superseded,
            "lags": {name: {"seen": [v for v in values if v is not None], "missing": values.count(None)}
                     for name, values in lags.items()}}


def _ms(value) -> str:
    return "-" if value is None else f"{value * 1000:.0f}"


def _lag(found: dict) -> str:
    seen = sorted(found["seen"])
    if not seen:
        return f"never seen ({found['missing']} edits)"
    middle = statistics.median(seen)
    text = f"median {middle:.1f} s, max {seen[-1]:.1f} s over {len(seen)} edits"
    return text + (f"; {found['missing']} not seen by the end" if found["missing"] else "")


def _superseded(run: dict) -> str:
    if "edits_superseded" not in run:  # first run: an edit of a listing still watched was not watched
        return f"{run.get('edits_watched', run['edits'])} watched by the probe"
    return (f"{run['edits_superseded']} edits were overwritten by the next edit of the same listing before "
            "they showed (not in the lags)")


def run_table(run: dict) -> list[str]:
    rows = ["| group | requests | errors | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|"]
    for name, numbers in [*run["groups"].items(), ("**all client requests**", run["overall"])]:
        if numbers["count"]:
            rows.append(f"| {name} | {numbers['count']} | {numbers['errors']} | {_ms(numbers.get('p50'))} | "
                        f"{_ms(numbers.get('p95'))} | {_ms(numbers.get('p99'))} | {_ms(numbers.get('max'))} |")
    return rows


def _killed(run: dict) -> str:
    """Workers gunicorn killed at its timeout (recorded since 5 December 2026; earlier runs say nothing)."""
    if "killed" not in run:
        return ""
    k = run["killed"]
    return f" Workers killed by gunicorn's timeout: {k['warm_up']} during the warm-up, {k['measured']} while measured."


def run_text(run: dict) -> list[str]:
    s, cpu, wall = run["settings"], run["cpu"], run["wall"]
    overall = run["overall"]
    verdict = "met" if overall["p95"] < TARGET_P95 and not overall["errors"] else "NOT met"
    ours = [name for name in ("gunicorn", "rq", "postgres", "clients") if name in cpu]
    share = ", ".join(f"{name} {cpu[name] / wall:.2f}" for name in ours)
    others = cpu["machine"] - sum(cpu[name] for name in ours)
    served = overall["count"] + run["groups"]["probe"]["count"]
    return [
        f"### Run `{run['label']}` (commit {run['commit']})", "",
        f"`python bench/load.py --duration {s['duration']:g} --clients {s['clients']} --owners {s['owners']} "
        f"--think {s['think']:g} --edit-rate {s['edit_rate']:g}{' --fresh' if s['fresh'] else ''} "
        f"--rq-worker-class {s['rq_worker_class']} --fresh-queries {s.get('fresh_queries', 0):g}"
        f"{' --threads ' + str(s['threads']) if s.get('threads', 1) > 1 else ''}"
        f"{' --rq-nice ' + str(s['rq_nice']) if s.get('rq_nice') else ''}"
        f"{' --spy' if s.get('spy') else ''} "
        f"--label {s['label']}`: {run['listings'][0]} published opportunities, {run['listings'][1]} companies; "
        f"warm-up {run['warm_seconds']:.0f} s ({run['warm_rounds']} rounds, not measured). "
        f"Load average {run['load_before'][0]:.2f} before, {run['load_after'][0]:.2f} after.", "",
        f"Target p95 < 200 ms with 0 errors over all client requests: **{verdict}** "
        f"(p95 {_ms(overall['p95'])} ms, {overall['errors']} errors, {overall['per_second']:.1f} requests/s)."
        + _killed(run), "",
        *run_table(run), "",
        f"Edits saved: {run['edits']} ({run['settings']['edit_rate'] * run['settings']['duration']:.0f} due) "
        f"on {run.get('owned', '?')} listings of the logged-in owners; {_superseded(run)}. "
        f"Edit to search hit: {_lag(run['lags']['search_lag'])}. Edit to suggestions back "
        f"(vectors of the new text stored and taken in by the worker that answered): "
        f"{_lag(run['lags']['match_lag'])}.", "",
        f"CPU in cores over the {wall:.0f} s of load (2 cores in all): {share}, the rest of the machine "
        f"({'Redis, other sessions' if 'postgres' in cpu else 'PostgreSQL, Redis, other sessions'}) "
        f"{others / wall:.2f}; the machine as a whole {cpu['machine'] / wall:.2f}. Per request served (clients' "
        f"and probe's) the web workers used {cpu['gunicorn'] / served * 1000:.1f} ms of CPU"
        + (f", PostgreSQL {cpu['postgres'] / served * 1000:.1f} ms" if "postgres" in cpu else "")
        + f"; the RQ worker {cpu['rq'] / max(run['edits'], 1):.2f} s per edit.", "",
        *(["Profile (`--spy`: py-spy samples while measured, see bench/load_spy.py; the sampler's own CPU is in "
           "the machine's):", spy.render(run["spy"]), ""] if run.get("spy") else []),
    ]


def render(runs: list[dict]) -> str:
    return "\n".join([
        "## The site under load (issue 12)", "",
        f"Machine: {os.cpu_count()} cores shared with other sessions (their load is in each run's load average "
        "and in the CPU line). What runs: `gunicorn -w 4 wsgi:app` (sync workers) and `rq worker --url "
        "$REDIS_URL atameken` started by `bench/load.py` with production settings (APP_ENV unset, SECRET_KEY, "
        "SITE_URL, Redis for the queue and the rate limits, OPENBLAS_NUM_THREADS=1), PostgreSQL 15 in the same "
        "machine, the demo marketplace. The load generator (Python threads with `requests`) runs on the same two "
        "cores: its share is in the CPU line.", "",
        "Clients: each does one request and pauses (exponential, mean `--think` s). Anonymous visitors mix "
        "marketplace lists and home (list), opportunity and company pages with their suggestions (detail), the "
        "search page with queries in 8 languages and a typo (search), and the API (lists, details, search, "
        "matches); logged-in owners also open their dashboard and their own listings' suggestions. One editor "
        "(not one of the clients) saves an owner's listing through the edit form with its CSRF token; a probe "
        "(its requests reported apart, not in the totals) asks the API until the edit's new word is found by "
        "search and the listing's suggestions are back.", "",
        "Vectors: pgvector is not installable from Debian here (checked: `apt-cache search pgvector` finds no "
        "package in the configured sources, and the server lists no `vector` extension), so vectors stay in "
        "the `embeddings` table, written by the RQ worker's embed job; each web worker keeps its in-process "
        "index in step by increments (app/matches/live.py), never "
        "rebuilding inside a request.", "",
        *[line for run in runs for line in run_text(run)],
    ]).rstrip()
