"""Interface language (kk, ru, en) and names of countries and languages in it."""
from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user


def select_locale() -> str:
    """The user's chosen language, else the session's, else the browser's best match."""
    languages = current_app.config["LANGUAGES"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def _locale() -> Locale:
    return Locale.parse(str(get_locale() or "en"))


def country_name(code: str | None) -> str:
    """A country's name in the interface language (CLDR data from Babel)."""
    if not code:
        return ""
    return _locale().territories.get(code.upper(), code)


def language_name(code: str | None) -> str:
    if not code:
        return ""
    return _locale().languages.get(code, code)


def hs_chapter_name(code: str) -> str:
    """The HS chapter of a code named in the interface language."""
    return hs_name(code[:2])


def hs_name(code: str) -> str:
    """The name of an HS code in the interface language (`matching.hs.name`: chapters, headings and subheadings
    have names of their own in kk and ru)."""
    from matching.hs import name

    return name(code, str(get_locale() or "en")) or code


def country_choices() -> list[tuple[str, str]]:
    names = _locale().territories
    from pycountry import countries

    pairs = [(c.alpha_2, names.get(c.alpha_2, c.name)) for c in countries]
    return sorted(pairs, key=lambda p: p[1])


def language_choices() -> list[tuple[str, str]]:
    codes = ("kk", "ru", "en", "tr", "zh", "mn", "de", "uz", "ky", "fa", "ar", "ko", "pl", "cs", "sv", "fr")
    return [(c, language_name(c)) for c in codes]


def _translations() -> NullTranslations:
    """The catalogue flask-babel's `get_translations()` gives, remembered for as long as the locale it was found
    for is the current one.

    A template's `_()` asks for the catalogue every time, and flask-babel then finds its context three times over
    and spells the locale out: 13.5 us a `_()` that way, 7.0 us with the catalogue remembered
    (`bench/template_gettext.py`), some 44 times a page. The catalogue is kept in flask-babel's own per-context
    namespace (flask-babel 4), beside the locale object it belongs to: `force_locale` and `refresh` put another
    locale object there, so they are seen at once.
    """
    try:
        state = g.get("_flask_babel")
    except RuntimeError:  # no app context: flask-babel answers with its empty catalogue
        return get_translations()
    held = getattr(state, "atameken_translations", None)
    if held is not None and held[0] is getattr(state, "babel_locale", None):
        return held[1]
    translations = get_translations()  # settles the locale first
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    if locale is not None:
        state.atameken_translations = (locale, translations)
    return translations


def _install_gettext(app: Flask) -> None:
    """Jinja's `_`, `gettext`, `ngettext`, `pgettext` and `npgettext`, as flask-babel installs them (newstyle:
    autoescaped, formatted with their keywords) but reading the remembered catalogue."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: _translations().ugettext(string),
        ngettext=lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True,
        pgettext=lambda context, string: _translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: _translations().unpgettext(context, singular, plural, n),
    )


def init_app(app: Flask) -> None:
    from app.matches.reasons import reason_text
    from app.reference.sectors import sector_label

    _install_gettext(app)
    app.jinja_env.globals.update(country_name=country_name, language_name=language_name, hs_name=hs_name,
                                 sector_label=sector_label, reason_text=reason_text,
                                 get_locale=get_locale)
    from app.formatting import TEMPLATE_GLOBALS

    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.filters["reject_page"] = lambda args: {k: v for k, v in args.items() if k != "page"}
