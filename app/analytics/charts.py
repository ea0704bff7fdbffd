"""The dashboard's charts as plain tables (label + series): the same rows feed Chart.js and the CSV exports."""
from flask_babel import lazy_gettext as _l

from app.deals.tracking import STAGE_LABELS
from app.i18n import country_name
from app.reference.sectors import sector_label

STEPS = {
    "suggestions_shown": _l("Suggestions shown"),
    "relevant": _l("Marked relevant"),
    "not_for_me": _l("Marked not for me"),
    "interest": _l("Interest expressed"),
    "mutual": _l("Mutual interest"),
    "meetings_scheduled": _l("Meetings scheduled"),
    "meetings_held": _l("Meetings held"),
    "deals": _l("Deals opened"),
    "contracts": _l("Contracts signed"),
}
CHARTS = {
    "funnel": _l("Funnel"),
    "countries": _l("Companies and opportunities by country"),
    "sectors": _l("Companies and opportunities by sector"),
    "stages": _l("Deals by stage"),
    "contracts": _l("Value of signed contracts by currency"),
}


def _by(counters: dict, name) -> dict:
    keys = sorted(set(counters["companies"]) | set(counters["opportunities"]),
                  key=lambda k: (-counters["companies"][k] - counters["opportunities"][k], k))
    return {"type": "bar", "series": [str(_l("Companies")), str(_l("Opportunities"))],
            "rows": [(name(k), counters["companies"][k], counters["opportunities"][k]) for k in keys]}


def build(figures: dict) -> dict[str, dict]:
    """Each chart: its type, series names and rows of (label, value per series)."""
    steps = figures["steps"]
    return {
        "funnel": {"type": "bar", "series": [str(_l("Count"))],
                   "rows": [(str(label), steps[key]) for key, label in STEPS.items()]},
        "countries": _by(figures["listings"]["country"], country_name),
        "sectors": _by(figures["listings"]["sector"], sector_label),
        "stages": {"type": "bar", "series": [str(_l("Deals"))],
                   "rows": [(str(STAGE_LABELS[stage]), n) for stage, n in figures["stages"].items()]},
        "contracts": {"type": "bar", "series": [str(_l("Value"))],
                      "rows": [(currency, total) for currency, total in figures["contract_value"].items()]},
    }
