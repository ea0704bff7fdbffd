"""Destructive actions ask first: a GET or a bare POST shows the question, only a confirmed POST acts."""
import re
from datetime import time

import pytest

from app.extensions import db
from app.forums.models import ForumSession
from app.opportunities.models import Opportunity
from app.profiles.models import Company
from tests.app.test_forums_factories import login_as, make_forum, quick_user
from tests.conftest import login


@pytest.fixture
def actions(client, make_user, make_company, make_opportunity):
    """(url, model, id, page that links to the url) for each destructive action, its owner logged in."""
    company = make_company(make_user(), name="Tobol Astyq LLP")
    offer = make_opportunity(company, title="Wheat flour, first grade")
    forum = make_forum(quick_user("org@example.org", "Organiser", role="organiser"),
                       sessions=((time(9), time(11)), (time(14), time(16))))
    session = forum.sessions[0]
    return [
        (f"/opportunities/{offer.id}/delete", Opportunity, offer.id, f"/opportunities/{offer.id}", None),
        (f"/companies/{company.id}/delete", Company, company.id, f"/companies/{company.id}", None),
        (f"/forums/{forum.id}/sessions/{session.id}/delete", ForumSession, session.id,
         f"/forums/{forum.id}/manage", "org@example.org"),
    ]


def _as_owner(client, who):
    if who:
        login_as(client, who)
    else:
        client.post("/account/logout")
        login(client)


def test_the_button_leads_to_a_question_and_only_a_confirmed_post_acts(client, actions):
    for url, model, record_id, page, who in actions:
        _as_owner(client, who)
        assert f'href="{url}"' in client.get(page).get_data(as_text=True)  # a link to the question, not a POST
        question = client.get(url)
        assert question.status_code == 200
        body = question.get_data(as_text=True)
        assert 'name="confirm" value="yes"' in body and "Cancel" in body and 'method="post"' in body
        assert client.post(url).status_code == 200  # an unconfirmed POST only asks again
        assert db.session.get(model, record_id) is not None, url
        assert client.post(url, data={"confirm": "yes"}).status_code == 302
        db.session.expire_all()
        assert db.session.get(model, record_id) is None, url


def test_confirmation_needs_the_csrf_token(app, client, actions):
    for url, model, record_id, _page, who in actions:
        _as_owner(client, who)  # logging in with CSRF off: only the confirmation is under test
        app.config["WTF_CSRF_ENABLED"] = True
        assert client.post(url, data={"confirm": "yes"}).status_code == 400
        assert db.session.get(model, record_id) is not None
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True))
        assert client.post(url, data={"confirm": "yes", "csrf_token": token.group(1)}).status_code == 302
        db.session.expire_all()
        assert db.session.get(model, record_id) is None, url
        app.config["WTF_CSRF_ENABLED"] = False
