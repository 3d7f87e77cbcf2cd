"""The report and exports on the web and the API: the owner and the linked clinician get real
files (a PDF poppler reads, a FHIR bundle fhir.resources parses, an ICS icalendar parses, CSV);
another runner and an unlinked clinician get the 404 of an id that does not exist; forms need
their CSRF token; the outcome form stores PSFS and SANE through services.outcomes."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from tests.web.helpers import bearer, csrf_token
from tests.web.test_isolation import MADE_UP, Person, World, world

__all__ = ["world"]  # the fixture, shared with the isolation tests

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="no poppler-utils")
DISCLAIMER = "Disclaimer: footfix supports decisions and education; it does not diagnose"
PAGES = ("report", "report.pdf", "fhir.json", "calendar.ics", "logs.csv", "activities.csv")
API = ("fhir", "calendar", "report.pdf", "outcomes")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(run.stdout.decode().split())


def _get(person: Person, path: str):  # type: ignore[no-untyped-def]
    return person.client.get(path, follow_redirects=False)


def test_the_owner_gets_the_html_report_under_a_csp_that_allows_only_its_own_style(
    world: World,
) -> None:
    answer = _get(world.ana, f"/runners/{world.runner}/report")
    assert answer.status_code == 200, answer.text[-500:]
    html = answer.text
    assert html.startswith("<!DOCTYPE html>") and "Return-to-run ladder" in html
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = answer.headers["content-security-policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in policy and "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert ' style="' not in html  # a style attribute would be blocked by that policy
    assert answer.headers["cache-control"] == "no-store"


@needs_poppler
def test_the_pdf_is_a_real_pdf_with_the_referral_and_the_disclaimer(
    world: World, tmp_path: Path
) -> None:
    answer = _get(world.ana, f"/runners/{world.runner}/report.pdf?paper=letter")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    box = PdfReader(io.BytesIO(answer.content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = _text(answer.content, tmp_path)
    assert "REFERRAL" in text and DISCLAIMER in text
    assert text.index("REFERRAL") < text.index("Where you are")
    assert _get(world.ana, f"/runners/{world.runner}/report.pdf?paper=a5").status_code == 422


def test_the_owner_downloads_fhir_calendar_and_csv(world: World) -> None:
    base = f"/runners/{world.runner}"
    fhir = _get(world.ana, f"{base}/fhir.json")
    assert fhir.status_code == 200 and "attachment" in fhir.headers["content-disposition"]
    bundle = Bundle.model_validate_json(fhir.content)
    kinds = {e.resource.get_resource_type() for e in bundle.entry or []}
    assert {"Patient", "Condition", "CarePlan"} <= kinds
    ics = _get(world.ana, f"{base}/calendar.ics?weeks=2")
    assert ics.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert events and all(e.get("uid") for e in events)
    logs = list(csv.DictReader(io.StringIO(_get(world.ana, f"{base}/logs.csv").text)))
    assert [row["day"] for row in logs] == ["2026-11-20"]
    activities = _get(world.ana, f"{base}/activities.csv")
    assert activities.status_code == 200 and activities.text.count("\n") == 1  # header only
    page = _get(world.ana, f"{base}/exports").text
    for name in PAGES:
        assert f"{base}/{name}" in page
    assert "Your name as it should appear" not in page  # the clinician's form is theirs
    mine = _get(world.ana, "/exports")
    assert mine.status_code == 303 and mine.headers["location"] == f"{base}/exports"


@pytest.mark.parametrize("who", ["bob", "cleo"])
def test_others_get_the_404_of_an_id_that_does_not_exist(world: World, who: str) -> None:
    person = world.others[who]
    for name in (*PAGES, "outcomes.csv", "outcomes", "exports"):
        real = _get(person, f"/runners/{world.runner}/{name}")
        fake = _get(person, f"/runners/{MADE_UP}/{name}")
        assert real.status_code == 404 == fake.status_code, (who, name, real.text[-300:])
        assert real.text.replace(world.runner, MADE_UP) == fake.text, name
        assert "Ana" not in real.text
    token = csrf_token(person.client, "/")
    posts = {
        "report": {"clinician": "Dr Eve", "notes": "hello"},
        "outcomes": {"sane": "50"},
    }
    for name, data in posts.items():
        answer = person.client.post(
            f"/runners/{world.runner}/{name}", data=data | {"csrf_token": token}
        )
        assert answer.status_code == 404 and "Ana" not in answer.text, name
    for name in API:
        real = person.client.get(
            f"/api/v1/runners/{world.runner}/{name}", headers=bearer(person.token)
        )
        fake = person.client.get(f"/api/v1/runners/{MADE_UP}/{name}", headers=bearer(person.token))
        assert real.status_code == 404 and real.json() == fake.json(), name
    sent = person.client.post(
        f"/api/v1/runners/{world.runner}/outcomes",
        headers=bearer(person.token),
        json={"measure": "sane", "items": [{"item": "overall", "value": 10}]},
    )
    assert sent.status_code == 404
    listed = world.ana.client.get(
        f"/api/v1/runners/{world.runner}/outcomes", headers=bearer(world.ana.token)
    )
    assert listed.json()["total"] == 0  # nothing was stored by anyone else


@needs_poppler
def test_the_linked_clinician_adds_name_and_notes_with_csrf(world: World, tmp_path: Path) -> None:
    dan = world.dan.client
    base = f"/runners/{world.runner}"
    assert _get(world.dan, f"{base}/report").status_code == 200
    page = _get(world.dan, f"{base}/exports").text
    assert "Your name as it should appear" in page
    note = "Retest <b>heel raise</b> in 2 weeks & call me"
    data = {"clinician": "Dr Dan <i>Lee</i>", "notes": note, "paper": "a4", "format": "html"}
    refused = dan.post(f"{base}/report", data=data)
    assert refused.status_code == 403 and note not in refused.text  # no CSRF token
    token = csrf_token(dan, f"{base}/exports")
    html = dan.post(f"{base}/report", data=data | {"csrf_token": token})
    assert html.status_code == 200, html.text[-500:]
    assert "Retest &lt;b&gt;heel raise&lt;/b&gt; in 2 weeks &amp; call me" in html.text
    assert "Dr Dan &lt;i&gt;Lee&lt;/i&gt;" in html.text and "<i>Lee" not in html.text
    pdf = dan.post(f"{base}/report", data=data | {"csrf_token": token, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    text = _text(pdf.content, tmp_path)
    assert "Dr Dan <i>Lee</i>" in text and "Retest <b>heel raise</b> in 2 weeks & call me" in text
    too_long = dan.post(f"{base}/report", data=data | {"csrf_token": token, "notes": "x" * 4001})
    assert too_long.status_code == 422 and "limited to 4000 characters" in too_long.text
    # the runner's own report carries no clinician; the runner cannot sign one as a clinician
    ana = world.ana.client
    own = ana.post(f"{base}/report", data=data | {"csrf_token": csrf_token(ana, f"{base}/exports")})
    assert own.status_code == 403


def test_the_outcome_form_stores_psfs_and_sane_and_shows_the_change(world: World) -> None:
    ana = world.ana.client
    base = f"/runners/{world.runner}/outcomes"
    baseline = [
        {
            "measure": "psfs",
            "items": [{"item": a, "value": 2} for a in ("stairs", "run 5 km", "stand")],
            "day": "2026-11-10",
        },
        {"measure": "sane", "items": [{"item": "overall", "value": 30}], "day": "2026-11-10"},
    ]
    for body in baseline:
        sent = ana.post(
            f"/api/v1/runners/{world.runner}/outcomes", headers=bearer(world.ana.token), json=body
        )
        assert sent.status_code == 201, sent.text
    form = {
        "psfs_activity_1": "stairs",
        "psfs_score_1": "6",
        "psfs_activity_2": "run 5 km",
        "psfs_score_2": "5",
        "psfs_activity_3": "stand",
        "psfs_score_3": "7",
        "sane": "55",
    }
    assert ana.post(base, data=form).status_code == 403  # no CSRF token: nothing stored
    api = f"/api/v1/runners/{world.runner}/outcomes"
    assert ana.get(api, headers=bearer(world.ana.token)).json()["total"] == 2
    token = csrf_token(ana, base)
    bad = ana.post(base, data=form | {"csrf_token": token, "psfs_score_2": "11"})
    assert bad.status_code == 422 and "nothing was" in bad.text
    half = ana.post(base, data={"csrf_token": token, "psfs_activity_1": "stairs"})
    assert half.status_code == 422 and "needs both its name and its 0–10 rating" in half.text
    saved = ana.post(base, data=form | {"csrf_token": token}, follow_redirects=False)
    assert saved.status_code == 303, saved.text[-500:]
    page = ana.get(saved.headers["location"]).text
    assert "the outcome measures are recorded" in page
    assert "MCID 2 points" in page and "MCID 15 points" in page
    records = ana.get(api, headers=bearer(world.ana.token)).json()["items"]
    psfs = next(r for r in records if r["measure"] == "psfs")
    assert psfs["score"] == 6.0 and [i["item"] for i in psfs["items"]] == [
        "stairs",
        "run 5 km",
        "stand",
    ]
    # the change is read against the MCID: PSFS +4 (MCID 2) and SANE +25 (MCID 15) both count
    sentences = re.findall(r"<p><strong>(.*?)</strong></p>", page)
    assert any("PSFS" in s for s in sentences) and any("SANE" in s for s in sentences), sentences
    again = ana.post(base, data=form | {"csrf_token": token})
    assert again.status_code == 409  # today is recorded: replacing is asked for
    replaced = ana.post(
        base, data=form | {"csrf_token": token, "replace": "1"}, follow_redirects=False
    )
    assert replaced.status_code == 303
    # the linked clinician reads the same, and may record in clinic
    assert "stairs" in world.dan.client.get(base).text


def test_the_api_exports_for_owner_and_linked_clinician(world: World) -> None:
    for person in (world.ana, world.dan):
        base = f"/api/v1/runners/{world.runner}"
        headers = bearer(person.token)
        fhir = person.client.get(f"{base}/fhir", headers=headers)
        assert fhir.headers["content-type"] == "application/fhir+json"
        assert Bundle.model_validate_json(fhir.content).type == "collection"
        cal = person.client.get(f"{base}/calendar?weeks=1", headers=headers)
        assert cal.status_code == 200 and icalendar.Calendar.from_ical(cal.content)
        pdf = person.client.get(f"{base}/report.pdf", headers=headers)
        assert pdf.content.startswith(b"%PDF")
        assert person.client.get(f"{base}/fhir").status_code == 401  # a token, not cookies
    sent = world.dan.client.post(
        f"{base}/outcomes",
        headers=bearer(world.dan.token),
        json={"measure": "sane", "items": [{"item": "overall", "value": 101}]},
    )
    assert sent.status_code == 422 and "nothing was" in sent.text
    schema = world.ana.client.get("/api/v1/openapi.json").json()
    for name in API:
        assert f"/api/v1/runners/{{runner_uid}}/{name}" in schema["paths"], name
