"""A password reset ends every session opened before it: other browsers and remember cookies."""
from flask_login.utils import encode_cookie
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.services import reset_token
from app.extensions import db
from tests.conftest import login


def _reset(app, client, password: str) -> None:
    user = db.session.scalar(select(User))
    response = client.post(f"/account/reset/{reset_token(user)}", data={"password": password, "password2": password})
    assert response.headers["Location"] == "/account/login"


def test_a_password_reset_logs_out_other_browsers(app, client, make_user):
    make_user()
    other = app.test_client()
    assert login(other).status_code == 302
    assert other.get("/dashboard").status_code == 200
    _reset(app, client, "a-brand-new-secret")
    response = other.get("/dashboard")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
    assert login(other, password="a-brand-new-secret").status_code == 302
    assert other.get("/dashboard").status_code == 200


def test_a_password_reset_refuses_remember_cookies(app, client, make_user):
    user = make_user()
    cookie = encode_cookie(user.get_id())  # what login_user(..., remember=True) sets
    browser = app.test_client()
    browser.set_cookie("remember_token", cookie)
    assert browser.get("/dashboard").status_code == 200
    _reset(app, client, "a-brand-new-secret")
    browser = app.test_client()
    browser.set_cookie("remember_token", cookie)
    assert browser.get("/dashboard").status_code == 302


def test_a_session_id_with_a_wrong_or_huge_id_is_refused(app, make_user):
    from app.extensions import login as manager

    user = make_user()
    with app.test_request_context():
        assert manager._user_callback(user.get_id()) == user
        for forged in (str(user.id), f"{user.id}:{'0' * 20}", "99999999999999999999999:x", "abc"):
            assert manager._user_callback(forged) is None
