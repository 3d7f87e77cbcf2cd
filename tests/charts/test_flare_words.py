"""A major flare the plan cannot step back from, after a run the phase did not allow: the week's
summary says to stop running and contact a clinician (it used to say "hold the load where it
is") and names the run logged in a no-running phase, as ``footfix progress`` does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app

cli = CliRunner()
START = dt.date(2026, 3, 2)


def footfix(*args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, f"footfix {' '.join(args)}\n{result.output}"
    return result.output


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_major_flare_in_the_lightest_phase_says_stop_and_see_a_clinician(cli_env: str) -> None:
    from footfix.services import week_summary
    from footfix.services.identity import RunnerName, local_actor
    from footfix.services.store_access import open_store

    footfix("runner", "add", "rita", "--side", "left", "--severity", "severe", "--bone-stress",
            "--phase", "protect_unload", "--start", START.isoformat())  # fmt: skip
    for offset in range(3):
        day = (START + dt.timedelta(days=offset)).isoformat()
        footfix("log", "--runner", "rita", "--date", day, "--first-step", "3", "--during", "2",
                "--walk-min", "20")  # fmt: skip
    flare_day = START + dt.timedelta(days=3)
    footfix("log", "--runner", "rita", "--date", flare_day.isoformat(), "--first-step", "8",
            "--during", "7", "--walk-min", "10", "--run", "5", "--surface", "road")  # fmt: skip
    with open_store() as store:
        found = week_summary.overview(store, local_actor(store), RunnerName("rita"), flare_day)
    report, warnings = found.report, found.summary.warnings
    assert report.decision.flare is not None and report.decision.flare.severity == "major"
    assert not report.decision.changed and not report.allowance.running_allowed
    text = " ".join(warnings)
    assert "hold the load where it is" not in text
    assert "stop any running" in text and "contact your clinician" in text
    assert any("no running" in w for w in warnings), warnings


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_flare_message_says_every_day_the_same_readable_way(cli_env: str) -> None:
    from footfix.services import week_summary
    from footfix.services.identity import RunnerName, local_actor
    from footfix.services.store_access import open_store

    footfix("runner", "add", "ivy", "--side", "right", "--start", START.isoformat())
    for offset in range(3):
        day = (START + dt.timedelta(days=offset)).isoformat()
        footfix("log", "--runner", "ivy", "--date", day, "--first-step", "2", "--during", "1",
                "--walk-min", "40")  # fmt: skip
    flare_day = START + dt.timedelta(days=3)  # Thursday 5 March 2026
    footfix("log", "--runner", "ivy", "--date", flare_day.isoformat(), "--first-step", "3",
            "--during", "8", "--walk-min", "30")  # fmt: skip
    with open_store() as store:
        found = week_summary.overview(store, local_actor(store), RunnerName("ivy"), flare_day)
    flare = found.report.decision.flare
    assert flare is not None and flare_day.isoformat() in " ".join(flare.reasons)
    message = next(w for w in found.summary.warnings if w.startswith("Flare on"))
    assert message.startswith("Flare on Thu 5 Mar: ")
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\b0\d ", message), message
    assert "activity on Thu 5 Mar" in message
