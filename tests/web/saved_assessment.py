"""A runner's assessment saved as the case-file route saves it (a shared example case)."""

from __future__ import annotations

from pathlib import Path

from footfix.services import records
from footfix.services.assessment import assess_case
from footfix.services.assessments import save_assessment
from footfix.services.identity import Actor, RunnerName
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from tests.web.runner_account import RUNNER

CASES = Path(__file__).parents[1] / "data" / "cases"


def save_case(store: Store, user: SessionUser, case: str = "E01-pf-ankle-df-load-spike") -> None:
    parsed = records.parse_case((CASES / f"{case}.yaml").read_text(encoding="utf-8"))
    actor = Actor(user.user_id, user.uid, user.role, user.display_name)
    save_assessment(store, actor, RunnerName(RUNNER), parsed, assess_case(parsed))
