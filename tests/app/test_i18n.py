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


TEMPLATE = ('{{ _("Marketplace") }}|{{ ngettext("%(num)s result", "%(num)s results", 5) }}|{{ pgettext("unit", "t") }}'
            '|{{ _("Same product: HS %(code)s, %(name)s", code="1001", name="<b>") }}')


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_templates_translate_as_flask_babel_does_and_follow_a_forced_locale(app, lang):
    """A template's _() remembers the request's catalogue, yet says what flask-babel's own functions say, escapes
    what it formats, and follows force_locale in and out within the same request."""
    from flask_babel import force_locale, gettext, ngettext, pgettext

    template = app.jinja_env.from_string(TEMPLATE)

    def expected() -> str:
        same = gettext("Same product: HS %(code)s, %(name)s", code="1001", name="&lt;b&gt;")
        results = ngettext("%(num)s result", "%(num)s results", 5)
        return f'{gettext("Marketplace")}|{results}|{pgettext("unit", "t")}|{same}'

    with app.test_request_context("/", headers={"Accept-Language": lang}):
        before = template.render()
        assert before == expected() and "&lt;b&gt;" in before
        assert before.startswith({"ru": "Маркетплейс|5 результатов|т|", "kk": "Сауда алаңы|",
                                  "en": "Marketplace|5 results|t|"}[lang])
        other = "kk" if lang != "kk" else "ru"
        with force_locale(other):
            inside = template.render()
            assert inside == expected() and inside != before
        assert template.render() == before  # back in the request's own language


def test_templates_render_outside_an_app_context_untranslated(app):
    """As flask-babel does: no context, no catalogue (a new thread starts without the test's app context)."""
    import threading

    rendered = []
    thread = threading.Thread(target=lambda: rendered.append(app.jinja_env.from_string(TEMPLATE).render()))
    thread.start()
    thread.join()
    assert rendered and rendered[0].startswith("Marketplace|5 results|t|")
