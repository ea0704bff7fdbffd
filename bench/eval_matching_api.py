"""Match quality through the site: import the dev set into a fresh database, embed it with the background job,
ask the API for each query's matches, and report nDCG@10, recall@10 and MRR (overall, same- and cross-language).

    .venv/bin/python bench/eval_matching_api.py [--data ../shared/eval/dev] [--model e5] [--write FILE]

The same numbers as bench/eval_matching.py (which calls the library directly) are expected; this one proves the
app path (import, job, stored vectors, per-process matcher, API) loses nothing on the way.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.config import DevelopmentConfig  # noqa: E402
from app.extensions import db  # noqa: E402
from app.imports.services import import_file  # noqa: E402
from app.jobs import run_job  # noqa: E402
from matching.evaluate import evaluate_run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def slices(records: list[dict], qrels: dict[str, dict[str, int]]) -> dict[str, set[str]]:
    """Cross-language: some best-graded counterpart is written in another language than the query."""
    language = {r["ref"]: r.get("language") for r in records if r["type"] == "opportunity"}
    cross, same = set(), set()
    for query, relevant in qrels.items():
        if not relevant:
            continue
        best = max(relevant.values())
        tops = [ref for ref, grade in relevant.items() if grade == best]
        (cross if any(language[t] != language[query] for t in tops) else same).add(query)
    return {"cross-language": cross, "same-language": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--model", default="e5")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.data / "records.jsonl").read_text().splitlines() if line.strip()]
    qrels = {}
    for line in (args.data / "matches.jsonl").read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            qrels[item["query"]] = item["relevant"]

    workdir = Path(tempfile.mkdtemp(prefix="atameken-eval-"))

    class Config(DevelopmentConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'eval.db'}"
        EMBEDDING_MODEL = args.model
        EMBED_ON_COMMIT = False  # embedded once below, as the worker would after the import

    app = create_app(Config)
    app.instance_path = str(OUT / "instance")  # keeps the HS nomenclature vectors between runs
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        report = import_file(args.data / "records.jsonl")
        db.session.commit()
        imported = time.perf_counter() - started
        started = time.perf_counter()
        run = run_job(app, "embed")
        embedded = time.perf_counter() - started
        from app.opportunities.models import Opportunity

        ids = {o.ref: o.id for o in db.session.scalars(db.select(Opportunity))}
        refs = {v: k for k, v in ids.items()}
    client = app.test_client()
    results, latencies = {}, []
    for query in qrels:
        started = time.perf_counter()
        body = client.get(f"/api/v1/opportunities/{ids[query]}/matches?limit=10").get_json()
        latencies.append(time.perf_counter() - started)
        results[query] = [refs[i["id"]] for i in body["items"] if i["type"] == "opportunity"]
    rows = [("all", evaluate_run(results, qrels))]
    for name, queries in slices(records, qrels).items():
        rows.append((name, evaluate_run(results, {q: qrels[q] for q in queries})))
    latencies.sort()
    lines = [
        "## Match quality through the API (dev set)", "",
        f"Command: `.venv/bin/python bench/eval_matching_api.py --model {args.model}`  ",
        f"Import: {report.summary()} in {imported:.1f} s; embed job: {run.status}, {run.detail}, "
        f"{embedded:.0f} s; API latency p50 {latencies[len(latencies) // 2] * 1000:.0f} ms "
        f"(first call includes building the matcher)", "",
        "| slice | queries | nDCG@10 | recall@10 | MRR |", "|---|---:|---:|---:|---:|",
    ]
    for name, metrics in rows:
        lines.append(f"| {name} | {metrics['queries']} | {metrics['ndcg@10']:.3f} | {metrics['recall@10']:.3f} "
                     f"| {metrics['mrr']:.3f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
