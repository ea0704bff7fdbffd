import pytest

from app.extensions import db
from tests.conftest import login


@pytest.mark.parametrize("lang, words", [
    ("kk", ["Кіру", "Тіркелу"]),
    ("ru", ["Войти", "Регистрация"]),
    ("en", ["Log in", "Sign up"]),
])
def test_pages_render_in_each_language(client, lang, words):
    client.get(f"/lang/{lang}")
    for url in ("/", "/account/login", "/account/signup", "/opportunities/", "/companies/"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and f'<html lang="{lang}">' in page
        assert any(word in page for word in words), (url, lang)


def test_form_errors_are_translated(client):
    client.get("/lang/ru")
    page = client.post("/account/signup", data={"email": "x"}).get_data(as_text=True)
    assert "Исправьте отмеченные поля" in page or "Пожалуйста" in page


def test_browser_language_is_the_default(client):
    page = client.get("/", headers={"Accept-Language": "kk-KZ,kk;q=0.9"}).get_data(as_text=True)
    assert '<html lang="kk">' in page


def test_user_locale_wins_and_country_names_follow(client, make_user, make_company):
    make_user(locale="kk")
    company = make_company(country="TR")
    login(client)
    page = client.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "Түркия" in page
    client.get("/lang/ru")
    assert "Турция" in client.get(f"/companies/{company.id}").get_data(as_text=True)
    from app.accounts.models import User

    assert db.session.scalars(db.select(User)).one().locale == "ru"


def test_hs_chapter_names_in_kazakh_and_russian(client, make_company, make_opportunity):
    offer = make_opportunity(make_company(), hs_codes=["10"])
    client.get("/lang/kk")
    assert "Астық" in client.get(f"/opportunities/{offer.id}").get_data(as_text=True)
    client.get("/lang/ru")
    assert "Злаки" in client.get(f"/opportunities/{offer.id}").get_data(as_text=True)
