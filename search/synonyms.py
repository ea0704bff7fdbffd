"""Synonyms across languages: one concept ("customs clearance") named in every language users write, so that a
query phrase also finds listings that name the concept in another language ("таможенное оформление",
"gümrük müşavirliği", "报关").

The goods themselves reach other languages through the HS nomenclature (`search.pivot`); this thesaurus holds what
the nomenclature does not name: services, business activities and broad categories of goods
(`data/synonyms.tsv`, see its header). Both backends use it: Meilisearch through its own `synonyms` setting
(`meilisearch_synonyms`), the embedded backend through one more match set that holds the query with each other
phrase of the concept in place of the phrase it contains (`Thesaurus.alternatives`,
`search.embedded.planner.any_plan`); a phrase is recognised by its words' typed, folded and stemmed forms, so
"таможенного оформления" meets "таможенное оформление".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from search.analysis import STOPWORDS, query_words, word_forms, words

SYNONYMS = Path(__file__).parent / "data" / "synonyms.tsv"
LANGS = ("en", "ru", "kk", "tr", "de", "zh", "mn")
# alternatives searched for one query at most (a query naming two concepts would otherwise multiply them)
MAX_ALTERNATIVES = 40
# Meilisearch fetches synonyms for terms of at most three words (meilisearch/documentation issue 2676), and
# derives at most 50 synonym phrases of 100 words in all from one term, dropping the rest (milli's
# search/new/limits.rs): a concept of more phrases than that is cut there, not refused
MEILI_MAX_WORDS = 3


def _phrase_forms(phrase: str) -> tuple[frozenset[str], ...]:
    """Per content word of a phrase, its typed, folded and stemmed forms."""
    kept = [w for w in words(phrase) if w not in STOPWORDS] or words(phrase)
    return tuple(frozenset(word_forms(w)) for w in kept)


def _same(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> bool:
    """Whether two phrases are the same words, up to their forms ("таможенного оформления", "таможенное
    оформление")."""
    return len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


@dataclass
class Thesaurus:
    """Concepts, each a list of phrases (all languages together) that mean the same."""

    concepts: dict[str, list[str]]
    _starts: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = field(default_factory=dict, init=False,
                                                                             repr=False)
    _forms: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for concept, phrases in self.concepts.items():
            for phrase in phrases:
                forms = self._forms[phrase] = _phrase_forms(phrase)
                if forms:
                    for form in forms[0]:
                        self._starts.setdefault(form, []).append((concept, forms))

    def matches(self, q: str) -> list[tuple[int, int, str]]:
        """(first word, end word, concept) of the concept phrases a query contains, left to right, longest
        first where two start at the same word; positions count the query's words (`search.analysis.query_words`)."""
        qwords = query_words(q)
        qforms = [{w.raw, w.fold, *w.stems} for w in qwords]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(qforms):
            best: tuple[int, str] | None = None
            for form in qforms[i]:
                for concept, forms in self._starts.get(form, []):
                    end = i + len(forms)
                    fits = end <= len(qforms) and all(qforms[i + j] & forms[j] for j in range(len(forms)))
                    if fits and (best is None or end > best[0]):
                        best = (end, concept)
            if best:
                found.append((i, best[0], best[1]))
                i = best[0]
            else:
                i += 1
        return found

    def alternatives(self, q: str) -> list[str]:
        """The query again with one recognised phrase replaced by each other phrase of its concept, in file
        order; [] when it contains none. Stopwords are left out, as the search leaves them out anyway."""
        qwords = [w.raw for w in query_words(q)]
        out: list[str] = []
        for start, end, concept in self.matches(q):
            typed = _phrase_forms(" ".join(qwords[start:end]))
            for phrase in self.concepts[concept]:
                if not _same(self._forms[phrase], typed):  # the typed phrase, maybe inflected, is searched anyway
                    out.append(" ".join([*qwords[:start], phrase, *qwords[end:]]))
        return list(dict.fromkeys(out))[:MAX_ALTERNATIVES]

    def meilisearch_synonyms(self) -> dict[str, list[str]]:
        """The `synonyms` setting of a Meilisearch index: every phrase of up to `MEILI_MAX_WORDS` words maps to
        the other phrases of its concept (longer phrases are still reached from the shorter ones)."""
        out: dict[str, list[str]] = {}
        for phrases in self.concepts.values():
            for phrase in phrases:
                if len(phrase.split()) <= MEILI_MAX_WORDS:
                    key = phrase.lower()
                    others = [p for p in phrases if p.lower() != key]
                    out[key] = list(dict.fromkeys([*out.get(key, []), *others]))
        return out


def load(path: Path | None = None) -> Thesaurus:
    """The thesaurus of a file (default `SYNONYMS`) of CONCEPT<TAB>LANG<TAB>phrase lines ("#" comments and
    blank lines skipped)."""
    path = SYNONYMS if path is None else path
    concepts: dict[str, list[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("#") or len(parts) != 3 or not parts[2].strip():
                continue
            concept, _, phrase = (p.strip() for p in parts)
            if phrase not in concepts.setdefault(concept, []):
                concepts[concept].append(phrase)
    return Thesaurus(concepts)


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """The shipped thesaurus, read once per process."""
    return load()
