"""Who to meet: a ranking of a forum's other participants with a reason for each.

The matcher's suggestions for the participant's company come first (a participant's company, or one of its
opportunities, suggested), with the matcher's own reasons; the others follow, ranked by complementary company
kind (diaspora buyer and Kazakh exporter) and shared sectors and languages, which also serves while the
matcher's vectors are still being computed.
"""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.forums.models import Forum, Participant
from app.i18n import language_name
from app.reference.sectors import sector_label


@dataclass(frozen=True)
class Suggestion:
    participant: Participant
    score: float
    reason: str


def _score(mine, theirs) -> tuple[float, list[str]]:
    """Score and reason parts for two companies (either may be missing)."""
    if mine is None or theirs is None:
        return 0.0, []
    score, reasons = 0.0, []
    if mine.kind != theirs.kind:
        score += 2
        reasons.append(_("complementary: exporter and diaspora business"))
    sectors = [s for s in theirs.sectors or [] if s in set(mine.sectors or [])]
    if sectors:
        score += len(sectors)
        reasons.append(_("shared sectors: %(list)s", list=", ".join(sector_label(s) for s in sectors)))
    languages = [lang for lang in theirs.languages or [] if lang in set(mine.languages or [])]
    if languages:
        score += 0.5 * len(languages)
        reasons.append(_("common languages: %(list)s", list=", ".join(language_name(lang) for lang in languages)))
    return score, reasons


def _matched(company) -> dict[int, tuple[float, str]]:
    """company id -> (matcher score, reason) from the matcher's suggestions for `company`."""
    from app.matches.reasons import reason_text
    from app.matches.services import matcher, suggestions_for_company

    if company is None or company.is_hidden:
        return {}
    found = {}
    for match in suggestions_for_company(company, limit=200) or []:
        owner = match.id if match.type == "company" else matcher()[0].get(match.id)["company_id"]
        if owner not in found:
            found[owner] = (match.score, "; ".join(reason_text(r) for r in match.reasons[:2]))
    return found


def suggested_participants(forum: Forum, participant: Participant) -> list[Suggestion]:
    """Every other participant, best suggestions first (score 0 means nothing in common found)."""
    matched = _matched(participant.company)
    suggestions = []
    for other in forum.participants:
        if other.id == participant.id:
            continue
        score, reasons = _score(participant.company, other.company)
        if other.company is not None and other.company.id in matched:
            match_score, reason = matched[other.company.id]
            suggestions.append(Suggestion(other, 100 + match_score, reason or "; ".join(reasons)))
        else:
            suggestions.append(Suggestion(other, score, "; ".join(reasons)))
    return sorted(suggestions, key=lambda s: (-s.score, s.participant.user.name.lower(), s.participant.id))
