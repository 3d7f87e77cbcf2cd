"""The clinician's pages: patient list at a glance, a clinic record, the exam-findings form with
norms and field messages, re-assessment, comparison, and who may see any of it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from footfix.services.store_access import Store
from footfix.store import assessments_repo
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.web.helpers import api_token, bearer, csrf_token, first_runner_uid, sign_up
from tests.web.saved_assessment import CASES

KNEE = "exam.knee_to_wall_cm.left"


@dataclass
class Clinic:
    ana: TestClient  # a runner who shares her record with dan
    dan: TestClient  # the linked clinician
    cleo: TestClient  # a clinician Ana never invited
    bob: TestClient  # another runner
    runner: str
    share: str
    store: Store


@pytest.fixture
def clinic(web_settings: WebSettings, web_store: Store) -> Iterator[Clinic]:
    app = create_app(web_settings, web_store)
    clients: dict[str, TestClient] = {}
    for name, role in (
        ("ana", "runner"),
        ("dan", "clinician"),
        ("cleo", "clinician"),
        ("bob", "runner"),
    ):
        clients[name] = TestClient(app).__enter__()
        sign_up(clients[name], f"{name}@example.com", name=name.title(), role=role)
    ana = clients["ana"]
    token = api_token(ana)
    runner = first_runner_uid(ana, token)
    today = dt.date.today().isoformat()
    logged = ana.post(
        f"/api/v1/runners/{runner}/logs",
        headers=bearer(token),
        json={
            "day": today,
            "first_step_pain_nrs": 3,
            "exercises": [{"exercise": "bridges", "sets": 3, "reps": 10}],
        },
    )
    assert logged.status_code in (200, 201), logged.text
    invitation = ana.post(
        "/account/shares", data={"csrf_token": csrf_token(ana, "/account"), "runner": runner}
    )
    code = re.search(r'id="invitation-code">([0-9A-F-]+)<', invitation.text).group(1)  # type: ignore[union-attr]
    dan = clients["dan"]
    accepted = dan.post(
        "/patients",
        data={"csrf_token": csrf_token(dan, "/patients"), "code": code},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    share = re.search(
        rf"/account/shares/{runner}/([0-9a-f-]+)/withdraw", ana.get("/account").text
    ).group(1)  # type: ignore[union-attr]
    yield Clinic(ana, dan, clients["cleo"], clients["bob"], runner, share, web_store)
    for client in clients.values():
        client.__exit__(None, None, None)


def _saved(store: Store, runner_uid: str) -> list[assessments_repo.AssessmentRow]:
    with store.read() as conn:
        return assessments_repo.list_assessments(conn, _runner_id(conn, runner_uid))


def _runner_id(conn, uid: str) -> int:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from footfix.store.schema import runners

    return int(conn.execute(sa.select(runners.c.id).where(runners.c.uid == uid)).scalar_one())


def _exam(client: TestClient, runner: str, values: dict[str, str], csrf: bool = True):  # type: ignore[no-untyped-def]
    data = dict(values)
    if csrf:
        data["csrf_token"] = csrf_token(client, f"/patients/{runner}/exam")
    return client.post(f"/patients/{runner}/exam", data=data, follow_redirects=False)


def test_the_clinician_home_speaks_to_a_clinician(clinic: Clinic) -> None:
    """Not a runner's "your assessment, plan, daily log": the way to the patients."""
    main = clinic.dan.get("/").text.partition('id="main"')[2]
    assert 'href="/patients"' in main and "Your patients" in main and "invitation code" in main
    assert not re.search(r"(?i)your (assessment|plan|daily log)|/dashboard|/assess", main)
    runner_home = clinic.ana.get("/").text.partition('id="main"')[2]
    assert 'href="/dashboard"' in runner_home and "/patients" not in runner_home


def test_the_patient_list_shows_phase_last_log_and_adherence(clinic: Clinic) -> None:
    page = clinic.dan.get("/patients")
    assert page.status_code == 200
    row = re.search(
        r"<tr>\s*<td data-label=\"Patient\"><a href=\"/patients/"
        + clinic.runner
        + r"\">Ana</a>(.*?)</tr>",
        page.text,
        re.S,
    )
    assert row, page.text[-2000:]
    labelled = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row.group(1), re.S)
    assert [label for label, _cell in labelled] == [
        "Phase", "Last log", "Logged", "Exercises", "Flares"
    ]  # fmt: skip
    cells = [cell for _label, cell in labelled]
    assert cells[0] == "Rehabilitation without running"
    assert cells[1] == dt.date.today().strftime("%d %b")
    assert cells[2:4] == ["1 of 14", "1 of 14"]
    assert cells[4] == "none"


