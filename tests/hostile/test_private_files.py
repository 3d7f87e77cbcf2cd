"""Health data is written privately (0600 in 0700 folders) and exports never follow symlinks."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from footfix.private_files import write_private
from footfix.store.engine import make_engine
from footfix.store.settings import Settings, sqlite_url
from tests.cli_runner import run_cli
from tests.hostile.crafted import fit_run


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    db = tmp_path / "new" / "data" / "footfix.sqlite3"
    engine = make_engine(Settings(database_url=sqlite_url(db)))
    with engine.connect():
        pass
    engine.dispose()
    assert _mode(db) == 0o600
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700


def _runner(tmp_path: Path) -> None:
    assert run_cli("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    run = tmp_path / "secret-folder" / "run.fit"
    run.parent.mkdir()
    run.write_bytes(fit_run(start=datetime(2025, 6, 1, 7, tzinfo=UTC)))
    assert run_cli("import", str(run), "--runner", "ann")[0] == 0


def test_export_is_private_atomic_and_carries_no_local_paths(cli_env: str, tmp_path: Path) -> None:
    _runner(tmp_path)
    out = tmp_path / "ann.json"
    assert run_cli("export", "-r", "ann", "-o", str(out))[0] == 0
    assert _mode(out) == 0o600
    text = out.read_text()
    assert "secret-folder" not in text and str(tmp_path) not in text
    (activity,) = json.loads(text)["activities"]
    assert activity["source"] == "run.fit" and activity["file_sha256"] is None
    assert list(tmp_path.glob("*.partial")) == [] and list(tmp_path.glob(".*partial")) == []
    assert run_cli("export", "-r", "ann", "-o", str(out), "--with-sources")[0] == 0
    assert "secret-folder" in out.read_text()


def test_export_to_a_folder_is_refused_and_leaves_nothing(cli_env: str, tmp_path: Path) -> None:
    _runner(tmp_path)
    folder = tmp_path / "somedir"
    folder.mkdir()
    code, out = run_cli("export", "-r", "ann", "-o", str(folder))
    assert code == 2 and "is a folder" in out and "Nothing was changed" not in out
    assert list(folder.iterdir()) == [] and list(tmp_path.glob("*partial")) == []


def test_a_planted_symlink_is_replaced_never_followed(cli_env: str, tmp_path: Path) -> None:
    _runner(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "ann.json"
    (tmp_path / "ann.json.partial").symlink_to(victim)  # the old fixed temporary name
    out.symlink_to(victim)
    assert run_cli("export", "-r", "ann", "-o", str(out))[0] == 0
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and json.loads(out.read_text())["runner"]["name"] == "ann"


def test_write_private_refuses_a_folder_and_cleans_up_on_failure(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="is a folder"):
        write_private(tmp_path, "x")
    with pytest.raises(TypeError):
        write_private(tmp_path / "f.json", 3)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_stride_files_go_under_the_data_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footfix.services.stride import default_folder

    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(tmp_path / "data"))
    folder = default_folder(Path("/videos/my run.mp4"))
    assert folder.parent == tmp_path / "data" / "stride"
    assert folder.name.startswith("my run-")
