"""Suggestions for the site: a per-process matcher kept up to date from stored vectors, and feedback.

Requests never embed: the matcher holds only records whose stored vectors match their current text; the others
are "pending" until the `embed` job has run (the page says suggestions are being computed). After a change the
matcher takes in only the changed listings (`live.py`); it is built whole once per process, by a worker thread
that the process's first request starts.
"""
import gc
import logging
import threading

from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.jobs import enqueue
from app.matches.live import LiveMatcher
from app.matches.models import MatchFeedback
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from matching.engine import Match, Matcher

VERDICTS = ("relevant", "dismissed")


_live = LiveMatcher()


def matcher() -> tuple[Matcher, set]:
    """This process's matcher and the listings still waiting for vectors, brought up to date by increments."""
    return _live.get()


def _user_feedback(source_type: str, source_id: int) -> tuple[set, set]:
    if not getattr(current_user, "is_authenticated", False):  # also outside a request (jobs, CLI)
        return set(), set()
    rows = db.session.execute(select(MatchFeedback.target_type, MatchFeedback.target_id, MatchFeedback.verdict)
                              .where(MatchFeedback.user_id == current_user.id,
                                     MatchFeedback.source_type == source_type,
                                     MatchFeedback.source_id == source_id))
    liked, dismissed = set(), set()
    for target_type, target_id, verdict in rows:
        (liked if verdict == "relevant" else dismissed).add((target_type, target_id))
    return liked, dismissed


def _own_keys() -> set:
    """The user's own companies and their opportunities: never suggested to them."""
    if not getattr(current_user, "is_authenticated", False):  # also outside a request (jobs, CLI)
        return set()
    keys = set()
    for company in db.session.scalars(select(Company).where(Company.owner_id == current_user.id)):
        keys.add(("company", company.id))
        keys.update(("opportunity", o.id) for o in company.opportunities)
    return keys


def suggestions_for_opportunity(opportunity: Opportunity, limit: int = 10) -> list[Match] | None:
    """Best counterparts of the complementary kind; None while this opportunity's vectors are pending."""
    found, pending = matcher()
    if ("opportunity", opportunity.id) in pending:
        enqueue("embed")
        return None
    liked, dismissed = _user_feedback("opportunity", opportunity.id)
    excluded = {i for t, i in dismissed | _own_keys() if t == "opportunity"}
    return found.match_opportunity(opportunity.id, limit=limit, dismissed=excluded,
                                   liked=[i for t, i in liked if t == "opportunity"])


def suggestions_for_company(company: Company, limit: int = 10) -> list[Match] | None:
    """Partner companies and opportunities for a company; None while its vectors are pending."""
    found, pending = matcher()
    if ("company", company.id) in pending:
        enqueue("embed")
        return None
    liked, dismissed = _user_feedback("company", company.id)
    return found.match_company(company.id, limit=limit, dismissed=dismissed | _own_keys(), liked=liked)


def record_feedback(user_id: int, source: tuple[str, int], target: tuple[str, int], verdict: str) -> MatchFeedback:
    """Store (or change) a user's verdict on one suggestion."""
    row = db.session.scalar(select(MatchFeedback).filter_by(user_id=user_id, source_type=source[0],
                                                             source_id=source[1], target_type=target[0],
                                                             target_id=target[1]))
    if row is None:
        row = MatchFeedback(user_id=user_id, source_type=source[0], source_id=source[1], target_type=target[0],
                            target_id=target[1])
        db.session.add(row)
    row.verdict = verdict
    db.session.flush()
    return row


def on_commit(session, keys) -> None:
    """After a save or an import: embed the changed texts in the background."""
    from flask import current_app

    if session.info.pop("from_embed_job", False) or not current_app.config["EMBED_ON_COMMIT"]:
        return
    enqueue("embed")


def hs_inference() -> None:
    """Load this process's HS inferrer from the cached nomenclature and goods vectors, if the embed job has
    cached them (about 0.4 s, and 0.1 s to hash the texts that name the cache even when it has not)."""
    from app.opportunities.hs_suggest import inferrer

    model = inferrer()
    if model.is_ready():
        model.warm()


def _warm_up(app) -> None:
    """Build this process's matcher, the HS headings' words that suggestions and the search pivot weigh, the
    search's thesaurus (about 0.4 s to read) with its spelling vocabulary (0.5 s more), its index of country names,
    the dictionary that parts Chinese queries into words (0.5 s), the Russian dictionary that tells words of one
    stem apart (0.1 s) and the HS inferrer, outside any request."""
    from app.opportunities.hs_suggest import heading_words
    from search.chinese import warm as chinese_words
    from search.countries import country_index
    from search.russian import warm as russian_words
    from search.synonyms import thesaurus

    def thesaurus_and_spelling() -> None:
        thesaurus().warm()

    with app.app_context():
        for build in (matcher, heading_words, thesaurus_and_spelling, country_index, chinese_words, russian_words,
                      hs_inference):
            try:
                build()
            except Exception:  # a request builds it then; the failure must not pass unseen
                logging.getLogger(__name__).exception("%s could not be built ahead", build.__name__)
    # What was just built lives as long as the process: about a million objects that every full collection would
    # walk again. Frozen, later collections skip them (searches 18% less CPU on average in one process, and no
    # half-second pause; docs/benchmarks.md, "The site under load").
    gc.freeze()


def init_app(app) -> None:
    from app.changes import after_commit_hooks

    if on_commit not in after_commit_hooks:
        after_commit_hooks.append(on_commit)
    started = threading.Event()

    @app.before_request
    def catch_up_once() -> None:
        """The first request of a worker process asks for whatever waits (e.g. after an import from the CLI)."""
        if not started.is_set() and app.config["EMBED_ON_COMMIT"]:
            started.set()
            enqueue("embed")
            enqueue("search-sync")
            if not app.testing:
                threading.Thread(target=_warm_up, args=(app,), name="atameken-matcher", daemon=True).start()
