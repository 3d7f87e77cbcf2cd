"""Every endpoint and page that takes an id: another runner and an unlinked clinician get a 404
that says no more than one for an id that does not exist; a linked clinician reads, and stops
reading when the runner withdraws the share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from footfix.services.store_access import Store
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.paths import CASES
from tests.web.helpers import api_token, bearer, csrf_token, first_runner_uid, sign_up

CASE = sorted(CASES.glob("*.yaml"))[0].read_bytes()
YAML = {"Content-Type": "application/yaml"}
MADE_UP = "00000000-0000-4000-8000-000000000000"


@dataclass
class Person:
    client: TestClient
    token: str


@dataclass
class World:
    ana: Person
    runner: str  # Ana's runner uid
    assessment: str  # one of Ana's assessments
    ana_token_uid: str
    others: dict[str, Person]  # bob (runner), cleo (unlinked clinician)
    dan: Person  # the clinician Ana shares with
    share: str


@pytest.fixture
def world(web_settings: WebSettings, web_store: Store) -> Iterator[World]:
    app = create_app(web_settings, web_store)
    people: dict[str, Person] = {}
    clients = []
    for name, role in (
        ("ana", "runner"),
        ("bob", "runner"),
        ("cleo", "clinician"),
        ("dan", "clinician"),
    ):
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        sign_up(client, f"{name}@example.com", name=name.title(), role=role)
        people[name] = Person(client, api_token(client))
    ana = people["ana"]
    runner = first_runner_uid(ana.client, ana.token)
    saved = ana.client.post(
        f"/api/v1/runners/{runner}/assessments", content=CASE, headers=bearer(ana.token) | YAML
    )
    assessment = saved.headers["location"].rsplit("/", 1)[-1]
    ana.client.post(
        f"/api/v1/runners/{runner}/logs",
        headers=bearer(ana.token),
        json={"day": "2026-11-20", "first_step_pain_nrs": 3},
    )
    invitation = ana.client.post(
        "/account/shares", data={"csrf_token": csrf_token(ana.client, "/account"), "runner": runner}
    )
    code = re.search(r'id="invitation-code">([0-9A-F-]+)<', invitation.text).group(1)  # type: ignore[union-attr]
    dan = people["dan"]
    accepted = dan.client.post(
        "/patients",
        data={"csrf_token": csrf_token(dan.client, "/patients"), "code": code},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    share = re.search(
        rf"/account/shares/{runner}/([0-9a-f-]+)/withdraw", ana.client.get("/account").text
    ).group(1)  # type: ignore[union-attr]
    tokens = ana.client.get("/api/v1/tokens", headers=bearer(ana.token)).json()["items"]
    yield World(
        ana,
        runner,
        assessment,
        tokens[0]["uid"],
        {"bob": people["bob"], "cleo": people["cleo"]},
        dan,
        share,
    )
    for client in clients:
        client.__exit__(None, None, None)


def api_calls(w: World, runner: str, assessment: str) -> list[tuple[str, str, dict[str, object]]]:
    base = f"/api/v1/runners/{runner}"
    return [
        ("GET", base, {}),
        ("GET", f"{base}/assessments", {}),
        ("POST", f"{base}/assessments", {"content": CASE, "headers": YAML}),
        ("GET", f"{base}/assessments/{assessment}", {}),
        ("GET", f"{base}/plan", {}),
        ("GET", f"{base}/logs", {}),
        ("POST", f"{base}/logs", {"json": {"day": "2026-11-21", "first_step_pain_nrs": 9}}),
        ("GET", f"{base}/progress", {}),
        ("GET", f"{base}/export", {}),
    ]


def _call(person: Person, method: str, path: str, extra: dict[str, object]):  # type: ignore[no-untyped-def]
    headers = bearer(person.token) | dict(extra.pop("headers", {}))  # type: ignore[call-overload]
    return person.client.request(method, path, headers=headers, **extra)


@pytest.mark.parametrize("who", ["bob", "cleo"])
def test_others_get_the_same_404_as_for_an_id_that_does_not_exist(world: World, who: str) -> None:
    person = world.others[who]
    real = api_calls(world, world.runner, world.assessment)
    fake = api_calls(world, MADE_UP, MADE_UP)
    for (method, path, extra), (_m, fake_path, fake_extra) in zip(real, fake, strict=True):
        answer = _call(person, method, path, dict(extra))
        nothing = _call(person, method, fake_path, dict(fake_extra))
        assert answer.status_code == 404, (who, method, path, answer.text)
        assert answer.json() == nothing.json(), (method, path)
        assert "Ana" not in answer.text
    runners = _call(person, "GET", "/api/v1/runners", {}).json()["items"]
    assert world.runner not in [r["uid"] for r in runners]
    # Ana's record is as it was: no assessment or log was added by anyone else
    ana = world.ana
    assert _call(ana, "GET", f"/api/v1/runners/{world.runner}/assessments", {}).json()["total"] == 1
    assert _call(ana, "GET", f"/api/v1/runners/{world.runner}/logs", {}).json()["total"] == 1


@pytest.mark.parametrize("who", ["bob", "cleo"])
def test_others_cannot_touch_the_runners_pages_tokens_or_shares(world: World, who: str) -> None:
    person = world.others[who]
    client = person.client
    assert client.get(f"/account/export/{world.runner}").status_code == 404
    token = csrf_token(client, "/account")
    assert (
        client.post(
            f"/account/tokens/{world.ana_token_uid}/revoke", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert _call(person, "DELETE", f"/api/v1/tokens/{world.ana_token_uid}", {}).status_code == 404
    withdraw = f"/account/shares/{world.runner}/{world.share}/withdraw"
    assert client.post(withdraw, data={"csrf_token": token}).status_code == 404
    assert (
        client.post(
            "/account/shares", data={"csrf_token": token, "runner": world.runner}
        ).status_code
        == 404
    )
    assert _call(world.ana, "GET", "/api/v1/me", {}).status_code == 200  # Ana's token still works
    assert world.runner in world.dan.client.get("/patients").text  # and the share still holds


def test_a_runner_cannot_open_the_patient_list(world: World) -> None:
    assert world.others["bob"].client.get("/patients").status_code == 403


def test_the_linked_clinician_reads_until_the_share_is_withdrawn(world: World) -> None:
    dan = world.dan
    reads = [
        c
        for c in api_calls(world, world.runner, world.assessment)
        if c[0] == "GET" and not c[1].endswith("/export")
    ]
    for method, path, extra in reads:
        assert _call(dan, method, path, dict(extra)).status_code == 200, path
    assert "Ana" in dan.client.get("/patients").text
    runners = _call(dan, "GET", "/api/v1/runners", {}).json()["items"]
    assert [(r["name"], r["yours"]) for r in runners] == [("Ana", False)]
    # the download of everything and the daily log stay the runner's own
    assert _call(dan, "GET", f"/api/v1/runners/{world.runner}/export", {}).status_code == 404
    log = {"json": {"day": "2026-11-21", "first_step_pain_nrs": 1}}
    assert _call(dan, "POST", f"/api/v1/runners/{world.runner}/logs", log).status_code == 404
    ana = world.ana.client
    withdrawn = ana.post(
        f"/account/shares/{world.runner}/{world.share}/withdraw",
        data={"csrf_token": csrf_token(ana, "/account")},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    for method, path, extra in reads:
        assert _call(dan, method, path, dict(extra)).status_code == 404, path
    assert "Ana" not in dan.client.get("/patients").text


def test_an_invitation_code_works_once(world: World) -> None:
    cleo = world.others["cleo"].client
    answer = cleo.post(
        "/patients", data={"csrf_token": csrf_token(cleo, "/patients"), "code": "AAAA-BBBB-CCCC"}
    )
    assert answer.status_code == 422 and 'id="e-code"' in answer.text
