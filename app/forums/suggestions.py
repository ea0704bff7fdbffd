"""Who to meet: a ranking of a forum's other participants with a reason for each.

`suggested_participants` is the hook the matcher will replace; for now it ranks by complementary company
kind (diaspora buyer and Kazakh exporter) and shared sectors and languages.
"""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.forums.models import Forum, Participant
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
        reasons.append(_("common languages: %(list)s", list=", ".join(languages)))
    return score, reasons


def suggested_participants(forum: Forum, participant: Participant) -> list[Suggestion]:
    """Every other participant, best suggestions first (score 0 means nothing in common found)."""
    suggestions = []
    for other in forum.participants:
        if other.id == participant.id:
            continue
        score, reasons = _score(participant.company, other.company)
        suggestions.append(Suggestion(other, score, "; ".join(reasons)))
    return sorted(suggestions, key=lambda s: (-s.score, s.participant.user.name.lower(), s.participant.id))