def test_the_exam_form_shows_norms_and_refuses_bad_values_saving_nothing(clinic: Clinic) -> None:
    form = clinic.dan.get(f"/patients/{clinic.runner}/exam")
    assert form.status_code == 200
    assert "Knee-to-wall under 9 cm (restricted ankle dorsiflexion)" in form.text
    assert "Allowed -5 to 25 cm" in form.text
    bad = _exam(
        clinic.dan,
        clinic.runner,
        {
            KNEE: "99",
            "exam.hallux_extension_deg.right": "<b>lots</b>",
            "exam.windlass.left": "maybe",
        },
    )
    assert bad.status_code == 422 and "Nothing was saved: correct the marked fields (3)" in bad.text
    assert 'id="e-exam.knee_to_wall_cm.left">Must be between -5 and 25 cm.<' in bad.text
    assert "&#39;&lt;b&gt;lots&lt;/b&gt;&#39; is not a number" in bad.text  # shown literally
    assert 'id="e-exam.windlass.left">Choose one of: positive, negative, equivocal.<' in bad.text
    assert 'value="99"' in bad.text  # what was typed stays in the form
    assert _saved(clinic.store, clinic.runner) == []


def test_saving_re_assesses_credits_the_clinician_and_two_assessments_compare(
    clinic: Clinic,
) -> None:
    first = _exam(
        clinic.dan,
        clinic.runner,
        {KNEE: "5", "exam.knee_to_wall_cm.right": "12", "exam.windlass.left": "positive"},
    )
    assert (
        first.status_code == 303
        and first.headers["location"] == f"/patients/{clinic.runner}?done=reassessed"
    )
    again = clinic.dan.get(f"/patients/{clinic.runner}/exam")
    assert re.search(
        r'name="exam\.knee_to_wall_cm\.left" type="text" inputmode="decimal" value="5"', again.text
    )
    second = _exam(
        clinic.dan,
        clinic.runner,
        {KNEE: "12", "exam.knee_to_wall_cm.right": "12", "exam.windlass.left": "negative"},
    )
    assert second.status_code == 303
    saved = _saved(clinic.store, clinic.runner)
    assert len(saved) == 2 and {(s.decided_by_role) for s in saved} == {"clinician"}
    page = clinic.dan.get(f"/patients/{clinic.runner}")
    assert page.text.count("Dan (clinician)") == 2
    assert f'href="/runners/{clinic.runner}/report"' in page.text
    older, newer = saved[0].uid, saved[1].uid
    cmp = clinic.dan.get(f"/patients/{clinic.runner}/compare", params={"a": newer, "b": older})
    assert cmp.status_code == 200
    changes = re.search(r'<ul class="changes">(.*?)</ul>', cmp.text, re.S).group(1)  # type: ignore[union-attr]
    assert "Knee to wall (left): 5 cm → 12 cm" in changes and "(right)" not in changes
    assert "Windlass (left): positive → negative" in changes
    # asked for newer-then-older, shown earlier-then-later: the older one kept the cause
    earlier, later = cmp.text.split('id="h-Earlier"')[1].split('id="h-Later"')
    assert "Ankle dorsiflexion deficit (left)" in earlier
    assert "Ankle dorsiflexion deficit" not in later and "none found" in later
    made_up = clinic.dan.get(f"/patients/{clinic.runner}/compare", params={"a": newer, "b": "nope"})
    assert made_up.status_code == 404


