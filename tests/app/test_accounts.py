from email import message_from_bytes
from email.policy import default
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from tests.conftest import login

SIGNUP = {"name": "Aigerim", "email": "aigerim@example.org", "password": "steppe-wind-2027",
          "password2": "steppe-wind-2027", "role": "entrepreneur", "locale": "kk"}


def test_signup_creates_user_with_hashed_password(client):
    response = client.post("/account/signup", data=SIGNUP)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "aigerim@example.org"))
    assert user.password_hash != SIGNUP["password"] and user.check_password(SIGNUP["password"])
    assert user.locale == "kk" and user.role == "entrepreneur"


def test_signup_bad_input_rerenders_and_saves_nothing(client):
    data = {**SIGNUP, "email": "not-an-email", "password2": "different-password"}
    response = client.post("/account/signup", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Invalid email address" in page and "Passwords differ." in page
    assert db.session.scalar(select(User)) is None


def test_signup_duplicate_email_rejected(client, make_user):
    make_user(email="aigerim@example.org")
    response = client.post("/account/signup", data=SIGNUP)
    assert "already exists" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(User)).all()) == 1


def test_login_logout(client, make_user):
    make_user()
    assert login(client).status_code == 302
    assert client.get("/dashboard").status_code == 200
    client.post("/account/logout")
    assert client.get("/dashboard").status_code == 302


def test_wrong_password_is_refused(client, make_user):
    make_user()
    response = login(client, password="wrong password here")
    assert response.status_code == 200 and "Wrong e-mail or password." in response.get_data(as_text=True)


def test_login_is_rate_limited(client, make_user):
    make_user()
    codes = [login(client, password="wrong password here").status_code for _ in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429


def test_csrf_token_required_when_enabled(app, client, make_user):
    make_user()
    app.config["WTF_CSRF_ENABLED"] = True
    response = login(client)
    assert response.status_code == 400 and "form expired" in response.get_data(as_text=True)


def test_password_reset_by_mailed_link(app, client, make_user):
    make_user()
    client.post("/account/reset", data={"email": "user@example.org"})
    mails = sorted((Path(app.instance_path) / "mail").glob("*.eml"))
    body = message_from_bytes(mails[-1].read_bytes(), policy=default).get_content()
    link = next(line for line in body.splitlines() if "/account/reset/" in line).strip()
    assert link.startswith(app.config["SITE_URL"] + "/account/reset/")  # never the request's Host
    path = urlsplit(link).path
    response = client.post(path, data={"password": "a-brand-new-secret", "password2": "a-brand-new-secret"})
    assert response.headers["Location"] == "/account/login"
    assert login(client, password="a-brand-new-secret").status_code == 302
    # the same link is dead once the password changed
    assert client.get(path).status_code == 302


def test_reset_for_unknown_email_says_the_same(client):
    response = client.post("/account/reset", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account exists" in response.get_data(as_text=True)


def test_security_headers_and_cookie_flags(client, make_user):
    make_user()
    response = login(client)
    assert "HttpOnly" in response.headers["Set-Cookie"] and "SameSite=Lax" in response.headers["Set-Cookie"]
    headers = client.get("/").headers
    assert headers["X-Frame-Options"] == "DENY" and "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_open_redirect_after_login_is_ignored(client, make_user):
    make_user()
    response = client.post("/account/login?next=https://evil.example/", data={
        "email": "user@example.org", "password": "correct horse battery"})
    assert response.headers["Location"] == "/dashboard"
