"""A confirmation step for destructive actions (delete, remove), without JavaScript.

The action's URL answers GET with a page that says what will be lost and holds a POST form; the action runs
only on a POST that carries `confirm=yes` and a valid CSRF token. A bare POST (an old button, a replayed
request) gets the same page instead of the action, so nothing is lost by one stray click.
"""
from flask import render_template, request
from flask_wtf import FlaskForm
from wtforms import HiddenField


class ConfirmForm(FlaskForm):
    confirm = HiddenField()  # the page sets "yes"; a POST without it only shows the question


def confirmation_page(question: str, consequence: str, action_label: str, cancel_url: str) -> str | None:
    """None when the action is confirmed (the view goes on), else the page that asks."""
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit() and form.confirm.data == "yes":
        return None
    return render_template("confirm.html", form=form, question=question, consequence=consequence,
                           action_label=action_label, cancel_url=cancel_url)
