"""Interface language (kk, ru, en) and names of countries and languages in it."""
from babel import Locale
from flask import Flask, current_app, request, session
from flask_babel import get_locale
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


def init_app(app: Flask) -> None:
    from app.matches.reasons import reason_text
    from app.reference.sectors import sector_label

    app.jinja_env.globals.update(country_name=country_name, language_name=language_name, hs_name=hs_name,
                                 sector_label=sector_label, reason_text=reason_text,
                                 get_locale=get_locale)
    from app.formatting import TEMPLATE_GLOBALS

    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.filters["reject_page"] = lambda args: {k: v for k, v in args.items() if k != "page"}
