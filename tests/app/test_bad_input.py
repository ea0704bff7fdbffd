"""Bad query parameters and ids no row can have answer 400/404 (422 with details on the API), never 500.

Huge numbers overflow SQLite's 64-bit integers and PostgreSQL's INTEGER columns: the suite runs on both."""
import pytest

HUGE = "99999999999999999999"

PAGES = [  # (url, status, words the message must hold)
    ("/companies/?kind=foo", 400, "kind must be one of: diaspora, exporter"),
    ("/opportunities/?kind=foo", 400, "kind must be one of: offer, request"),
    (f"/companies/?page={HUGE}", 400, "page must be a number from 1 to"),
    (f"/opportunities/?page={HUGE}", 400, "page must be a number from 1 to"),
    ("/companies/?page=abc", 400, "page must be a number from 1 to"),
    (f"/search/?q=wheat&page={HUGE}", 400, "page must be a number from 1 to"),
    (f"/companies/{HUGE}", 404, "does not exist"),
    (f"/opportunities/{HUGE}", 404, "does not exist"),
    (f"/forums/{HUGE}", 404, "does not exist"),
    (f"/deals/{HUGE}", 404, "does not exist"),
    (f"/companies/{2**31}", 404, "does not exist"),  # just past PostgreSQL's INTEGER
    (f"/deals/interest/new?opportunity_id={HUGE}", 404, "does not exist"),
    (f"/deals/interest/new?company_id={HUGE}", 404, "does not exist"),
    (f"/deals/new?conversation_id={HUGE}", 404, "does not exist"),
    (f"/opportunities/new?company_id={HUGE}", 404, "does not exist"),
]


def test_posted_huge_ids_answer_404(client, make_user, make_company):
    make_company(make_user())
    client.post("/account/login", data={"email": "user@example.org", "password": "correct horse battery"})
    response = client.post("/matches/feedback", data={"source_type": "company", "source_id": HUGE,
                                                      "target_type": "company", "target_id": "1",
                                                      "verdict": "dismissed"})
    assert response.status_code == 404

API = [
    ("/api/v1/companies?kind=foo", 422, "Must be one of: diaspora, exporter"),
    ("/api/v1/opportunities?kind=foo", 422, "Must be one of: offer, request"),
    (f"/api/v1/companies?page={HUGE}", 422, "less than or equal to 100000"),
    (f"/api/v1/opportunities?page={HUGE}", 422, "less than or equal to 100000"),
    (f"/api/v1/search?q=wheat&page={HUGE}", 422, "less than or equal to 100000"),
    (f"/api/v1/companies/{HUGE}", 404, "does not exist"),
    (f"/api/v1/opportunities/{HUGE}", 404, "does not exist"),
    (f"/api/v1/companies/{HUGE}/matches", 404, "does not exist"),
    (f"/api/v1/opportunities/{HUGE}/matches", 404, "does not exist"),
]


@pytest.mark.parametrize(("url", "status", "words"), PAGES)
def test_pages_answer_a_clear_client_error(client, make_user, make_company, url, status, words):
    make_company(make_user())
    client.post("/account/login", data={"email": "user@example.org", "password": "correct horse battery"})
    response = client.get(url)
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


@pytest.mark.parametrize(("url", "status", "words"), API)
def test_api_answers_a_clear_json_error(client, make_company, url, status, words):
    make_company()
    response = client.get(url)
    assert response.status_code == status
    assert response.is_json
    assert words in response.get_data(as_text=True)
