"""Impossible values are refused before storing, the same way by every command that stores."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import run_cli
from tests.hostile.crafted import fit_run


def _runner_with_a_run(tmp_path: Path) -> dict[str, Any]:
    assert run_cli("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    good = tmp_path / "good.fit"
    good.write_bytes(fit_run(start=datetime(2025, 6, 1, 7, tzinfo=UTC)))
    assert run_cli("import", str(good), "--runner", "ann")[0] == 0
    code, out = run_cli("export", "-r", "ann", "-o", str(tmp_path / "ann.json"))
    assert code == 0, out
    return dict(json.loads((tmp_path / "ann.json").read_text()))


@pytest.mark.parametrize(
    "field, value", [("elapsed_s", 3e35), ("distance_m", 3e36), ("distance_m", 5e6 + 1)]
)
def test_an_impossible_activity_is_not_stored_and_load_keeps_working(
    cli_env: str, tmp_path: Path, field: str, value: float
) -> None:
    _runner_with_a_run(tmp_path)
    bad = tmp_path / "bad.fit"
    bad.write_bytes(fit_run(start=datetime(2025, 6, 3, 7, tzinfo=UTC), **{field: value}))
    code, out = run_cli("import", str(bad), "--runner", "ann")
    assert code == 0 and "1 not stored" in out and field in out
    code, out = run_cli("load", "--runner", "ann")
    assert code == 0 and "1 stored activities" in out


def _mutations() -> list[tuple[str, Any]]:
    def runner(key: str, value: Any) -> Any:
        return lambda d: d["runner"].__setitem__(key, value)

    def activity(key: str, value: Any) -> Any:
        return lambda d: d["activities"][0].__setitem__(key, value)

    return [
        ("unknown time zone", runner("timezone", "Mars/Olympus")),
        ("is not one of", lambda d: d["phase_history"][0].__setitem__("to_phase", "flying")),
        ("has not happened yet", activity("start_utc", "9999-01-01T00:00:00+00:00")),
        ("before 1990", activity("start_utc", "1985-01-01T00:00:00+00:00")),
        ("name must be", runner("name", "")),
        ("name must be", runner("name", "x" * 100_000)),
        ("outside", activity("elapsed_s", 3e35)),
        ("faster than", activity("distance_m", 4_000_000.0)),
    ]


@pytest.mark.parametrize("words, mutate", _mutations(), ids=[m[0] for m in _mutations()])
def test_import_data_is_as_strict_as_the_commands(
    cli_env: str, tmp_path: Path, words: str, mutate: Any
) -> None:
    doc = copy.deepcopy(_runner_with_a_run(tmp_path))
    doc["runner"]["name"] = "bob"
    mutate(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    code, out = run_cli("import-data", str(path))
    assert code == 2 and words in out, out[:500]
    listed = run_cli("runner", "list")[1]
    assert "bob" not in listed and "xxx" not in listed


def test_the_same_rules_hold_for_runner_add_and_log(cli_env: str) -> None:
    code, out = run_cli("runner", "add", "x" * 100_000)
    assert code == 2 and "name must be" in out
    assert run_cli("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    code, out = run_cli("log", "-r", "ann", "--date", "1985-01-05", "--during", "1")
    assert code == 2 and "before 1990" in out
    code, out = run_cli("log", "-r", "ann", "--date", "2026-01-05", "--run", "10", "--run-min", "5")
    assert code == 2 and "km/h" in out


def test_activity_list_and_delete_undo_a_bad_import(cli_env: str, tmp_path: Path) -> None:
    _runner_with_a_run(tmp_path)
    code, out = run_cli("activity", "list", "--runner", "ann")
    assert code == 0 and "good.fit" in out and "running" in out
    from footfix.services.identity import RunnerName, local_actor
    from footfix.services.watch_import import list_stored
    from footfix.store.settings import Settings
    from footfix.store.store import Store

    with Store(Settings(database_url=cli_env)) as store:
        (stored,) = list_stored(store, local_actor(store), RunnerName("ann"))
    activity_id = str(stored.id)
    assert activity_id in out
    code, out = run_cli("activity", "delete", activity_id, "--runner", "ann")
    assert code == 0 and f"Deleted activity {activity_id}" in out
    assert "No stored activities" in run_cli("activity", "list", "--runner", "ann")[1]
    code, out = run_cli("activity", "delete", activity_id, "--runner", "ann")
    assert code == 2 and "no stored activity" in out