def test_an_unlinked_clinician_and_another_runner_learn_nothing(clinic: Clinic) -> None:
    _exam(clinic.dan, clinic.runner, {KNEE: "5"})
    (saved,) = _saved(clinic.store, clinic.runner)
    made_up = "00000000-0000-4000-8000-000000000000"
    for path in ("", "/exam", f"/compare?a={saved.uid}&b={saved.uid}"):
        theirs = clinic.cleo.get(f"/patients/{clinic.runner}{path}")
        nobody = clinic.cleo.get(f"/patients/{made_up}{path}")
        assert theirs.status_code == nobody.status_code == 404
        assert "Ana" not in theirs.text and saved.uid not in theirs.text
        assert clinic.bob.get(f"/patients/{clinic.runner}{path}").status_code == 403
    assert _exam(clinic.cleo, clinic.runner, {KNEE: "7"}, csrf=False).status_code == 403
    token = csrf_token(clinic.cleo, "/patients")
    stolen = clinic.cleo.post(
        f"/patients/{clinic.runner}/exam", data={"csrf_token": token, KNEE: "7"}
    )
    assert stolen.status_code == 404 and "Ana" not in stolen.text
    assert "Ana" not in clinic.cleo.get("/patients").text
    assert len(_saved(clinic.store, clinic.runner)) == 1


def test_a_post_without_the_csrf_token_saves_nothing(clinic: Clinic) -> None:
    refused = _exam(clinic.dan, clinic.runner, {KNEE: "5"}, csrf=False)
    assert refused.status_code == 403
    assert _saved(clinic.store, clinic.runner) == []
    assert clinic.dan.post("/patients/new", data={"name": "Eve"}).status_code == 403


