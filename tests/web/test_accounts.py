"""Accounts on a real database: sign-up, sign-in, sign-out, sessions, CSRF, rate limits,
password change and reset, deletion with everything in it."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text, update

from footfix.services.store_access import Store
from footfix.store.schema import runners, users
from footfix.store.web_schema import credentials, web_sessions
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.cli_runner import run_cli
from tests.paths import WATCH
from tests.web.helpers import (
    PASSWORD,
    api_token,
    bearer,
    csrf_token,
    first_runner_uid,
    sign_in,
    sign_out,
    sign_up,
)


def test_sign_up_signs_in_and_makes_the_runners_record(
    client: TestClient, web_store: Store
) -> None:
    sign_up(client, "Ana@Example.com", name="Ana <b>")
    home = client.get("/")
    assert "Hello, Ana &lt;b&gt;" in home.text  # outside text shown literally
    cookie = next(c for c in client.cookies.jar if c.name == "footfix_session")
    with web_store.read() as conn:
        stored = conn.execute(select(web_sessions.c.token_hash)).scalars().all()
        user = conn.execute(select(users)).mappings().one()
        hashed = conn.execute(select(credentials.c.password_hash)).scalar_one()
        owned = conn.execute(select(runners.c.name).where(runners.c.owner_id == user["id"]))
        assert owned.scalars().all() == ["Ana <b>"]
    assert cookie.value not in stored and len(stored) == 1  # only the token's hash is kept
    assert user["email"] == "ana@example.com" and user["role"] == "runner"
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed


def test_session_cookie_is_httponly_and_lax(client: TestClient) -> None:
    answer = client.post(
        "/sign-up",
        data={
            "csrf_token": csrf_token(client, "/sign-up"),
            "email": "b@example.com",
            "password": PASSWORD,
            "display_name": "B",
        },
        follow_redirects=False,
    )
    session = next(c for c in answer.headers.get_list("set-cookie") if "footfix_session=" in c)
    assert "HttpOnly" in session and "SameSite=lax" in session and "Secure" not in session


def test_over_https_cookies_are_secure_and_host_prefixed(sqlite_settings: WebSettings) -> None:
    with TestClient(create_app(sqlite_settings), base_url="https://testserver") as client:
        sign_up(client, "s@example.com")
        names = {c.name: c for c in client.cookies.jar}
        assert "__Host-footfix_session" in names and "__Host-footfix_csrf" in names
        assert names["__Host-footfix_session"].secure
        assert "max-age" in client.get("/").headers.get("strict-transport-security", "")


def test_sign_out_ends_the_session_for_good(client: TestClient) -> None:
    sign_up(client)
    old = client.cookies.get("footfix_session")
    sign_out(client)
    assert "Hello" not in client.get("/").text
    client.cookies.set("footfix_session", old)  # replaying the old cookie signs nobody in
    assert "Hello" not in client.get("/").text
    assert client.get("/account", follow_redirects=False).headers["location"].startswith("/sign-in")


def test_wrong_password_and_unknown_address_get_the_same_answer(client: TestClient) -> None:
    sign_up(client)
    sign_out(client)
    wrong = client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_token(client, "/sign-in"),
            "email": "ana@example.com",
            "password": "nope nope nope",
        },
    )
    nobody = client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_token(client, "/sign-in"),
            "email": "who@example.com",
            "password": "nope nope nope",
        },
    )
    assert wrong.status_code == nobody.status_code == 401
    assert "The e-mail address or the password is not right." in wrong.text
    # the same page, but for the address typed back into the form: nothing tells them apart
    assert wrong.text.replace("ana@example.com", "X") == nobody.text.replace("who@example.com", "X")
    assert sign_in(client, "ana@example.com") == 303


def test_sign_in_is_rate_limited_in_the_database(client: TestClient, web_store: Store) -> None:
    sign_up(client)
    sign_out(client)
    for _ in range(5):
        assert sign_in(client, "ana@example.com", "wrong password!") == 401
    assert sign_in(client, "ana@example.com") == 429  # even the right password, for a while
    with web_store.write() as conn:  # the window passes
        conn.execute(
            text("UPDATE login_attempts SET attempted_at = :t"),
            {"t": dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)},
        )
    assert sign_in(client, "ana@example.com") == 303


@pytest.mark.parametrize("token", [None, "0" * 64])
def test_a_post_without_the_right_csrf_token_is_refused(
    client: TestClient, token: str | None
) -> None:
    sign_up(client)
    data = {"current_password": PASSWORD, "new_password": "another password 1"}
    if token:
        data["csrf_token"] = token
    answer = client.post("/account/password", data=data)
    assert answer.status_code == 403
    assert sign_in(client, "ana@example.com") == 303  # the password did not change


def test_a_post_from_another_origin_is_refused(client: TestClient) -> None:
    sign_up(client)
    data = {
        "csrf_token": csrf_token(client, "/account"),
        "current_password": PASSWORD,
        "new_password": "another password 1",
    }
    answer = client.post("/account/password", data=data, headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403


def test_an_expired_session_cannot_post(client: TestClient, web_store: Store) -> None:
    sign_up(client)
    token = csrf_token(client, "/account")
    with web_store.write() as conn:
        conn.execute(
            update(web_sessions).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            )
        )
    answer = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "another password 1",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"].startswith("/sign-in")
    with web_store.read() as conn:
        assert conn.execute(select(func.count()).select_from(web_sessions)).scalar_one() == 0
    assert sign_in(client, "ana@example.com") == 303  # the password is unchanged


def test_an_idle_session_ends(client: TestClient, web_store: Store) -> None:
    sign_up(client)
    with web_store.write() as conn:
        conn.execute(
            update(web_sessions).values(
                last_seen_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=73)
            )
        )
    assert "Hello" not in client.get("/").text


def test_password_change_signs_out_other_devices(
    client: TestClient, web_settings: WebSettings, web_store: Store
) -> None:
    sign_up(client)
    with TestClient(create_app(web_settings, web_store)) as phone:
        assert sign_in(phone, "ana@example.com") == 303
        answer = client.post(
            "/account/password",
            data={
                "csrf_token": csrf_token(client, "/account"),
                "current_password": PASSWORD,
                "new_password": "another password 1",
            },
            follow_redirects=False,
        )
        assert answer.status_code == 303
        assert "Hello" not in phone.get("/").text
    assert "Hello" in client.get("/").text
    sign_out(client)
    assert sign_in(client, "ana@example.com") == 401
    assert sign_in(client, "ana@example.com", "another password 1") == 303


def test_reset_token_from_the_command_line_sets_a_new_password_once(
    client: TestClient, web_settings: WebSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_up(client)
    sign_out(client)
    for name, value in web_settings.env().items():
        monkeypatch.setenv(name, value)
    code, output = run_cli("user", "reset-token", "ana@example.com")
    assert code == 0
    token = output.split()[0]
    form = {
        "csrf_token": csrf_token(client, "/reset-password"),
        "token": token,
        "new_password": "a brand new password",
    }
    assert client.post("/reset-password", data=form, follow_redirects=False).status_code == 303
    assert sign_in(client, "ana@example.com", "a brand new password") == 303
    sign_out(client)
    form["csrf_token"] = csrf_token(client, "/reset-password")
    assert client.post("/reset-password", data=form).status_code == 422  # used up
    assert run_cli("user", "reset-token", "nobody@example.com")[0] == 2


def test_sign_up_mistakes_are_shown_next_to_their_fields(client: TestClient) -> None:
    answer = client.post(
        "/sign-up",
        data={
            "csrf_token": csrf_token(client, "/sign-up"),
            "email": "not-an-address",
            "password": "short",
            "display_name": "",
            "timezone": "Mars/Olympus",
        },
    )
    assert answer.status_code == 422
    for field in ("email", "password", "display_name"):
        assert f'id="e-{field}"' in answer.text, field
    assert 'aria-invalid="true"' in answer.text


def test_delete_account_removes_everything(
    client: TestClient, web_store: Store, web_settings: WebSettings
) -> None:
    sign_up(client)
    with web_store.read() as conn:
        assert conn.execute(select(func.count()).select_from(runners)).scalar_one() == 1
    fit = (WATCH / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    token = api_token(client)
    runner = first_runner_uid(client, token)
    sent = [("files", ("run.fit", fit, "application/octet-stream"))]
    upload = client.post(f"/api/v1/runners/{runner}/uploads", files=sent, headers=bearer(token))
    assert upload.status_code == 202, upload.text
    kept = web_settings.data_folder() / "uploads"
    assert [p for p in kept.rglob("*") if p.is_file()]  # the file, stored
    wrong = client.post(
        "/account/delete",
        data={"csrf_token": csrf_token(client, "/account"), "delete_password": "not my password"},
    )
    assert wrong.status_code == 422
    answer = client.post(
        "/account/delete",
        data={"csrf_token": csrf_token(client, "/account"), "delete_password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    with web_store.read() as conn:
        for table in (users, runners, web_sessions, credentials):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0, (
                table.name
            )
    assert [p for p in kept.rglob("*") if p.is_file()] == []  # its bytes went with it
    assert sign_in(client, "ana@example.com") == 401
