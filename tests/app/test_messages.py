"""Conversations: one per pair, opened on mutual interest, plain text safely rendered, unread counts."""
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.deals import messaging, services
from app.deals.models import Conversation, Message
from app.extensions import db
from tests.app.test_interest import make_pair
from tests.conftest import login


@pytest.fixture
def mutual(app, make_user, make_company, make_opportunity):
    pair = make_pair(make_user, make_company, make_opportunity)
    with app.test_request_context():
        interest = services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"], "hi")
        services.answer_interest(pair["seller_user"], interest, accept=True)
    db.session.commit()
    pair["thread"] = db.session.scalar(select(Conversation))
    return pair


def _switch(client, email):
    client.post("/account/logout")
    login(client, email)


def test_conversation_opens_on_mutual_interest_only(app, make_user, make_company, make_opportunity):
    pair = make_pair(make_user, make_company, make_opportunity)
    with app.test_request_context():
        services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"])
    db.session.commit()
    assert db.session.scalar(select(Conversation)) is None


def test_message_is_escaped_and_keeps_line_breaks(client, mutual):
    login(client, "buyer@example.org")
    url = f"/deals/messages/{mutual['thread'].id}"
    body = "Hello <script>alert('x')</script>\nSecond line & more"
    assert client.post(url, data={"body": body}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\nSecond line &amp; more" in page
    assert db.session.scalar(select(Message)).body == body  # stored as typed, escaped only when shown


def test_unread_counts_in_the_nav(client, mutual):
    login(client, "buyer@example.org")
    url = f"/deals/messages/{mutual['thread'].id}"
    client.post(url, data={"body": "First"})
    client.post(url, data={"body": "Second"})
    assert messaging.unread_messages(mutual["seller_user"].id) == 2
    assert messaging.unread_messages(mutual["buyer_user"].id) == 0  # one's own messages are read
    _switch(client, "seller@example.kz")
    nav = client.get("/deals/").get_data(as_text=True)
    assert 'data-nav-messages>Messages <span class="nav-count">2</span>' in nav
    listing = client.get("/deals/messages").get_data(as_text=True)
    assert "data-unread>2<" in listing
    client.get(url)  # reading the thread
    assert messaging.unread_messages(mutual["seller_user"].id) == 0
    client.post(url, data={"body": "Reply"})
    assert messaging.unread_messages(mutual["buyer_user"].id) == 1


def test_strangers_cannot_read_or_write(client, mutual, make_user):
    make_user(email="stranger@example.org")
    login(client, "stranger@example.org")
    url = f"/deals/messages/{mutual['thread'].id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"body": "spam"}).status_code == 404
    assert db.session.scalar(select(db.func.count(Message.id))) == 0


def test_one_conversation_per_pair(mutual):
    again = messaging.open_conversation(mutual["buyer"], mutual["seller"])
    assert again.id == mutual["thread"].id
    a, b = sorted((mutual["buyer"].id, mutual["seller"].id))
    db.session.add(Conversation(company_a_id=a, company_b_id=b))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_empty_or_long_message_refused(client, mutual):
    login(client, "buyer@example.org")
    url = f"/deals/messages/{mutual['thread'].id}"
    assert client.post(url, data={"body": "   "}).status_code == 200  # the form shows its error
    assert client.post(url, data={"body": "x" * 5001}).status_code == 200
    assert db.session.scalar(select(db.func.count(Message.id))) == 0


def test_message_mail_has_no_text_and_no_contacts(client, mutual):
    from tests.app.test_interest import BUYER_EMAIL, SELLER_EMAIL, _mails, mail_texts

    for path in _mails(client.application):
        path.unlink()
    login(client, "buyer@example.org")
    client.post(f"/deals/messages/{mutual['thread'].id}", data={"body": "Our price is 310 USD/t"})
    texts = mail_texts(client.application)
    assert len(texts) == 1 and "New message from Anatolia Un" in texts[0]
    assert "310 USD" not in texts[0] and SELLER_EMAIL not in texts[0] and BUYER_EMAIL not in texts[0]


def test_the_nav_reads_its_three_badges_in_one_statement(app, client, mutual, make_user, make_company,
                                                         count_queries):
    """Interest waiting for an answer, unread messages and unread notifications, each right, read together."""
    from app.deals.routes import nav_counts
    from app.notifications.services import unread_notifications

    third = make_company(make_user(email="third@example.de", name="Aidos"), name="Berlin Mehl", kind="diaspora",
                         country="DE")
    with app.test_request_context():
        services.express_interest(third.owner, third, mutual["seller"], "hello")  # waits for the seller's answer
    db.session.commit()
    login(client, "buyer@example.org")
    for body in ("One", "Two"):
        client.post(f"/deals/messages/{mutual['thread'].id}", data={"body": body})
    client.post("/account/logout")
    login(client, "seller@example.kz")
    seller_id = mutual["seller_user"].id
    expected = {"interest": 1, "messages": 2, "notifications": unread_notifications(seller_id)}
    assert expected["notifications"] > 0  # the interest and the messages told the seller
    with app.test_request_context():
        from flask_login import login_user

        login_user(mutual["seller_user"])
        counts = nav_counts()["nav_counts"]
        with count_queries() as statements:
            assert counts() == expected
        assert len(statements) == 1
    page = client.get("/deals/").get_data(as_text=True)
    assert 'data-nav-interest>Interest <span class="nav-count">1</span>' in page
    assert 'data-nav-messages>Messages <span class="nav-count">2</span>' in page
    assert f'data-nav-notifications>Notifications <span class="nav-count">{expected["notifications"]}</span>' in page