def test_after_the_runner_withdraws_the_clinician_gets_404(clinic: Clinic) -> None:
    assert clinic.dan.get(f"/patients/{clinic.runner}").status_code == 200
    withdrawn = clinic.ana.post(
        f"/account/shares/{clinic.runner}/{clinic.share}/withdraw",
        data={"csrf_token": csrf_token(clinic.ana, "/account")},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    for path in ("", "/exam"):
        assert clinic.dan.get(f"/patients/{clinic.runner}{path}").status_code == 404
    assert _exam(clinic.dan, clinic.runner, {KNEE: "5"}).status_code == 404
    assert "Ana" not in clinic.dan.get("/patients").text


def test_a_clinic_record_is_the_clinicians_own(clinic: Clinic) -> None:
    token = csrf_token(clinic.dan, "/patients")
    empty = clinic.dan.post("/patients/new", data={"csrf_token": token, "name": "  "})
    assert empty.status_code == 422 and 'id="e-name"' in empty.text
    added = clinic.dan.post(
        "/patients/new", data={"csrf_token": token, "name": "Eve"}, follow_redirects=False
    )
    assert added.status_code == 303
    uid = added.headers["location"].split("/")[2]
    assert 'Eve</a> <span class="muted">(clinic record)</span>' in clinic.dan.get("/patients").text
    assert _exam(clinic.dan, uid, {KNEE: "6"}).status_code == 303
    (saved,) = _saved(clinic.store, uid)
    assert saved.decided_by_role == "clinician"
    assert clinic.cleo.get(f"/patients/{uid}").status_code == 404  # another clinic cannot see it


def test_a_flare_in_the_last_fortnight_shows_on_the_list(clinic: Clinic) -> None:
    token = api_token(clinic.ana, "flare")
    for back in (3, 2):
        day = (dt.date.today() - dt.timedelta(days=back)).isoformat()
        answer = clinic.ana.post(
            f"/api/v1/runners/{clinic.runner}/logs",
            headers=bearer(token),
            json={
                "day": day,
                "first_step_pain_nrs": 8,
                "pain_during_nrs": 8,
                "next_morning": "worse",
            },
        )
        assert answer.status_code in (200, 201), answer.text
    page = clinic.dan.get("/patients").text
    row = re.search(rf'href="/patients/{clinic.runner}">Ana</a>(.*?)</tr>', page, re.S)
    cells = re.findall(r"<td data-label=\"[^\"]+\">(.*?)</td>", row.group(1), re.S)  # type: ignore[union-attr]
    assert cells[2] == "3 of 14"
    flare = (dt.date.today() - dt.timedelta(days=2)).strftime("%d %b")
    assert cells[4] == f'<strong class="error">2</strong> (last {flare})'  # both days flared


TENDER = "exam.palpation_tender.left"


def test_the_form_has_checkbox_groups_and_muscle_tests_with_norms(clinic: Clinic) -> None:
    form = clinic.dan.get(f"/patients/{clinic.runner}/exam").text
    assert "<h2>Muscle tests (graded 0 to 5)</h2>" in form
    assert "Counts as a finding: Hip abductors 4/5 or weaker." in form
    assert 'name="exam.strength_mmt.hip_abductors.right"' in form
    assert "<legend>Tender on palpation, left foot</legend>" in form
    assert re.search(
        rf'<label class="choice"><input type="checkbox" name="{TENDER}\.medial_calcaneal_tubercle"'
        r' value="yes"> medial calcaneal tubercle</label>',
        form,
    )
    assert "knee falls inwards" in form and "knee_valgus</label>" not in form


def test_ticked_boxes_and_muscle_grades_are_saved_and_shown_again(clinic: Clinic) -> None:
    saved = _exam(
        clinic.dan,
        clinic.runner,
        {
            f"{TENDER}.medial_calcaneal_tubercle": "yes",
            f"{TENDER}.plantar_fascia_midarch": "yes",
            "exam.palpation_not_tender.left.sesamoids": "yes",
            "exam.single_leg_squat_faults.right.knee_valgus": "yes",
            "exam.strength_mmt.hip_abductors.left": "4",
            "exam.strength_mmt.hip_abductors.right": "5",
            "exam.self_tests.hip_abduction.left": "limited",
        },
    )
    assert saved.status_code == 303, saved.text[-1500:]
    (row,) = _saved(clinic.store, clinic.runner)
    exam = json.loads(row.case_json)["exam"]
    assert exam["palpation_tender"] == {
        "left": ["medial_calcaneal_tubercle", "plantar_fascia_midarch"]
    }
    assert exam["palpation_not_tender"] == {"left": ["sesamoids"]}
    assert exam["single_leg_squat_faults"] == {"right": ["knee_valgus"]}
    assert exam["strength_mmt"] == {"hip_abductors": {"left": 4.0, "right": 5.0}}
    assert exam["self_tests"] == {"hip_abduction": {"left": "limited"}}
    again = clinic.dan.get(f"/patients/{clinic.runner}/exam").text
    assert f'name="{TENDER}.medial_calcaneal_tubercle" value="yes" checked' in again
    assert f'name="{TENDER}.sesamoids" value="yes">' in again  # the other side list's, unticked
    assert re.search(r'name="exam\.strength_mmt\.hip_abductors\.left"[^>]* value="4"', again)
    # unticking everything on a list takes it out of the next case
    _exam(clinic.dan, clinic.runner, {"exam.strength_mmt.hip_abductors.left": "4"})
    newest = json.loads(_saved(clinic.store, clinic.runner)[-1].case_json)["exam"]
    assert newest == {"strength_mmt": {"hip_abductors": {"left": 4.0}}}


def test_bad_boxes_and_grades_are_refused_next_to_their_field_saving_nothing(
    clinic: Clinic,
) -> None:
    bad = _exam(
        clinic.dan,
        clinic.runner,
        {
            f"{TENDER}.medial_calcaneal_tubercle": "yes",
            "exam.palpation_not_tender.left.medial_calcaneal_tubercle": "yes",
            "exam.sensation_reduced.right.<script>": "yes",
            "exam.mobility_restricted.left.subtalar": "maybe",
            "exam.strength_mmt.toe_flexors.left": "7",
        },
    )
    assert bad.status_code == 422
    assert "Nothing was saved: correct the marked fields (4)" in bad.text
    assert (
        'id="e-exam.palpation_not_tender.left">Also ticked as tender: medial calcaneal tubercle.<'
        in bad.text
    )
    assert 'id="e-exam.sensation_reduced.right">One of the ticked boxes is not on this list.<' in (
        bad.text
    )
    assert 'id="e-exam.mobility_restricted.left">A box is either ticked or left empty.<' in bad.text
    assert 'id="e-exam.strength_mmt.toe_flexors.left">Must be between 0 and 5.<' in bad.text
    assert "<script>" not in bad.text.split("<main", 1)[1]
    assert f'name="{TENDER}.medial_calcaneal_tubercle" value="yes" checked' in bad.text
    assert _saved(clinic.store, clinic.runner) == []


def test_the_comparison_names_ticked_boxes_in_words(clinic: Clinic) -> None:
    _exam(clinic.dan, clinic.runner, {KNEE: "5"})
    _exam(
        clinic.dan,
        clinic.runner,
        {KNEE: "5", "exam.single_leg_squat_faults.left.knee_valgus": "yes"},
    )
    older, newer = (s.uid for s in _saved(clinic.store, clinic.runner))
    cmp = clinic.dan.get(f"/patients/{clinic.runner}/compare", params={"a": older, "b": newer})
    assert "Single-leg squat faults (left): not examined → knee falls inwards" in cmp.text


def test_examined_with_nothing_found_and_the_hop_test_are_kept_apart_from_not_examined(
    clinic: Clinic,
) -> None:
    form = clinic.dan.get(f"/patients/{clinic.runner}/exam").text
    assert "<h2>Hop test (single leg)</h2>" in form and 'name="exam.hop_test.hops.left"' in form
    saved = _exam(
        clinic.dan,
        clinic.runner,
        {
            TENDER: "none",  # palpated, nothing tender
            "exam.hop_test.hops.left": "12",
            "exam.hop_test.pain_nrs.left": "3",
            "exam.hop_test.hops.right": "20",
        },
    )
    assert saved.status_code == 303, saved.text[-1500:]
    exam = json.loads(_saved(clinic.store, clinic.runner)[-1].case_json)["exam"]
    assert exam["palpation_tender"] == {"left": []}  # examined, none: not left out
    assert "sensation_reduced" not in exam  # not examined
    assert exam["hop_test"] == {"left": {"hops": 12.0, "pain_nrs": 3.0}, "right": {"hops": 20.0}}
    again = clinic.dan.get(f"/patients/{clinic.runner}/exam").text
    assert f'name="{TENDER}" value="none" checked' in again
    assert re.search(r'name="exam\.hop_test\.pain_nrs\.left"[^>]* value="3"', again)
    both = _exam(clinic.dan, clinic.runner, {TENDER: "none", f"{TENDER}.cuboid": "yes"})
    assert both.status_code == 422 and "also &#39;examined: none of these&#39;" in both.text


def test_the_comparison_shows_only_real_changes_a_bare_finding_being_the_painful_foots(
    clinic: Clinic,
) -> None:
    """The runner's own case gives findings for the painful (left) foot; the clinician's form
    writes them per side: the same findings are no change."""
    case = {
        "case_format": 1,
        "patient": {"painful_side": "left"},
        "exam": {"windlass": "negative", "calf_tenderness": False, "palpation_tender": []},
    }
    sent = clinic.ana.post(
        f"/api/v1/runners/{clinic.runner}/assessments",
        json=case,
        headers=bearer(api_token(clinic.ana)),
    )
    assert sent.status_code == 201, sent.text
    _exam(
        clinic.dan,
        clinic.runner,
        {"exam.windlass.left": "negative", "exam.calf_tenderness.left": "no", TENDER: "none",
         KNEE: "6"},
    )  # fmt: skip
    older, newer = (s.uid for s in _saved(clinic.store, clinic.runner))
    cmp = clinic.dan.get(f"/patients/{clinic.runner}/compare", params={"a": older, "b": newer})
    changes = re.findall(
        r"<li>(.*?)</li>", cmp.text.split('<ul class="changes">')[1].split("</ul>")[0]
    )
    assert changes[0] == "Knee to wall (left): not examined → 6 cm"  # exam findings first
    assert not any(w in " ".join(changes) for w in ("Windlass", "Calf tenderness", "palpation"))


def test_a_referral_and_its_warning_signs_are_marked_on_the_list_and_the_patient_page(
    clinic: Clinic,
) -> None:
    assert 'class="alert' not in clinic.dan.get("/patients").text  # no assessment yet
    sent = clinic.ana.post(
        f"/api/v1/runners/{clinic.runner}/assessments",
        content=(CASES / "E05-calcaneal-stress-fracture-reds.yaml").read_bytes(),
        headers={**bearer(api_token(clinic.ana)), "content-type": "application/yaml"},
    )
    assert sent.status_code == 201 and sent.json()["referral"] == "urgent"
    listed = clinic.dan.get("/patients").text
    marker = re.search(r'<p class="alert alert-urgent"><strong>(.*?)</strong>: (.*?)</p>', listed)
    assert marker and marker.group(1) == "Urgent referral"
    assert "Suspected heel-bone stress injury" in marker.group(2)
    page = clinic.dan.get(f"/patients/{clinic.runner}").text
    banner = page.split('<div class="banner banner-urgent">', 1)[1].split("</div>", 1)[0]
    assert "Urgent referral" in banner and "Suspected heel-bone stress injury" in banner
