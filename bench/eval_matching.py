"""Match quality on the labelled dev set: nDCG@10 / recall@10 / MRR overall and by language slice, an ablation
of every signal, and (with --fit) the logistic-regression fit of the signal weights.

    .venv/bin/python bench/eval_matching.py [--data /work/shared/eval/dev] [--fit] [--write docs/bench/matching.md]

Loads records.jsonl and matches.jsonl directly (no app). Embeddings are cached in bench/out/ (gitignored).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching.embedders import E5Embedder, get_embedder  # noqa: E402
from matching.engine import Matcher  # noqa: E402
from matching.evaluate import evaluate_run  # noqa: E402
from matching.hs import HsInferrer  # noqa: E402
from matching.scoring import DEFAULT_WEIGHTS, SIGNALS  # noqa: E402
from matching.shipped import ShippedFirstEmbedder, ShippedVectors  # noqa: E402
from matching.vectors import Embedding  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SHIPPED = Path(__file__).resolve().parents[1] / "app" / "matches" / "shipped" / "vectors.npz"
DEFAULT_DATA = Path("/work/shared/eval/dev")


def add_word_langs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--word-langs", default=None,
                        help="comma-separated languages of matching.hs.WORD_LANGS whose HS names add words "
                             "(default all, as the app; 'none' = only the en/ru/kk names, the state before)")


def add_index_weight_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index-weight", type=float, default=None,
                        help="weight of the HS goods index in the word scores (search.hs_words.INDEX_WEIGHT; "
                             "default as the app, 0 = without the index, the state before)")
    parser.add_argument("--index-langs", default=None,
                        help="comma-separated languages of the goods index's names to use (matching.hs.INDEX_LANGS; "
                             "default all, as the app)")
    parser.add_argument("--spelling-weight", type=float, default=None,
                        help="weight of the goods names nearest in spelling in the word scores "
                             "(search.hs_words.SPELLING_WEIGHT; default as the app, 0 = without them, the state "
                             "before)")
    parser.add_argument("--goods-weight", type=float, default=None,
                        help="weight of the goods names by meaning in the HS inference (matching.hs.GOODS_WEIGHT; "
                             "default as the app, 0 = without them, the state before)")


def apply_index_weight(value: float | None, langs: str | None = None, spelling: float | None = None,
                       goods: float | None = None) -> None:
    """`--index-weight`, `--index-langs`, `--spelling-weight`, `--goods-weight`: the goods index's weight and
    languages and the weight of the names nearest in spelling, in every HeadingWords built afterwards, and the
    weight of the goods names by meaning in every HsInferrer built afterwards (None: the app's)."""
    from matching import hs
    from search import hs_words

    if value is not None:
        hs_words.INDEX_WEIGHT = value
    if spelling is not None:
        hs_words.SPELLING_WEIGHT = spelling
    if goods is not None:
        hs.GOODS_WEIGHT = goods
    if langs is not None:
        hs.INDEX_LANGS = tuple(lang for lang in langs.split(",") if lang)
        hs.goods_index.cache_clear()


def apply_word_langs(value: str | None) -> None:
    """`--word-langs`: which names every HeadingWords built afterwards holds (None leaves the app's choice)."""
    if value is not None:
        from matching import hs

        hs.WORD_LANGS = tuple(lang for lang in value.split(",") if lang and lang != "none")

def load_jsonl(path: Path) -> list[dict]:
    """One JSON object per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def listings_from_records(records: list[dict]) -> list[dict]:
    """Matcher listings (companies and opportunities) from import-format records; refs serve as ids."""
    companies = {r["ref"]: r for r in records if r["type"] == "company"}
    out = []
    for c in companies.values():
        out.append({**c, "id": c["ref"], "title": c["name"], "company_id": c["ref"], "company_country": c["country"],
                    "company_languages": c.get("languages", []), "status": "published"})
    for r in records:
        if r["type"] != "opportunity":
            continue
        c = companies[r["company"]]
        out.append({**r, "id": r["ref"], "company_id": c["ref"], "company_country": c["country"],
                    "company_languages": c.get("languages", []), "sectors": c.get("sectors", []),
                    "status": "published"})
    return out


class EmbeddingCache:
    """Embeddings on disk keyed by model id + text hash, so reruns embed nothing."""

    def __init__(self, model_id: str) -> None:
        self.path = OUT / f"emb_{model_id.replace('/', '_')}.npz"
        self.data = dict(np.load(self.path)) if self.path.exists() else {}
        self.model_id = model_id

    def get(self, text_hash: str) -> Embedding | None:
        vectors = self.data.get(text_hash)
        return Embedding(self.model_id, text_hash, vectors) if vectors is not None else None

    def save(self, new: dict) -> None:
        if not new:
            return
        self.data.update({emb.text_hash: emb.vectors for emb in new.values()})
        OUT.mkdir(parents=True, exist_ok=True)
        np.savez(self.path, **self.data)


def build_matcher(listings: list[dict], embedder_name: str = "e5", weights: dict | None = None,
                  infer_hs: bool = True, centre_languages: bool = True, cache: EmbeddingCache | None = None,
                  hs_words: bool = True) -> Matcher:
    """A matcher over the dev listings with cached embeddings (`cache`, else the embedder's own cache file) and
    (unless told otherwise) HS inference as the app's embed job infers: meaning and the title's words
    (`hs_words=False`: meaning alone, the matcher before)."""
    from matching.documents import listing_text
    from matching.embedders import text_hash
    from search.hs_words import WORD_WEIGHT, HeadingWords

    embedder = E5Embedder() if embedder_name == "e5" else get_embedder(embedder_name)
    cache = cache or EmbeddingCache(embedder.model_id)
    words = {"words": HeadingWords(), "word_weight": WORD_WEIGHT} if hs_words else {}
    # the nomenclature and goods vectors come from the shipped file where it holds them (e5 only), as in the
    # app's embed job: a fresh checkout does not embed some 30,000 texts again (about half an hour on 2 cores)
    nomenclature = ShippedFirstEmbedder(embedder, ShippedVectors.load([SHIPPED])) if embedder_name == "e5" \
        else embedder
    inferrer = HsInferrer(nomenclature, OUT / "cache", **words) if infer_hs else None
    matcher = Matcher(embedder, inferrer, weights=weights, centre_languages=centre_languages)
    for item in listings:
        matcher.upsert(item, cache.get(text_hash(listing_text(item))))
    cache.save(matcher.ensure_embedded())
    return matcher


def slices(qrels: dict, by_ref: dict) -> dict[str, set[str]]:
    """README rule: cross-language = some best-graded item is in another language than the query."""
    out: dict[str, set[str]] = {"cross-language": set(), "same-language": set()}
    for query, relevant in qrels.items():
        if not relevant:
            continue
        best = max(relevant.values())
        lang = by_ref[query]["language"]
        cross = any(by_ref[r]["language"] != lang for r, g in relevant.items() if g == best)
        out["cross-language" if cross else "same-language"].add(query)
    return out


def run_queries(matcher: Matcher, qrels: dict) -> dict[str, list[str]]:
    """Top 10 refs per query."""
    return {q: [m.ref for m in matcher.match_opportunity(q, limit=10)] for q in qrels}


def report(run: dict, qrels: dict, parts: dict[str, set[str]]) -> dict[str, dict]:
    """Metrics overall and per slice."""
    out = {"overall": evaluate_run(run, qrels)}
    for name, queries in parts.items():
        out[name] = evaluate_run(run, {q: qrels[q] for q in queries})
    return out


def ablation(matcher: Matcher, qrels: dict) -> list[tuple[str, float, float]]:
    """nDCG@10 with each signal alone and with all but that one."""
    base = dict(matcher.weights)
    rows = []
    for name in SIGNALS:
        if not base.get(name):
            continue
        matcher.weights = {name: 1.0}
        alone = evaluate_run(run_queries(matcher, qrels), qrels)["ndcg@10"]
        matcher.weights = {k: v for k, v in base.items() if k != name}
        without = evaluate_run(run_queries(matcher, qrels), qrels)["ndcg@10"]
        rows.append((name, alone, without))
    matcher.weights = base
    return rows


def design_ablation(listings: list[dict], qrels: dict, parts: dict) -> list[tuple[str, dict]]:
    """nDCG@10 overall and cross-language without language centring, without HS inference, semantic only."""
    variants = {
        "no per-language centring": {"centre_languages": False},
        "no HS inference": {"infer_hs": False},
        "HS inference by meaning alone": {"hs_words": False},
        "semantic only, no centring": {"centre_languages": False, "weights": {"semantic": 1.0}},
    }
    rows = []
    for name, options in variants.items():
        matcher = build_matcher(listings, **options)
        rows.append((name, report(run_queries(matcher, qrels), qrels, parts)))
    return rows


def fit_weights(matcher: Matcher, qrels: dict, folds: int = 5) -> tuple[dict[str, float], float]:
    """Logistic regression on pool pairs (label: grade >= 2, weight: grade), query-grouped CV nDCG@10."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    names = [s for s in SIGNALS if s not in ("verified", "recent", "feedback")]
    rows, labels, groups, ids = [], [], [], []
    for q, relevant in qrels.items():
        for cand, values in matcher.pool_signals(q):
            rows.append([values[n] for n in names])
            grade = relevant.get(cand, 0)
            labels.append(int(grade >= 2))
            groups.append(q)
            ids.append((q, cand))
    x, y, g = np.array(rows), np.array(labels), np.array(groups)
    run: dict[str, list[tuple[float, str]]] = {}
    for train, test in GroupKFold(n_splits=folds).split(x, y, g):
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x[train], y[train])
        for i, s in zip(test, model.decision_function(x[test]), strict=True):
            run.setdefault(ids[i][0], []).append((s, ids[i][1]))
    cv_run = {q: [c for _, c in sorted(v, reverse=True)][:10] for q, v in run.items()}
    cv_ndcg = evaluate_run(cv_run, qrels)["ndcg@10"]
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    coef = dict(zip(names, model.coef_[0], strict=True))
    scale = coef["semantic"] or 1.0
    return {n: round(float(c / scale), 3) for n, c in coef.items()}, cv_ndcg


def hs_inference(matcher: Matcher, records: list[dict], cuts=(0.0, 0.01, 0.02, 0.03)) -> list[tuple]:
    """Accuracy of the inferred heading on listings that carry true codes, by top-1/top-2 margin cut-off:
    (cut, listings kept, share kept, heading accuracy, chapter accuracy)."""
    rows = []
    for r in records:
        if r["type"] != "opportunity" or not r.get("hs_codes"):
            continue
        guesses = matcher.hs_inferrer.infer(matcher.vector(r["ref"]), top=2)
        true = {c[:4] for c in r["hs_codes"]}
        rows.append((guesses[0].score - guesses[1].score, guesses[0].code in true,
                     guesses[0].code[:2] in {c[:2] for c in true}))
    out = []
    for cut in cuts:
        kept = [x for x in rows if x[0] >= cut]
        share = len(kept) / len(rows)
        acc = sum(x[1] for x in kept) / len(kept) if kept else None
        chap = sum(x[2] for x in kept) / len(kept) if kept else None
        out.append((cut, len(kept), share, acc, chap))
    return out


def write_section(path: Path, text: str) -> None:
    """Replace, in place, the section whose heading is the first line of `text` (append it if new)."""
    title = text.splitlines()[0]
    old = path.read_text(encoding="utf-8") if path.exists() else "# Matching benchmarks\n"
    head, *sections = old.split("\n## ")
    sections = ["## " + s.strip("\n") for s in sections]
    new = text.strip("\n")
    if any(s.startswith(title) for s in sections):
        sections = [new if s.startswith(title) else s for s in sections]
    else:
        sections.append(new)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join([head.strip("\n"), *sections]) + "\n", encoding="utf-8")


def fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def markdown(results: dict, rows: list, fitted: tuple | None, hs_rows: list, design: list, command: str) -> str:
    """The results section for docs/bench/matching.md."""
    from matching_speed import cpu_name

    cpu = cpu_name()
    lines = ["## Match quality on the dev set", "", f"Command: `{command}`  ", f"Machine: 2 cores, {cpu}", "",
             "| slice | queries | nDCG@10 | recall@10 | MRR |", "|---|---:|---:|---:|---:|"]
    for name, m in results.items():
        lines.append(f"| {name} | {m['queries']} | {fmt(m['ndcg@10'])} | {fmt(m['recall@10'])} | {fmt(m['mrr'])} |")
    lines += ["", "Ablation (nDCG@10 overall). *alone*: only that signal scores the 50-candidate semantic pool "
              "(ties keep the semantic order, so it shows what the signal adds to retrieval); *all but this*: "
              "the weight set to 0. verified / recent / feedback do not vary in the dev set.", "",
              "| signal | weight | alone | all but this |", "|---|---:|---:|---:|"]
    for name, alone, without in rows:
        lines.append(f"| {name} | {DEFAULT_WEIGHTS.get(name, 0)} | {fmt(alone)} | {fmt(without)} |")
    if design:
        lines += ["", "Design choices (everything else as above):", "",
                  "| variant | nDCG@10 overall | nDCG@10 cross-language | recall@10 | MRR |",
                  "|---|---:|---:|---:|---:|"]
        for name, m in design:
            lines.append(f"| {name} | {fmt(m['overall']['ndcg@10'])} | {fmt(m['cross-language']['ndcg@10'])} | "
                         f"{fmt(m['overall']['recall@10'])} | {fmt(m['overall']['mrr'])} |")
    if hs_rows:
        lines += ["", "HS inference (nearest nomenclature heading to the listing's language-centred vector) on the "
                      "listings that carry true codes; kept = top-1 at least this far above the runner-up:", "",
                  "| margin cut-off | listings kept | share | heading (4-digit) accuracy | chapter accuracy |",
                  "|---:|---:|---:|---:|---:|"]
        for cut, n, share, acc, chap in hs_rows:
            lines.append(f"| {cut} | {n} | {share:.0%} | {fmt(acc)} | {fmt(chap)} |")
    if fitted:
        lines += ["", f"Logistic-regression weights (semantic = 1): {fitted[0]}; 5-fold query-grouped CV "
                      f"nDCG@10 of the raw fitted model: {fmt(fitted[1])}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--write", type=Path)
    add_word_langs_option(parser)
    add_index_weight_option(parser)
    args = parser.parse_args()
    apply_word_langs(args.word_langs)
    apply_index_weight(args.index_weight, args.index_langs, args.spelling_weight, args.goods_weight)
    records = load_jsonl(args.data / "records.jsonl")
    qrels = {m["query"]: m["relevant"] for m in load_jsonl(args.data / "matches.jsonl")}
    by_ref = {r["ref"]: r for r in records}
    listings = listings_from_records(records)
    matcher = build_matcher(listings, args.embedder)
    results = report(run_queries(matcher, qrels), qrels, slices(qrels, by_ref))
    for name, m in results.items():
        print(f"{name:15s} n={m['queries']:3d} nDCG@10 {fmt(m['ndcg@10'])} "
              f"recall@10 {fmt(m['recall@10'])} MRR {fmt(m['mrr'])}")
    rows = [] if args.no_ablation else ablation(matcher, qrels)
    design = [] if args.no_ablation else design_ablation(listings, qrels, slices(qrels, by_ref))
    for name, m in design:
        print(f"  {name:28s} nDCG@10 {fmt(m['overall']['ndcg@10'])} cross {fmt(m['cross-language']['ndcg@10'])}")
    for name, alone, without in rows:
        print(f"  {name:13s} alone {fmt(alone)}  all-but {fmt(without)}")
    fitted = fit_weights(matcher, qrels) if args.fit else None
    if fitted:
        print("fitted", fitted)
    hs_rows = hs_inference(matcher, records)
    for row in hs_rows:
        print(f"hs inference cut {row[0]:.2f} kept {row[1]} ({row[2]:.0%}) heading acc {fmt(row[3])} "
              f"chapter acc {fmt(row[4])}")
    if args.write:
        write_section(args.write, markdown(results, rows, fitted, hs_rows, design, "python " + " ".join(sys.argv)))


if __name__ == "__main__":
    main()
