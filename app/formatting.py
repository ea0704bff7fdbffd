"""Quantities, money and dates as the reader's language writes them (CLDR via flask-babel), units translated.

Stored values stay plain (a float and a unit code such as "t"); only their display changes: 1500.5 t reads
"1,500.5 t" in English, "1 500,5 т" in Russian and Kazakh.
"""
from datetime import date, datetime

from flask_babel import format_currency, format_date, format_decimal, format_time
from flask_babel import lazy_pgettext as _p

# Unit codes stored on listings; the label is what a reader of each language expects after a number.
UNITS = {
    "t": _p("unit", "t"), "kg": _p("unit", "kg"), "l": _p("unit", "l"), "m3": _p("unit", "m³"),
    "m": _p("unit", "m"), "m2": _p("unit", "m²"), "pcs": _p("unit", "pcs"),
    "container": _p("unit", "containers"), "wagon": _p("unit", "wagons"), "head": _p("unit", "head"),
    "USD": "USD",
}


def unit_label(code: str | None) -> str:
    """A unit code in the interface language (an unknown code as it was typed)."""
    return str(UNITS.get(code or "", code or ""))


def quantity(value: float | None, unit: str | None = "") -> str:
    """`1500.5, "t"` -> "1,500.5 t" (en) / "1 500,5 т" (ru)."""
    if value is None:
        return ""
    return f"{format_decimal(value)} {unit_label(unit)}".strip()


def money(value: float | None, currency: str | None = "") -> str:
    """An amount with its currency as the interface language writes it; a bare number without currency."""
    if value is None:
        return ""
    if currency and len(currency) == 3 and currency.isalpha():
        return format_currency(value, currency.upper())
    return format_decimal(value, format="#,##0.00")


def day(value: date | None) -> str:
    """A calendar day, e.g. "14 Oct 2027" / "14 окт. 2027 г."."""
    return format_date(value, format="medium") if value else ""


def moment(value: datetime | None) -> str:
    """A UTC time stamp as the day in the reader's format and a 24-hour time (the page says "UTC")."""
    return f"{format_date(value, format='medium')} {format_time(value, format='HH:mm')}" if value else ""


TEMPLATE_GLOBALS = {"quantity": quantity, "money": money, "unit_label": unit_label, "format_day": day,
                    "format_moment": moment}
