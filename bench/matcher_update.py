"""What a web process pays to bring its matcher up to date after one edit, at 100,000 listings.

    python bench/matcher_update.py [--listings 100000] [--edits 5]

Fills a throwaway SQLite database with companies and opportunities (one in ten a company) and their stored
vectors (random unit rows, 384 wide as the bundled e5, with text hashes that match, so no model runs). Then, in
the same process:
- before: the whole matcher built from the database, which is what every process did after any change;
- after: one opportunity edited (text and vector, as the embed job leaves it), then `live.catch_up`;
- the per-request cost when nothing changed.
Writes its Markdown section to docs/bench/matcher_update.md (gathered by bench/collect.py) and prints it.
"""
import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.config import DevelopmentConfig  # noqa: E402
from app.extensions import db  # noqa: E402
from app.matches import live  # noqa: E402
from app.matches.embedding import current_embedder  # noqa: E402
from app.matches.models import Embedding  # noqa: E402
from app.models_base import utcnow  # noqa: E402
from app.opportunities.models import Opportunity  # noqa: E402
from app.profiles.models import Company  # noqa: E402
from app.sqlite import retry_on_lock  # noqa: E402
from matching.documents import company_text, opportunity_text, split_phrases  # noqa: E402
from matching.embedders import text_hash  # noqa: E402
from matching.vectors import Embedding as Vectors  # noqa: E402

WORDS = "wheat flour copper cathode wool cotton lamb honey apricot walnut steel pipe cable solar panel".split()
DIM = 384


def _vector_row(rng, owner_type: str, owner_id: int, model_id: str, text: str) -> dict:
    rows = rng.normal(size=(1 + len(split_phrases(text)), DIM)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return {"owner_type": owner_type, "owner_id": owner_id, "model_id": model_id, "text_hash": text_hash(text),
            "vectors": Vectors(model_id, text_hash(text), rows).to_bytes(), "updated_at": utcnow() - timedelta(hours=1)}


def fill(listings: int, model_id: str, rng) -> None:
    """Companies and opportunities with stored vectors, in bulk, written an hour ago (not just now)."""
    stamp = {"created_at": utcnow() - timedelta(hours=1), "updated_at": utcnow() - timedelta(hours=1)}
    n_companies = max(1, listings // 10)
    companies = [{"id": i, "name": f"Company {i}", "kind": "exporter" if i % 2 else "diaspora", "country": "KZ",
                  "sectors": ["grain"], "languages": ["kk", "ru"], "description": f"We trade {WORDS[i % 15]}.", **stamp}
                 for i in range(1, n_companies + 1)]
    db.session.execute(insert(Company), companies)
    vectors = [_vector_row(rng, "company", c["id"], model_id, company_text(c)) for c in companies]
    opportunities = []
    for i in range(1, listings - n_companies + 1):
        title = f"{WORDS[i % 15]} {WORDS[(i * 7) % 15]} lot {i}"
        opportunities.append({"id": i, "company_id": 1 + i % n_companies, "kind": "offer" if i % 2 else "request",
                              "title": title, "description": f"{title} in bags, FCA Almaty.", "language": "en",
                              **stamp})
    for start in range(0, len(opportunities), 5000):
        db.session.execute(insert(Opportunity), opportunities[start:start + 5000])
    vectors += [_vector_row(rng, "opportunity", o["id"], model_id, opportunity_text(o)) for o in opportunities]
    for start in range(0, len(vectors), 5000):
        db.session.execute(insert(Embedding), vectors[start:start + 5000])
    db.session.commit()


def edit_one(rng, model_id: str, opportunity_id: int, number: int) -> None:
    """One owner edits a listing; the embed job then stores its new vector (two commits, as in the site)."""

    def edit() -> str:
        opportunity = db.session.get(Opportunity, opportunity_id)
        opportunity.title = f"Edited lot {number}: walnut kernels"
        return opportunity_text({"title": opportunity.title, "description": opportunity.description,
                                 "language": "en"})

    text = retry_on_lock(db.session, edit)  # the search sync writes from its thread meanwhile
    row = _vector_row(rng, "opportunity", opportunity_id, model_id, text) | {"updated_at": utcnow()}
    retry_on_lock(db.session, lambda: db.session.execute(update(Embedding).where(
        Embedding.owner_type == "opportunity", Embedding.owner_id == opportunity_id).values(**row)))


def _timed(func) -> tuple[float, object]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as folder:
        class Config(DevelopmentConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.db"
            EMBEDDING_MODEL = "hashing"  # only its id: stored vectors are used, nothing is embedded
            EMBED_ON_COMMIT = False

        app = create_app(Config)
        with app.app_context():
            db.create_all()
            model_id = current_embedder().model_id
            fill_seconds, _ = _timed(lambda: fill(args.listings, model_id, rng))
            build_seconds, held = _timed(live.build)
            idle = [_timed(lambda: live.catch_up(held))[0] for _ in range(5)]
            updates = []
            edited = [1 + (n * 7919) % (args.listings - max(1, args.listings // 10)) for n in range(args.edits)]
            for number, opportunity_id in enumerate(edited):
                edit_one(rng, model_id, opportunity_id, number)
                seconds, moved = _timed(lambda: live.catch_up(held))
                assert moved == 1, moved
                updates.append(seconds)
            title = held.matcher.get(edited[-1])["title"]
            assert title.startswith("Edited lot"), title
    section = report(args, fill_seconds, build_seconds, idle, updates)
    (ROOT / "docs" / "bench" / "matcher_update.md").write_text(section + "\n", encoding="utf-8")
    print(section)


def report(args, fill_seconds, build_seconds, idle, updates) -> str:
    load = os.getloadavg()
    return "\n".join([
        f"## Matcher update after one edit ({args.listings:,} listings)", "",
        f"`python bench/matcher_update.py --listings {args.listings} --edits {args.edits}` on "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite; load average "
        f"{load[0]:.1f} at the end (other sessions shared the two cores). Filling the database took "
        f"{fill_seconds:.0f} s.", "",
        "| what a process does after one edit | seconds |", "|---|---|",
        f"| before: rebuild the whole matcher (what every process did inside the next request) | {build_seconds:.2f} |",
        f"| after: take in the one changed listing (`live.catch_up`), median of {len(updates)} edits | "
        f"{statistics.median(updates):.3f} |",
        f"| after: the same look when nothing changed (every suggestion request), median of 5 | "
        f"{statistics.median(idle):.3f} |", "",
        "The whole build now happens once per process, in a worker thread started by its first request.",
    ])


if __name__ == "__main__":
    main()
