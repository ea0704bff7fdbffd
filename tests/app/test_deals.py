"""Deals: opened from a conversation (or by the forums through `open_deal`), the same for both sides, with an
append-only stage history."""
import pytest
from flask_babel import force_locale
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from app.deals import tracking
from app.deals.models import Deal, DealStage, DealStageChange
from app.errors import DomainError
from app.extensions import db
from tests.app.test_messages import mutual  # noqa: F401  (fixture)
from tests.conftest import login


def _open(client, thread_id, **extra):
    data = {"product": "Wheat flour 1st grade", "hs_code": "1101", "value": "155000", "currency": "USD",
            "volume": "500 t", "expected_on": "2027-03-01", **extra}
    return client.post(f"/deals/new?conversation_id={thread_id}", data=data)


def test_open_deal_from_conversation_seen_by_both(client, mutual):  # noqa: F811
    login(client, "buyer@example.org")
    response = _open(client, mutual["thread"].id)
    assert response.status_code == 302
    deal = db.session.scalar(select(Deal))
    assert (deal.product, deal.hs_code, deal.value, deal.currency, str(deal.expected_on), deal.stage) == (
        "Wheat flour 1st grade", "1101", 155000.0, "USD", "2027-03-01", DealStage.LEAD)
    assert deal.conversation_id == mutual["thread"].id
    assert [h.stage for h in deal.history] == [DealStage.LEAD]
    client.post("/account/logout")
    login(client, "seller@example.kz")
    assert "Wheat flour 1st grade" in client.get("/deals/").get_data(as_text=True)
    page = client.get(f"/deals/{deal.id}").get_data(as_text=True)
    assert "$155,000.00" in page


def test_stage_changes_are_appended(client, mutual):  # noqa: F811
    login(client, "buyer@example.org")
    _open(client, mutual["thread"].id)
    deal = db.session.scalar(select(Deal))
    client.post(f"/deals/{deal.id}/stage", data={"stage": "negotiation", "note": "price talks"})
    client.post("/account/logout")
    login(client, "seller@example.kz")
    client.post(f"/deals/{deal.id}/stage", data={"stage": "contract_signed"})
    db.session.refresh(deal)
    history = db.session.scalars(select(DealStageChange).where(DealStageChange.deal_id == deal.id)
                                 .order_by(DealStageChange.id)).all()
    assert [(h.stage, h.changed_by_id, h.note) for h in history] == [
        (DealStage.LEAD, mutual["buyer_user"].id, ""),
        (DealStage.NEGOTIATION, mutual["buyer_user"].id, "price talks"),
        (DealStage.CONTRACT_SIGNED, mutual["seller_user"].id, "")]
    assert deal.stage == DealStage.CONTRACT_SIGNED
    page = client.get(f"/deals/{deal.id}").get_data(as_text=True)
    assert page.count("UTC ·") == 3 and "Contract signed" in page


def test_history_is_append_only_in_the_database(mutual):  # noqa: F811
    deal = tracking.open_deal(mutual["buyer"], mutual["seller"], "Barley")
    tracking.change_stage(deal, DealStage.NEGOTIATION)
    db.session.commit()
    first = deal.history[0]
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(update(DealStageChange).where(DealStageChange.id == first.id)
                           .values(stage=DealStage.CONTRACT_SIGNED))
    db.session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text("UPDATE deal_stage_changes SET note = 'rewritten'"))
    db.session.rollback()
    assert [h.stage for h in db.session.scalars(select(DealStageChange).order_by(DealStageChange.id))] == [
        DealStage.LEAD, DealStage.NEGOTIATION]


def test_same_stage_again_refused(app, mutual):  # noqa: F811
    deal = tracking.open_deal(mutual["buyer"], mutual["seller"], "Barley")
    with app.test_request_context(), pytest.raises(DomainError):
        tracking.change_stage(deal, DealStage.LEAD)


def test_open_deal_for_the_forums(mutual):  # noqa: F811
    """The forums code calls open_deal(company_a, company_b, ...) after a meeting; the pair is stored in order."""
    deal = tracking.open_deal(mutual["seller"], mutual["buyer"], "Flour", value=1000.0, currency="eur")
    db.session.commit()
    assert (deal.company_a_id, deal.company_b_id) == tuple(sorted((mutual["seller"].id, mutual["buyer"].id)))
    assert deal.currency == "EUR" and deal.forum_id is None and len(deal.history) == 1


def test_others_cannot_see_or_move_a_deal(client, mutual, make_user):  # noqa: F811
    deal = tracking.open_deal(mutual["buyer"], mutual["seller"], "Barley")
    db.session.commit()
    make_user(email="stranger@example.org")
    login(client, "stranger@example.org")
    assert client.get(f"/deals/{deal.id}").status_code == 404
    assert client.post(f"/deals/{deal.id}/stage", data={"stage": "lost"}).status_code == 404
    client.post("/account/logout")
    make_user(email="admin@example.org", role="admin")
    login(client, "admin@example.org")
    assert client.get(f"/deals/{deal.id}").status_code == 200  # admins look
    assert client.post(f"/deals/{deal.id}/stage", data={"stage": "lost"}).status_code == 403  # but do not act
    db.session.refresh(deal)
    assert deal.stage == DealStage.LEAD


def test_deal_needs_the_conversation(client, mutual, make_user, make_company):  # noqa: F811
    make_company(make_user(email="stranger@example.org"), name="Stranger Co")
    login(client, "stranger@example.org")
    assert _open(client, mutual["thread"].id).status_code == 404
    assert db.session.scalar(select(Deal)) is None


def test_deal_from_a_forum_meeting(client, make_user, make_company):
    from app.forums.models import Meeting, Participant
    from tests.app.test_forums_factories import PASSWORD, make_forum, quick_user

    with force_locale("en"):
        forum = make_forum(quick_user("org@example.org", "Organiser", "organiser"))
    users = [quick_user(f"p{i}@example.org", f"P{i}") for i in range(3)]
    companies = [make_company(u, name=f"Company {i}") for i, u in enumerate(users)]
    people = [Participant(forum_id=forum.id, user_id=u.id, company_id=c.id)
              for u, c in zip(users, companies, strict=True)]
    db.session.add_all(people)
    db.session.flush()
    meeting = Meeting(forum_id=forum.id, p1_id=people[0].id, p2_id=people[1].id, slot=1, table=1, took_place=True)
    db.session.add(meeting)
    db.session.commit()
    login(client, "p2@example.org", PASSWORD)  # not in this meeting
    assert client.get(f"/deals/from-meeting/{meeting.id}").status_code == 404
    client.post("/account/logout")
    login(client, "p1@example.org", PASSWORD)
    response = client.post(f"/deals/from-meeting/{meeting.id}", data={"product": "Lentils", "currency": "EUR"})
    assert response.status_code == 302
    deal = db.session.scalar(select(Deal))
    assert (deal.forum_id, deal.meeting_id, deal.currency) == (forum.id, meeting.id, "EUR")
    assert {deal.company_a_id, deal.company_b_id} == {companies[0].id, companies[1].id}
