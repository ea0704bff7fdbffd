"""What one `_()` in a template costs: flask-babel's own callables against the app's (app.i18n), in one run.

    .venv/bin/python bench/template_gettext.py [--calls 100] [--repeat 7]

Renders a template of `--calls` translated strings inside one request (Russian), with the callables flask-babel
installs (each call asks flask-babel for the catalogue) and with the app's (the catalogue remembered beside its
locale), taking turns, best of `--repeat` rounds of 100 renders each. Prints microseconds per `_()`. No
database is read: the testing settings are enough.
"""
from __future__ import annotations

import argparse
import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("APP_ENV", "testing")
    from flask_babel import get_translations

    from app import create_app
    from app.i18n import _install_gettext

    app = create_app()

    def flask_babel_callables() -> None:  # what flask-babel 4 installs in init_app
        app.jinja_env.install_gettext_callables(
            gettext=lambda s: get_translations().ugettext(s),
            ngettext=lambda s, p, n: get_translations().ungettext(s, p, n), newstyle=True,
            pgettext=lambda c, s: get_translations().upgettext(c, s),
            npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n))

    source = "{% for i in range(" + str(args.calls) + ") %}{{ _('Marketplace') }}{% endfor %}"
    best = {"flask-babel": [], "app": []}
    with app.test_request_context("/", headers={"Accept-Language": "ru"}):
        for _ in range(args.repeat):
            for name, install in (("flask-babel", flask_babel_callables), ("app", lambda: _install_gettext(app))):
                install()
                template = app.jinja_env.from_string(source)
                assert template.render().startswith("Маркетплейс")
                best[name].append(timeit.timeit(template.render, number=100) / 100 / args.calls * 1e6)
    for name, times in best.items():
        median = sorted(times)[len(times) // 2]
        print(f"{name}: {min(times):.2f} us per _() (best of {args.repeat}; median {median:.2f})")


if __name__ == "__main__":
    main()
