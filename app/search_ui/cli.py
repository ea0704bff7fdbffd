"""`flask search ...`: drain the outbox, rebuild the index, show backlog and health."""
import click
from flask import Flask

from app.search_ui import services


@click.group("search")
def search() -> None:
    """The search index."""


@search.command("sync")
def sync() -> None:
    """Apply pending outbox rows to the search backend now."""
    try:
        result = services.sync_outbox()
    except services.BackendUnavailable as error:
        raise click.ClickException(f"search backend unavailable, rows kept for later: {error}") from error
    click.echo(f"{result['applied']} applied, {result['parked']} parked")


@search.command("reindex")
def reindex() -> None:
    """Rebuild the index from the database (built beside the live one, then swapped in)."""
    count = services.reindex()
    services.sync_outbox()
    click.echo(f"{count} documents indexed")


@search.command("status")
def status() -> None:
    """Backlog of the outbox and health of the backend."""
    info = services.backlog()
    healthy = services.backend().health()
    click.echo(f"backend: {services.backend().__class__.__name__}, {'healthy' if healthy else 'DOWN'}")
    click.echo(f"outbox: {info['pending']} pending, {info['parked']} parked, oldest {info['oldest'] or '-'}")


def init_app(app: Flask) -> None:
    app.cli.add_command(search)
