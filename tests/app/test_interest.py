"""Interest between companies: requests, answers, private declines, the daily cap, contacts only on mutual
interest (pages, API, mails)."""
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.deals import services
from app.deals.models import Conversation, Interest, InterestStatus
from app.errors import DomainError
from app.extensions import db
from tests.conftest import login

BUYER_EMAIL, BUYER_PHONE = "buy@anatolia.example.com.tr", "+90 212 555 0101"
SELLER_EMAIL, SELLER_PHONE = "sales@tobol.example.kz", "+7 714 200 0000"


def make_pair(make_user, make_company, make_opportunity) -> dict:
    """An exporter with an offer and a diaspora buyer, each with an account."""
    seller_user = make_user(email="seller@example.kz", role="exporter", name="Dana")
    buyer_user = make_user(email="buyer@example.org", name="Murat")
    seller = make_company(seller_user, name="Tobol Astyq", email=SELLER_EMAIL, phone=SELLER_PHONE)
    buyer = make_company(buyer_user, name="Anatolia Un", kind="diaspora", country="TR", sectors=["flour-milling"],
                         email=BUYER_EMAIL, phone=BUYER_PHONE, website="https://anatolia.example.com.tr",
                         description="Istanbul flour importer for bakeries.")
    offer = make_opportunity(seller)
    return {"seller_user": seller_user, "buyer_user": buyer_user, "seller": seller, "buyer": buyer, "offer": offer}


@pytest.fixture
def pair(make_user, make_company, make_opportunity):
    return make_pair(make_user, make_company, make_opportunity)


def _express(client, pair, note="We buy 500 t a month."):
    login(client, "buyer@example.org")
    return client.post(f"/deals/interest/new?opportunity_id={pair['offer'].id}",
                       data={"source": pair["buyer"].id, "note": note})


def _answer(client, action):
    client.post("/account/logout")
    login(client, "seller@example.kz")
    interest = db.session.scalar(select(Interest))
    return client.post(f"/deals/interests/{interest.id}/answer", data={"action": action})


def test_express_interest_from_an_opportunity_page(client, pair):
    login(client, "buyer@example.org")
    page = client.get(f"/opportunities/{pair['offer'].id}").get_data(as_text=True)
    assert f"/deals/interest/new?opportunity_id={pair['offer'].id}" in page
    assert _express(client, pair).status_code == 302
    interest = db.session.scalar(select(Interest))
    assert (interest.from_company_id, interest.to_company_id, interest.opportunity_id, interest.status) == (
        pair["buyer"].id, pair["seller"].id, pair["offer"].id, InterestStatus.PENDING)
    client.post("/account/logout")
    login(client, "seller@example.kz")
    incoming = client.get("/deals/interests").get_data(as_text=True)
    assert "Anatolia Un" in incoming and "We buy 500 t a month." in incoming and "Accept" in incoming
    assert 'data-nav-interest>Interest <span class="nav-count">1</span>' in incoming


def test_contacts_only_after_mutual_interest(client, pair):
    seller_page = f"/companies/{pair['seller'].id}"
    _express(client, pair)
    for page in (client.get(seller_page), client.get(f"/api/v1/companies/{pair['seller'].id}"),
                 client.get(f"/opportunities/{pair['offer'].id}")):
        text = page.get_data(as_text=True)
        assert SELLER_EMAIL not in text and SELLER_PHONE not in text
    assert _answer(client, "accept").status_code == 302
    assert BUYER_EMAIL in client.get(f"/companies/{pair['buyer'].id}").get_data(as_text=True)  # seller sees buyer
    client.post("/account/logout")
    login(client, "buyer@example.org")
    text = client.get(seller_page).get_data(as_text=True)
    assert SELLER_EMAIL in text and SELLER_PHONE in text
    api = client.get(f"/api/v1/companies/{pair['seller'].id}").get_data(as_text=True)
    assert SELLER_EMAIL not in api  # the API never carries contacts


def test_contacts_stay_private_for_third_parties(client, pair, make_user, make_company):
    _express(client, pair)
    _answer(client, "accept")
    make_company(make_user(email="third@example.org"), name="Third Co", country="DE", email="t@third.example")
    client.post("/account/logout")
    login(client, "third@example.org")
    text = client.get(f"/companies/{pair['seller'].id}").get_data(as_text=True)
    assert SELLER_EMAIL not in text and SELLER_PHONE not in text
    client.post("/account/logout")
    text = client.get(f"/companies/{pair['buyer'].id}").get_data(as_text=True)  # anonymous
    assert BUYER_EMAIL not in text and BUYER_PHONE not in text


