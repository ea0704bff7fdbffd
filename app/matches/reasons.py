"""Reasons for a suggestion in the interface language: one sentence per structured reason of the matcher.

`matching` returns codes and parameters (it knows no language); every code has its sentence here, in the
translation catalogue. A code without a sentence is a bug, not something to show in English: it falls back
to a neutral translated phrase and the test over `matching.reasons.CODES` catches it.
"""
from collections.abc import Callable

from flask_babel import gettext as _

from app.i18n import country_name, hs_name, language_name
from app.reference.sectors import sector_label
from matching.reasons import Reason


def _join(items, name=lambda x: x) -> str:
    return ", ".join(name(i) for i in items)


def _same_hs(p: dict) -> str:
    text = _("Same product: HS %(code)s, %(name)s", code=p["code"], name=hs_name(p["code"]))
    return text + (" " + _("(code inferred from the text)") if p.get("inferred") else "")


SENTENCES: dict[str, Callable[[dict], str]] = {
    "matching_opportunity": lambda p: _("Has a matching opportunity: %(title)s", title=p.get("title", "")),
    "same_hs": _same_hs,
    "similar_text": lambda p: _("Similar description: “%(theirs)s” ~ “%(yours)s”", theirs=p["candidate_phrase"],
                                yours=p["query_phrase"]),
    "target_market": lambda p: _("Targets %(countries)s", countries=_join(p["countries"], country_name)),
    "certificates": lambda p: _("Has the certificates asked for: %(certs)s", certs=_join(p["certificates"])),
    "shared_languages": lambda p: _("Languages in common: %(languages)s",
                                    languages=_join(p["languages"], language_name)),
    "same_sector": lambda p: _("Same sector: %(sectors)s", sectors=_join(p["sectors"], sector_label)),
    "verified": lambda p: _("Verified company"),
    "recent": lambda p: _("Updated in the last %(days)s days", days=p["days"]),
}


def reason_text(reason: Reason) -> str:
    """A plain sentence a person understands; never a bare number."""
    sentence = SENTENCES.get(reason.code)
    return sentence(reason.params) if sentence else _("Close to what you offer or seek")


def match_dict(match) -> dict:
    """The API form of one suggestion, reasons as sentences with their codes."""
    return {"id": match.id, "ref": match.ref, "type": match.type, "title": match.title,
            "score": round(float(match.score), 4),
            "reasons": [{"code": r.code, "text": reason_text(r)} for r in match.reasons]}
