"""footfix db backup / restore and footfix worker, through the real CLI (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import run_cli


def test_backup_then_restore_brings_back_a_runner_deleted_since(
    cli_env: str, tmp_path: Path
) -> None:
    assert run_cli("runner", "add", "ann")[0] == 0
    target = tmp_path / "b.backup"
    code, out = run_cli("db", "backup", str(target))
    assert code == 0 and "Backed up" in out
    assert run_cli("runner", "add", "bob")[0] == 0
    code, out = run_cli("db", "restore", str(target))
    assert code == 0, out
    code, out = run_cli("runner", "list")
    assert "ann" in out and "bob" not in out
    bogus = tmp_path / "bogus"
    bogus.write_text("hello", encoding="utf-8")
    code, out = run_cli("db", "restore", str(bogus))
    assert code == 2 and "not a" in out and "Traceback" not in out


def test_worker_once_runs_due_jobs(cli_env: str) -> None:
    code, out = run_cli("worker", "--once")
    assert code == 0 and "Ran 0 job(s)." in out
