"""Reasons for a suggestion in the interface language: one sentence per structured reason of the matcher."""
from flask_babel import gettext as _

from app.i18n import country_name, hs_name, language_name
from app.reference.sectors import sector_label
from matching.reasons import Reason


def _join(items, name=lambda x: x) -> str:
    return ", ".join(name(i) for i in items)


def reason_text(reason: Reason) -> str:
    """A plain sentence a person understands; never a bare number."""
    p = reason.params
    code = reason.code
    if code == "same_hs":
        text = _("Same product: HS %(code)s, %(name)s", code=p["code"], name=hs_name(p["code"]))
        return text + (" " + _("(code inferred from the text)") if p.get("inferred") else "")
    if code == "similar_text":
        return _("Similar description: “%(theirs)s” ~ “%(yours)s”", theirs=p["candidate_phrase"],
                 yours=p["query_phrase"])
    if code == "target_market":
        return _("Targets %(countries)s", countries=_join(p["countries"], country_name))
    if code == "certificates":
        return _("Has the certificates asked for: %(certs)s", certs=_join(p["certificates"]))
    if code == "shared_languages":
        return _("Languages in common: %(languages)s", languages=_join(p["languages"], language_name))
    if code == "same_sector":
        return _("Same sector: %(sectors)s", sectors=_join(p["sectors"], sector_label))
    if code == "verified":
        return _("Verified company")
    if code == "recent":
        return _("Updated in the last %(days)s days", days=p["days"])
    return reason.describe()


def match_dict(match) -> dict:
    """The API form of one suggestion, reasons as sentences with their codes."""
    return {"id": match.id, "ref": match.ref, "type": match.type, "title": match.title,
            "score": round(float(match.score), 4),
            "reasons": [{"code": r.code, "text": reason_text(r)} for r in match.reasons]}
