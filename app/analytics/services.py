"""The organisers' funnel: from listings and suggestions shown to signed contracts.

Filters: a forum, a country, a sector and a period. Country, sector and forum pick a set of companies (those of
the country, of the sector, registered at the forum); an event counts when a company of that set takes part in it
(either side of an interest, a meeting or a deal). A forum also limits meetings to its own. The period applies to
when each event happened: listings created, suggestions shown (day), feedback given, interest expressed, interest
accepted, the forum's first day for meetings, deals opened, and the day a contract was signed.
"""
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from app.analytics.models import SuggestionImpression
from app.deals.models import Deal, DealStage, DealStageChange, Interest, InterestStatus
from app.extensions import db
from app.forums.models import Forum, Meeting, Participant
from app.matches.models import MatchFeedback
from app.opportunities.models import Opportunity
from app.profiles.models import Company


@dataclass(frozen=True)
class Filters:
    forum_id: int | None = None
    country: str | None = None
    sector: str | None = None
    start: date | None = None
    end: date | None = None  # inclusive
    # the forums an organiser may see (None: every forum and company, for admins); with a scope, "all" means
    # the companies registered at these forums, and meetings of these forums only
    scope: tuple[int, ...] | None = None

    def forums(self) -> tuple[int, ...] | None:
        """The forums whose participants and meetings count, or None for no limit."""
        return (self.forum_id,) if self.forum_id else self.scope

    def companies(self) -> list[int] | None:
        """Ids of the companies the filters pick, or None for "all companies"."""
        forums = self.forums()
        if not (forums is not None or self.country or self.sector):
            return None
        query = select(Company.id, Company.sectors)
        if self.country:
            query = query.where(Company.country == self.country.upper())
        if forums is not None:
            query = query.where(Company.id.in_(select(Participant.company_id)
                                               .where(Participant.forum_id.in_(forums))))
        # sectors are a JSON list: filtered here, the same on SQLite and PostgreSQL
        return [i for i, sectors in db.session.execute(query) if not self.sector or self.sector in (sectors or [])]

    def period(self, column):
        """A condition keeping `column` (a date or a naive UTC datetime) within the period."""
        conditions = []
        if self.start:
            conditions.append(column >= self.start)
        if self.end:
            conditions.append(column < self.end + timedelta(days=1))
        return and_(True, *conditions)


def _involving(ids: list[int] | None, *columns):
    return True if ids is None else or_(*(column.in_(ids) for column in columns))


def listings(filters: Filters) -> dict[str, dict[str, Counter]]:
    """Companies and opportunities by country and by sector (a company counts once in each of its sectors)."""
    ids = filters.companies()
    result = {"country": {"companies": Counter(), "opportunities": Counter()},
              "sector": {"companies": Counter(), "opportunities": Counter()}}
    companies = db.session.execute(select(Company.country, Company.sectors).where(
        _involving(ids, Company.id), filters.period(Company.created_at)))
    for country, sectors in companies:
        result["country"]["companies"][country] += 1
        result["sector"]["companies"].update(sectors or [])
    opportunities = db.session.execute(select(Company.country, Company.sectors).join(Opportunity.company).where(
        _involving(ids, Company.id), filters.period(Opportunity.created_at)))
    for country, sectors in opportunities:
        result["country"]["opportunities"][country] += 1
        result["sector"]["opportunities"].update(sectors or [])
    return result


def _feedback(filters: Filters, ids: list[int] | None) -> Counter:
    """Verdicts on suggestions, counted for the company the suggestions were for."""
    source_company = func.coalesce(Opportunity.company_id, MatchFeedback.source_id)
    query = (select(MatchFeedback.verdict, func.count(MatchFeedback.id))
             .outerjoin(Opportunity, and_(MatchFeedback.source_type == "opportunity",
                                          Opportunity.id == MatchFeedback.source_id))
             .where(filters.period(MatchFeedback.created_at), _involving(ids, source_company))
             .group_by(MatchFeedback.verdict))
    return Counter(dict(db.session.execute(query).all()))


def _meetings(filters: Filters, ids: list[int] | None) -> tuple[int, int]:
    """Meetings scheduled (given a slot) and held (marked as taken place)."""
    first, second = aliased(Participant), aliased(Participant)
    query = (select(func.count(Meeting.id), func.count(Meeting.id).filter(Meeting.took_place.is_(True)))
             .join(Forum, Meeting.forum).join(first, Meeting.p1).join(second, Meeting.p2)
             .where(Meeting.slot.is_not(None), filters.period(Forum.starts_on),
                    _involving(ids, first.company_id, second.company_id)))
    if filters.forums() is not None:
        query = query.where(Meeting.forum_id.in_(filters.forums()))
    scheduled, held = db.session.execute(query).one()
    return scheduled or 0, held or 0


def _signed_deals(filters: Filters, ids: list[int] | None) -> list[Deal]:
    """Deals now at "contract signed" whose signature falls in the period."""
    signed_in_period = select(DealStageChange.deal_id).where(DealStageChange.stage == DealStage.CONTRACT_SIGNED,
                                                             filters.period(DealStageChange.created_at))
    return list(db.session.scalars(select(Deal).where(
        Deal.stage == DealStage.CONTRACT_SIGNED, Deal.id.in_(signed_in_period),
        _involving(ids, Deal.company_a_id, Deal.company_b_id)).order_by(Deal.id)))


def funnel(filters: Filters) -> dict:
    """Every figure of the dashboard for these filters."""
    ids = filters.companies()
    shown = db.session.scalar(select(func.coalesce(func.sum(SuggestionImpression.shown), 0)).where(
        filters.period(SuggestionImpression.day), _involving(ids, SuggestionImpression.company_id)))
    verdicts = _feedback(filters, ids)
    expressed = db.session.scalar(select(func.count(Interest.id)).where(
        filters.period(Interest.created_at), _involving(ids, Interest.from_company_id, Interest.to_company_id)))
    mutual = db.session.scalar(select(func.count(Interest.id)).where(
        Interest.status == InterestStatus.ACCEPTED, filters.period(Interest.answered_at),
        _involving(ids, Interest.from_company_id, Interest.to_company_id)))
    scheduled, held = _meetings(filters, ids)
    stages = Counter(dict(db.session.execute(select(Deal.stage, func.count(Deal.id)).where(
        filters.period(Deal.created_at), _involving(ids, Deal.company_a_id, Deal.company_b_id))
        .group_by(Deal.stage)).all()))
    signed = _signed_deals(filters, ids)
    value = Counter()
    for deal in signed:
        value[deal.currency] += deal.value or 0
    return {
        "steps": {"suggestions_shown": int(shown), "relevant": verdicts["relevant"],
                  "not_for_me": verdicts["dismissed"], "interest": expressed, "mutual": mutual,
                  "meetings_scheduled": scheduled, "meetings_held": held, "deals": sum(stages.values()),
                  "contracts": len(signed)},
        "stages": {stage.value: stages.get(stage, 0) for stage in DealStage},
        "contract_value": {currency: round(total, 2) for currency, total in sorted(value.items())},
        "listings": listings(filters),
    }
