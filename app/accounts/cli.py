"""`flask users ...`: the one way to make the first admin of a fresh deployment (roles change on the admin page
after that)."""
import click
from flask import Flask
from sqlalchemy import select

from app.accounts.models import Role, User
from app.extensions import db


@click.group("users")
def users() -> None:
    """User accounts."""


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
def set_role(email: str, role: str) -> None:
    """Give the account EMAIL the role ROLE (e.g. admin)."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no account with the e-mail {email}")
    user.role, user.organiser_requested_at = Role(role), None
    db.session.commit()
    click.echo(f"{user.email} is now {role}")


def init_app(app: Flask) -> None:
    app.cli.add_command(users)