def test_decline_is_private(client, pair):
    earlier = len(mail_texts(client.application))  # the mail folder is shared by the whole session
    _express(client, pair)
    client.post("/account/logout")
    login(client, "buyer@example.org")
    before = client.get("/deals/interests").get_data(as_text=True)
    _answer(client, "decline")
    assert "declined" in client.get("/deals/interests").get_data(as_text=True)  # the decliner sees it
    client.post("/account/logout")
    login(client, "buyer@example.org")
    after = client.get("/deals/interests").get_data(as_text=True)
    assert "no answer yet" in after and "declined" not in after.lower()
    assert before.split('data-outgoing')[1] == after.split('data-outgoing')[1]  # the same page as while pending
    assert SELLER_EMAIL not in client.get(f"/companies/{pair['seller'].id}").get_data(as_text=True)
    mails = "".join(mail_texts(client.application)[earlier:])
    assert "declin" not in mails.lower()


def test_asking_back_makes_interest_mutual(app, pair):
    with app.test_request_context():
        services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"], "hello")
        answered = services.express_interest(pair["seller_user"], pair["seller"], pair["buyer"])
    assert answered.status == InterestStatus.ACCEPTED
    assert services.has_mutual_interest(pair["seller"].id, pair["buyer"].id)
    assert db.session.scalar(select(Conversation)).company_a_id == min(pair["seller"].id, pair["buyer"].id)


def test_one_interest_per_pair_and_direction(app, pair):
    with app.test_request_context():
        services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"])
        with pytest.raises(DomainError):
            services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"])
    db.session.commit()
    db.session.add(Interest(from_company_id=pair["buyer"].id, to_company_id=pair["seller"].id, note=""))
    with pytest.raises(IntegrityError):  # the database refuses it even past the service
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("who, company", [("buyer", "buyer"), ("seller", "seller")])
def test_no_interest_in_own_company(app, pair, who, company):
    with app.test_request_context(), pytest.raises(DomainError):
        services.express_interest(pair[f"{who}_user"], pair[company], pair[company])


def test_only_the_receiver_answers(client, pair):
    _express(client, pair)
    interest = db.session.scalar(select(Interest))
    assert client.post(f"/deals/interests/{interest.id}/answer", data={"action": "accept"}).status_code == 404
    db.session.refresh(interest)
    assert interest.status == InterestStatus.PENDING


def test_daily_cap(app, client, pair, make_user, make_company):
    app.config["INTEREST_DAILY_CAP"] = 3
    try:
        targets = [make_company(make_user(email=f"t{i}@example.org"), name=f"Target {i}") for i in range(4)]
        login(client, "buyer@example.org")
        codes = [client.post(f"/deals/interest/new?company_id={t.id}", data={"source": pair["buyer"].id})
                 for t in targets]
        assert [c.status_code for c in codes] == [302] * 4
        assert db.session.scalar(select(db.func.count(Interest.id))) == 3
        page = client.get(f"/companies/{targets[3].id}", follow_redirects=True)
        assert page.status_code == 200
        refused = client.post(f"/deals/interest/new?company_id={targets[3].id}", data={"source": pair["buyer"].id},
                              follow_redirects=True).get_data(as_text=True)
        assert "limit of 3" in refused
    finally:
        app.config.pop("INTEREST_DAILY_CAP")


def test_default_cap_is_twenty(app, pair):
    assert services.daily_cap() == 20


def _mails(app) -> list[Path]:
    folder = Path(app.instance_path) / "mail"
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def mail_texts(app) -> list[str]:
    """The mails written to the instance folder, decoded (headers To and Subject, then the body)."""
    texts = []
    for path in _mails(app):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        texts.append(f"To: {msg['To']}\nSubject: {msg['Subject']}\n\n{msg.get_content()}")
    return texts


def test_interest_mails_carry_no_contacts(client, pair):
    for path in _mails(client.application):
        path.unlink()
    _express(client, pair)
    received = mail_texts(client.application)
    assert len(received) == 1 and "Anatolia Un" in received[0] and "To: seller@example.kz" in received[0]
    _answer(client, "accept")
    texts = mail_texts(client.application)
    assert len(texts) == 2
    for text in texts:
        for secret in (SELLER_EMAIL, SELLER_PHONE, BUYER_EMAIL, BUYER_PHONE):
            assert secret not in text


def test_hidden_company_cannot_reach_out(app, pair):
    pair["buyer"].is_hidden = True
    with app.test_request_context(), pytest.raises(DomainError):
        services.express_interest(pair["buyer_user"], pair["buyer"], pair["seller"])
