"""A clinic record claimed by its patient: the clinician makes a one-time code on the patient
page (only its SHA-256 is stored), the patient signs up and enters it on their account page,
and the record with its assessment becomes theirs, still shared with the clinician, who loses
it when the runner withdraws the share. A wrong, used or expired code, or an account that has
recorded something already, changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from footfix.services import claims
from footfix.services.store_access import Store
from footfix.store.schema import runners, users
from footfix.store.web_schema import claim_codes
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.web.helpers import api_token, bearer, csrf_token, sign_up


@dataclass
class Clinic:
    app: object
    dan: TestClient  # the clinician who keeps Eve's record
    cleo: TestClient  # another clinician
    record: str  # the clinic record's uid
    store: Store
    clients: list[TestClient]

    def person(self, email: str, role: str = "runner", name: str = "Eve") -> TestClient:
        client = TestClient(self.app).__enter__()  # type: ignore[arg-type]
        self.clients.append(client)
        sign_up(client, email, name=name, role=role)
        return client


@pytest.fixture
def clinic(web_settings: WebSettings, web_store: Store) -> Iterator[Clinic]:
    app = create_app(web_settings, web_store)
    found = Clinic(app, TestClient(app), TestClient(app), "", web_store, [])
    for client, name in ((found.dan, "dan"), (found.cleo, "cleo")):
        client.__enter__()
        found.clients.append(client)
        sign_up(client, f"{name}@example.com", name=name.title(), role="clinician")
    added = found.dan.post(
        "/patients/new",
        data={"csrf_token": csrf_token(found.dan, "/patients"), "name": "Eve at the clinic"},
        follow_redirects=False,
    )
    found.record = added.headers["location"].split("/")[2]
    examined = found.dan.post(
        f"/patients/{found.record}/exam",
        data={
            "csrf_token": csrf_token(found.dan, f"/patients/{found.record}/exam"),
            "exam.knee_to_wall_cm.left": "6",
        },
        follow_redirects=False,
    )
    assert examined.status_code == 303
    yield found
    for client in found.clients:
        client.__exit__(None, None, None)


def _make_code(clinic: Clinic) -> str:
    page = clinic.dan.post(
        f"/patients/{clinic.record}/claim-code",
        data={"csrf_token": csrf_token(clinic.dan, f"/patients/{clinic.record}")},
    )
    assert page.status_code == 200, page.text[-500:]
    found = re.search(r'id="claim-code">([0-9A-F-]+)<', page.text)
    assert found, "the code is shown once on the patient page"
    return found.group(1)


def _claim(client: TestClient, code: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/account/claim",
        data={"csrf_token": csrf_token(client, "/account"), "claim_code": code},
        follow_redirects=False,
    )


def _owner_email(store: Store, uid: str) -> str:
    with store.read() as conn:
        query = sa.select(users.c.email).join(runners).where(runners.c.uid == uid)
        return str(conn.execute(query.select_from(users)).scalar_one())


def _runners_of(client: TestClient) -> list[dict[str, object]]:
    token = api_token(client, "check")
    items: list[dict[str, object]] = client.get("/api/v1/runners", headers=bearer(token)).json()[
        "items"
    ]
    return items


def test_the_patient_claims_the_record_and_it_stays_shared_until_withdrawn(clinic: Clinic) -> None:
    code = _make_code(clinic)
    with clinic.store.read() as conn:
        (row,) = conn.execute(sa.select(claim_codes)).mappings().all()
    assert row["code_hash"] == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    assert code not in str(dict(row)) and code.replace("-", "") not in str(dict(row))
    eve = clinic.person("eve@example.com")
    claimed = _claim(eve, f"  {code.lower().replace('-', ' ')} ")  # typed from paper
    assert claimed.status_code == 303 and claimed.headers["location"] == (
        "/account?done=record-claimed"
    )
    assert _owner_email(clinic.store, clinic.record) == "eve@example.com"
    (mine,) = _runners_of(eve)  # the empty sign-up record gave way to the clinic's
    assert mine["uid"] == clinic.record and mine["name"] == "Eve" and mine["yours"] is True
    plan = eve.get("/plan")  # her own pages show the claimed record, with the clinic's exam
    assert plan.status_code == 200 and "No assessment yet" not in plan.text
    account = eve.get("/account?done=record-claimed").text
    assert "The clinic&#39;s record is yours now" in account and "Shared with Dan" in account
    listed = clinic.dan.get("/patients").text
    assert f'href="/patients/{clinic.record}">Eve</a>' in listed
    assert "(clinic record)" not in listed
    assert "Make a claim code" not in clinic.dan.get(f"/patients/{clinic.record}").text
    with clinic.store.read() as conn:
        used = conn.execute(sa.select(claim_codes)).mappings().one()
    assert used["code_hash"] is None and used["used_at"] is not None
    share = re.search(rf"/account/shares/{clinic.record}/([0-9a-f-]+)/withdraw", account)
    assert share, account[-1500:]
    withdrawn = eve.post(
        share.group(0), data={"csrf_token": csrf_token(eve, "/account")}, follow_redirects=False
    )
    assert withdrawn.status_code == 303
    assert clinic.dan.get(f"/patients/{clinic.record}").status_code == 404
    assert "Eve" not in clinic.dan.get("/patients").text


def test_a_wrong_used_or_expired_code_changes_nothing(clinic: Clinic) -> None:
    code = _make_code(clinic)
    eve = clinic.person("eve@example.com")
    (before,) = _runners_of(eve)
    wrong = _claim(eve, "AAAA-BBBB-CCCC")
    assert wrong.status_code == 422
    assert 'id="e-claim_code">This claim code is unknown, already used or expired.<' in wrong.text
    with clinic.store.write() as conn:
        conn.execute(
            sa.update(claim_codes).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        )
    assert _claim(eve, code).status_code == 422  # expired
    assert _owner_email(clinic.store, clinic.record) == "dan@example.com"
    assert [r["uid"] for r in _runners_of(eve)] == [before["uid"]]
    fresh = _make_code(clinic)
    assert _claim(eve, fresh).status_code == 303
    zoe = clinic.person("zoe@example.com", name="Zoe")
    used = _claim(zoe, fresh)
    assert used.status_code == 422 and "already used" in used.text
    assert _owner_email(clinic.store, clinic.record) == "eve@example.com"


def test_a_new_code_replaces_the_unused_one(clinic: Clinic) -> None:
    first = _make_code(clinic)
    second = _make_code(clinic)
    eve = clinic.person("eve@example.com")
    assert _claim(eve, first).status_code == 422
    assert _claim(eve, second).status_code == 303


def test_an_account_with_entries_cannot_claim_into_it(clinic: Clinic) -> None:
    code = _make_code(clinic)
    eve = clinic.person("eve@example.com")
    token = api_token(eve)
    (own,) = _runners_of(eve)
    logged = eve.post(
        f"/api/v1/runners/{own['uid']}/logs",
        headers=bearer(token),
        json={"day": dt.date.today().isoformat(), "first_step_pain_nrs": 3},
    )
    assert logged.status_code == 201, logged.text
    refused = _claim(eve, code)
    assert refused.status_code == 409
    assert "already holds a record with entries in it" in refused.text
    assert _owner_email(clinic.store, clinic.record) == "dan@example.com"
    assert [r["uid"] for r in _runners_of(eve)] == [own["uid"]]
    assert _claim(clinic.person("eve2@example.com"), code).status_code == 303  # still unused


def test_only_the_record_keeper_makes_a_code_and_only_a_runner_claims(clinic: Clinic) -> None:
    made_up = "00000000-0000-4000-8000-000000000000"
    for path in (clinic.record, made_up):
        stolen = clinic.cleo.post(
            f"/patients/{path}/claim-code", data={"csrf_token": csrf_token(clinic.cleo, "/")}
        )
        assert stolen.status_code == 404 and 'claim-code">' not in stolen.text
    # a runner's shared record is the runner's own: the clinician reading it makes no code
    ana = clinic.person("ana@example.com", name="Ana")
    (ana_record,) = _runners_of(ana)
    invitation = ana.post(
        "/account/shares",
        data={"csrf_token": csrf_token(ana, "/account"), "runner": str(ana_record["uid"])},
    )
    invite = re.search(r'id="invitation-code">([0-9A-F-]+)<', invitation.text)
    assert invite
    clinic.dan.post(
        "/patients", data={"csrf_token": csrf_token(clinic.dan, "/patients"), "code": invite[1]}
    )
    assert clinic.dan.get(f"/patients/{ana_record['uid']}").status_code == 200
    shared = clinic.dan.post(
        f"/patients/{ana_record['uid']}/claim-code",
        data={"csrf_token": csrf_token(clinic.dan, "/")},
    )
    assert shared.status_code == 404
    with clinic.store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(claim_codes)).scalar() == 0
    code = _make_code(clinic)
    assert _claim(clinic.cleo, code).status_code == 403  # a clinician's account claims nothing
    assert _owner_email(clinic.store, clinic.record) == "dan@example.com"


def test_the_api_claims_with_a_token_and_answers_errors_in_its_shape(clinic: Clinic) -> None:
    code = _make_code(clinic)
    eve = clinic.person("eve@example.com")
    token = bearer(api_token(eve))
    wrong = eve.post("/api/v1/claims", headers=token, json={"claim_code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 422 and wrong.json()["error"]["kind"] == "invalid_input"
    assert wrong.json()["error"]["details"] == [f"claim_code: {claims.BAD_CODE}"]
    assert eve.post("/api/v1/claims", json={"claim_code": code}).status_code == 401  # no token
    doctor = clinic.cleo.post(
        "/api/v1/claims", headers=bearer(api_token(clinic.cleo)), json={"claim_code": code}
    )
    assert doctor.status_code == 403 and doctor.json()["error"]["kind"] == "forbidden"
    claimed = eve.post("/api/v1/claims", headers=token, json={"claim_code": code.lower()})
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["uid"] == clinic.record and claimed.json()["yours"] is True
    assert _owner_email(clinic.store, clinic.record) == "eve@example.com"
    again = eve.post("/api/v1/claims", headers=token, json={"claim_code": code})
    assert again.status_code == 422  # a code works once
    operation = eve.get("/api/v1/openapi.json").json()["paths"]["/api/v1/claims"]["post"]
    assert {"200", "401", "403", "409", "422"} <= set(operation["responses"])
