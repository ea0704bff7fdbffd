"""Command-line entry points: thin wrappers around services."""
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from app.extensions import db
from app.forums.cli import init_cli as init_forums_cli
from app.jobs import run_job
from app.notifications.cli import init_app as init_notify_cli


@click.command("import-data")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_data(path: Path) -> None:
    """Import companies and opportunities from a JSON Lines, CSV or XLSX file (upsert by ref)."""
    from app.imports.readers import TooLarge, count_lines
    from app.imports.services import import_file

    total = count_lines(path)
    with click.progressbar(length=total or 1, label=f"Importing {path.name}",
                           show_pos=True, file=None) as bar:
        try:  # rows are not capped here (bulk imports are large), columns are: an XLSX may declare 16384
            report = import_file(path, on_row=lambda: bar.update(1),
                                 max_columns=current_app.config["IMPORT_MAX_COLUMNS"])
        except TooLarge as error:
            raise click.ClickException(str(error)) from error
    db.session.commit()
    for number, reason in report.errors:
        click.echo(f"line {number}: {reason}", err=True)
    click.echo(report.summary())


@click.group("demo")
def demo() -> None:
    """Demo data for a newcomer's first look."""


@demo.command("load")
@click.option("--force", is_flag=True, help="Load even when the database already has companies.")
def demo_load(force: bool) -> None:
    """Load the multilingual demo marketplace, demo accounts and a demo forum into an empty database."""
    from app.demo.loader import load_demo
    from app.profiles.models import Company

    if not force and db.session.scalar(select(func.count(Company.id))):
        click.echo("The database already has companies: demo data not loaded (use --force).")
        return
    summary = load_demo()
    db.session.commit()
    click.echo(summary)
    app = current_app._get_current_object()
    # suggestions at once: the demo texts' vectors are shipped (`make vectors`), so this takes seconds
    run = run_job(app, "embed")
    click.echo(f"vectors: {run.status}, {run.detail}")
    run = run_job(app, "search-sync")  # after the vectors: hybrid search gets them too
    click.echo(f"search index: {run.detail}")


def init_app(app: Flask) -> None:
    from app.accounts.cli import init_app as init_users_cli
    from app.matches.cli import init_app as init_matching_cli
    from app.search_ui.cli import init_app as init_search_cli

    init_matching_cli(app)
    init_search_cli(app)
    app.cli.add_command(import_data)
    app.cli.add_command(demo)
    init_forums_cli(app)
    init_notify_cli(app)
    init_users_cli(app)
