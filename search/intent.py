"""What a query says its writer wants: "нужен экспедитор по Китаю" asks for forwarders, not for others who need one.

A query typed as a request ("IT-Fachkräfte gesucht", "құрылыс мердігері керек", "我们需要冷链运输") carries words
that only say "we need", and listings that need the same thing hold those words too: searched as typed, "gesucht"
finds every German request. `intent_of` reads such words off the query: the query is searched without them, and
the listings that answer it (offers, for a need; requests, for goods on sale: "продаю пшеницу") rank before those
of the writer's own side, which come after all of them (embedded: after the blend; Meilisearch: in a query of their
own weighted below). The words are the team's own list; a partner role named beside them ("ищем дистрибьютора")
says better who answers, so the role's kind wins there (`search.roles`)."""
from __future__ import annotations

from typing import NamedTuple

from search.analysis import STOPWORDS, words
from search.chinese import spaced
from search.roles import ROLE_KINDS
from search.synonyms import Thesaurus

# On: the words of a need or a sale are left out of the query and the answering kind ranks first; off = the words
# are searched like any other (the state before)
INTENT = True

# Phrases that say the writer needs or looks for what the rest of the query names: answered by offers. Verb forms
# as typed in a search box, in the seven languages (Kazakh in both scripts).
NEED = """
нужен, нужна, нужно, нужны, требуется, требуются, ищу, ищем, ищет, ищут, куплю, купим, закупаем, закупим
need, needs, needed, wanted, seeking, looking for, searching for, want to buy
керек, қажет, қажетті, іздейміз, іздеймін, іздейді, kerek, qajet, qajetti, izdeımiz, izdeimiz, izdeımin, izdeimin
arıyoruz, arıyorum, aranıyor, aranmaktadır, lazım, gerekli, ihtiyacımız, ihtiyacım
gesucht, suchen, suche, benötigt, benötigen, brauchen
需要, 寻找, 求购, 寻求, 急需
хэрэгтэй, шаардлагатай, хайна, хайж байна, хайж байгаа
"""
# Phrases that say the writer sells or offers what the rest names: answered by requests.
SELL = """
продам, продаю, продаём, продаем, предлагаем, предлагаю
sell, selling, for sale, we offer
сатамыз, сатамын, сатылады, ұсынамыз, satamyz, satamyn, satylady, usynamyz
satılık, satıyoruz, satıyorum
verkaufe, verkaufen, zu verkaufen
出售
зарна, худалдана
"""
# who writes such a query, when it also holds an intent word ("нам нужен", "wir suchen", "我们需要")
PRONOUNS = frozenset(
    "нам мне мы я we i wir ich biz ben bizge mağan бізге маған біз мен 我们 我 бид би надад бидэнд".split())


def _phrases(block: str) -> list[tuple[str, ...]]:
    """A block's comma-separated phrases as tuples of words (as `search.analysis.words` splits them), longest first
    so that "looking for" is taken whole."""
    phrases = {tuple(words(part)) for part in block.replace("\n", ",").split(",") if part.strip()}
    return sorted(phrases, key=len, reverse=True)


_BY_KIND = (("offer", _phrases(NEED)), ("request", _phrases(SELL)))


def _at(keys: list[tuple[str, ...]], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the tokens from `i` on (each by its words) spell `phrase`, one word a token."""
    return i + len(phrase) <= len(keys) and all(keys[i + j] == (w,) for j, w in enumerate(phrase))


class Intent(NamedTuple):
    """The query without its intent words, and the kind of listing that answers it."""

    rest: str
    kind: str


def intent_of(q: str, thesaurus: Thesaurus) -> Intent | None:
    """The intent a query states beside what it is about; None when it states none, states both a need and a sale,
    states nothing else, or when leaving its words out would lose a concept the query names (a thesaurus phrase that
    needs them; "ищу инвестора" still names its concept in "инвестора", so it is read). A partner role the rest
    names says who answers ("ищем дистрибьютора": distributors, who publish requests). Always None when `INTENT`
    is off."""
    if not INTENT:
        return None
    tokens = spaced(q).split()  # as typed, a Chinese run parted into its words
    keys = [tuple(words(t)) for t in tokens]
    found: dict[str, list[tuple[int, int]]] = {}
    i = 0
    while i < len(tokens):
        hit = next(((kind, len(p)) for kind, phrases in _BY_KIND for p in phrases if _at(keys, i, p)), None)
        if hit:
            found.setdefault(hit[0], []).append((i, i + hit[1]))
            i += hit[1]
        else:
            i += 1
    if len(found) != 1:
        return None
    kind, spans = found.popitem()
    covered = {i for start, end in spans for i in range(start, end)}
    rest = [i for i in range(len(tokens)) if i not in covered and not set(keys[i]) <= PRONOUNS]
    if not any(w not in STOPWORDS for i in rest for w in keys[i]):
        return None
    text = " ".join(tokens[i] for i in rest)
    named = {concept for _, _, concept in thesaurus.matches(q)}
    kept = {concept for _, _, concept in thesaurus.matches(text)}
    if not named <= kept:
        return None
    roles = {ROLE_KINDS[concept] for concept in kept if concept in ROLE_KINDS}
    return Intent(text, roles.pop() if len(roles) == 1 else kind)


def searched_text(q: str, thesaurus: Thesaurus) -> str:
    """The words a query is searched by, also by meaning and through the HS pivot: without its intent's."""
    stated = intent_of(q, thesaurus)
    return stated.rest if stated else q
