"""Every endpoint and page that takes an id: another runner and an unlinked clinician get a 404
(a runner on a clinician's page: a 403) that says no more than one for an id that does not
exist, and nothing is stored; a linked clinician reads, and stops reading when the runner
withdraws the share. ``ID_ROUTES`` lists every route with an id in its path, and a test fails
when the app has one it does not list, so a new route cannot skip these checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from footfix.services.store_access import Store
from footfix.store import schema
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.paths import CASES, WATCH
from tests.web.helpers import api_token, bearer, csrf_token, first_runner_uid, sign_up

CASE = sorted(CASES.glob("*.yaml"))[0].read_bytes()
YAML = {"Content-Type": "application/yaml"}
MADE_UP = "00000000-0000-4000-8000-000000000000"
GPX = WATCH / "gpx" / "gpxpy_around-visnjan-with-car.gpx"


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
    job: str = ""  # Ana's upload job
    bob_assessment: str = ""  # an assessment of another runner's record
    store: Store | None = None


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
    uploaded = ana.client.post(
        f"/api/v1/runners/{runner}/uploads",
        headers=bearer(ana.token),
        files=[("files", (GPX.name, GPX.read_bytes(), "application/gpx+xml"))],
    )
    assert uploaded.status_code == 202, uploaded.text
    bob = people["bob"]
    bob_runner = first_runner_uid(bob.client, bob.token)
    bobs = bob.client.post(
        f"/api/v1/runners/{bob_runner}/assessments", content=CASE, headers=bearer(bob.token) | YAML
    )
    yield World(
        ana,
        runner,
        assessment,
        tokens[0]["uid"],
        {"bob": bob, "cleo": people["cleo"]},
        dan,
        share,
        job=uploaded.json()["jobs"][0]["id"],
        bob_assessment=bobs.headers["location"].rsplit("/", 1)[-1],
        store=web_store,
    )
    for client in clients:
        client.__exit__(None, None, None)


@dataclass(frozen=True)
class Call:
    """One request to a route with ids in its path; ``query`` may hold more ids."""

    method: str
    path: str  # the route's path, as the app declares it
    query: str = ""
    send: dict[str, object] = field(default_factory=dict)  # json, content, headers, files
    form: dict[str, str] | None = None  # a page's form: sent with the person's CSRF token


EXAM = "exam.knee_to_wall_cm.left"
ID_ROUTES = [
    Call("GET", "/api/v1/runners/{runner_uid}"),
    Call("GET", "/api/v1/runners/{runner_uid}/assessments"),
    Call(
        "POST", "/api/v1/runners/{runner_uid}/assessments", send={"content": CASE, "headers": YAML}
    ),
    Call("GET", "/api/v1/runners/{runner_uid}/assessments/{assessment_uid}"),
    Call("GET", "/api/v1/runners/{runner_uid}/plan"),
    Call("GET", "/api/v1/runners/{runner_uid}/logs"),
    Call(
        "POST",
        "/api/v1/runners/{runner_uid}/logs",
        send={"json": {"day": "2026-11-21", "first_step_pain_nrs": 9}},
    ),
    Call("GET", "/api/v1/runners/{runner_uid}/progress"),
    Call("GET", "/api/v1/runners/{runner_uid}/export"),
    Call("GET", "/api/v1/runners/{runner_uid}/fhir"),
    Call("GET", "/api/v1/runners/{runner_uid}/calendar"),
    Call("GET", "/api/v1/runners/{runner_uid}/report.pdf"),
    Call("GET", "/api/v1/runners/{runner_uid}/outcomes"),
    Call(
        "POST",
        "/api/v1/runners/{runner_uid}/outcomes",
        send={"json": {"measure": "sane", "items": [{"item": "overall", "value": 10}]}},
    ),
    Call(
        "POST",
        "/api/v1/runners/{runner_uid}/uploads",
        send={"files": [("files", (GPX.name, GPX.read_bytes(), "application/gpx+xml"))]},
    ),
    Call("GET", "/api/v1/jobs/{job_uid}"),
    Call("DELETE", "/api/v1/tokens/{token_uid}"),
    Call("GET", "/account/export/{runner_uid}"),
    Call("POST", "/account/tokens/{uid}/revoke", form={}),
    Call("POST", "/account/shares/{runner_uid}/{share_uid}/withdraw", form={}),
    Call("GET", "/patients/{runner_uid}"),
    Call("GET", "/patients/{runner_uid}/exam"),
    Call("POST", "/patients/{runner_uid}/exam", form={EXAM: "5"}),
    Call("POST", "/patients/{runner_uid}/claim-code", form={}),
    Call("GET", "/patients/{runner_uid}/compare", query="?a={assessment_uid}&b={assessment_uid}"),
    Call("GET", "/runners/{runner_uid}/exports"),
    Call("GET", "/runners/{runner_uid}/report"),
    Call("GET", "/runners/{runner_uid}/report.pdf"),
    Call("POST", "/runners/{runner_uid}/report", form={"clinician": "Dr Eve", "notes": "hi"}),
    Call("GET", "/runners/{runner_uid}/fhir.json"),
    Call("GET", "/runners/{runner_uid}/calendar.ics"),
    Call("GET", "/runners/{runner_uid}/logs.csv"),
    Call("GET", "/runners/{runner_uid}/activities.csv"),
    Call("GET", "/runners/{runner_uid}/outcomes.csv"),
    Call("GET", "/runners/{runner_uid}/outcomes"),
    Call("POST", "/runners/{runner_uid}/outcomes", form={"sane": "50"}),
]
# what the app stores for a runner: nobody else's request may add a row to any of them
STORED = (
    "assessments",
    "day_logs",
    "outcome_records",
    "jobs",
    "uploads",
    "audit_log",
    "claim_codes",
)


def ids_of(w: World) -> dict[str, str]:
    return {
        "runner_uid": w.runner,
        "assessment_uid": w.assessment,
        "job_uid": w.job,
        "token_uid": w.ana_token_uid,
        "uid": w.ana_token_uid,
        "share_uid": w.share,
    }


def send(person: Person, call: Call, ids: dict[str, str]):  # type: ignore[no-untyped-def]
    extra = dict(call.send)
    headers = bearer(person.token) | dict(extra.pop("headers", {}))  # type: ignore[call-overload]
    if call.form is not None:
        extra["data"] = call.form | {"csrf_token": csrf_token(person.client, "/account")}
    path = call.path.format(**ids) + call.query.format(**ids)
    return person.client.request(
        call.method, path, headers=headers, follow_redirects=False, **extra
    )


def _scrubbed(answer, ids: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    text = re.sub(r"[0-9a-f]{64}", "TOKEN", answer.text)  # the page's CSRF token
    for value in ids.values():
        text = text.replace(value, MADE_UP)
    return text


def _counts(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {
            name: int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(schema.metadata.tables[name])
                ).scalar_one()
            )
            for name in STORED
        }


def test_every_route_with_an_id_is_checked(world: World) -> None:
    app = world.ana.client.app
    declared = {
        (method, r.path)
        for r in iter_route_contexts(app.routes)  # type: ignore[attr-defined]
        if r.path and "{" in r.path
        for method in getattr(r.original_route, "methods", None) or ()
    }
    listed = {(c.method, c.path) for c in ID_ROUTES}
    assert declared - listed == set(), "routes with an id that ID_ROUTES does not check"
    assert listed - declared == set(), "ID_ROUTES lists a route the app does not have"


@pytest.mark.parametrize("who", ["bob", "cleo"])
def test_no_route_with_an_id_answers_others_more_than_a_made_up_id(world: World, who: str) -> None:
    person = world.others[who]
    assert world.store is not None
    before = _counts(world.store)
    real_ids = ids_of(world)
    fake_ids = dict.fromkeys(real_ids, MADE_UP)
    for call in ID_ROUTES:
        real = send(person, call, real_ids)
        fake = send(person, call, fake_ids)
        where = (who, call.method, call.path)
        refused = 403 if who == "bob" and call.path.startswith("/patients/") else 404
        assert real.status_code == refused, (*where, real.status_code, real.text[-300:])
        assert fake.status_code == refused, (*where, fake.status_code)
        assert _scrubbed(real, real_ids) == _scrubbed(fake, fake_ids), where
        assert "Ana" not in real.text, where
    assert _counts(world.store) == before  # nothing stored, not even an audit line
    ana = world.ana
    assert _call(ana, "GET", "/api/v1/me", {}).status_code == 200  # Ana's token still works
    assert _call(ana, "GET", f"/api/v1/jobs/{world.job}", {}).status_code == 200
    assert world.runner in world.dan.client.get("/patients").text  # and the share still holds


def test_a_clinician_cannot_compare_with_another_runners_assessment(world: World) -> None:
    dan = world.dan.client
    base = f"/patients/{world.runner}/compare?a={world.assessment}"
    assert dan.get(f"{base}&b={world.assessment}").status_code == 200
    mixed = dan.get(f"{base}&b={world.bob_assessment}")
    assert mixed.status_code == 404 and "Bob" not in mixed.text


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
def test_others_cannot_make_an_invitation_for_the_runner(world: World, who: str) -> None:
    client = world.others[who].client
    token = csrf_token(client, "/account")
    made = client.post("/account/shares", data={"csrf_token": token, "runner": world.runner})
    assert made.status_code == 404 and "Ana" not in made.text
    assert "invitation-code" not in made.text


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
    ids = ids_of(world)
    pages = [
        c
        for c in ID_ROUTES
        if c.method == "GET"
        and c.path.startswith(("/patients/", "/runners/"))
        and not c.path.endswith(".pdf")  # the PDF's own tests draw it
    ]
    for call in pages:
        assert send(dan, call, ids).status_code == 200, call.path
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
    for call in pages:
        assert send(dan, call, ids).status_code == 404, call.path
    assert "Ana" not in dan.client.get("/patients").text


def test_an_invitation_code_works_once(world: World) -> None:
    cleo = world.others["cleo"].client
    answer = cleo.post(
        "/patients", data={"csrf_token": csrf_token(cleo, "/patients"), "code": "AAAA-BBBB-CCCC"}
    )
    assert answer.status_code == 422 and 'id="e-code"' in answer.text
