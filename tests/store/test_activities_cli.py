"""``footfix import --runner`` and ``footfix load --runner`` through the real CLI, both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli_runner import run_cli as run
from tests.paths import WATCH

FILES = [
    WATCH / "fit" / "activity-small-fenix2-run.fit",  # 2015-08-15, 9.0 km
    WATCH / "fit" / "activity-large-fenxi2-multisport.fit",  # 2015-08-29: two runs, 15.0 km
    WATCH / "fit" / "invalid" / "activity-filecrc.fit",  # corrupt
]


def test_import_for_a_runner_then_load_the_stored_weeks(cli_env: str) -> None:
    assert run("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    code, out = run("import", *map(str, FILES), "--runner", "ann")
    assert code == 0, out
    assert "Imported 8 activities from 3 files" in out and "1 skipped" in out and "checksum" in out
    # the runs apart from the other sports, which do not count toward running load
    others = (
        "3 runs, 5 other activities not counted as running (3 transitions between sports, "
        "1 activity of an unnamed sport, 1 ride)"
    )
    assert f"Stored for ann. 8 activities imported: {others}; 0 already stored; 0 not" in out

    code, out = run("import", *map(str, FILES), "--runner", "ann")
    assert code == 0, out
    assert "Stored for ann. 0 activities imported; 8 already stored" in out

    code, out = run("load", "--runner", "ann")
    assert code == 0, out
    assert "8 stored activities of ann" in out and "Weekly running (km)" in out
    # Monday-to-Sunday weeks: one run of 9.0 km, an empty week, two runs of 15.0 km in all
    assert "2015-08-10 │ 1 │ 9.0" in out and "2015-08-17 │ 0 │ 0.0" in out
    assert "2015-08-24 │ 2 │ 15.0" in out
    assert "Running dynamics" in out and "2015-08-29 │ 12.7 │ 166" in out
    assert "Other: 3 x transition" in out and "Other: 1 x cycling, 28.9 km" in out
    assert "Hard % needs the samples" in out
    code, out = run("load", "--runner", "ann", "--units", "mi")
    assert code == 0 and "2015-08-24 │ 2 │ 9.3" in out


def test_runner_mistakes_get_clear_messages(cli_env: str, tmp_path: Path) -> None:
    code, out = run("import", str(FILES[0]), "--runner", "ghost")
    assert code == 2 and "no runner called 'ghost'" in out and "Imported" not in out
    code, out = run("load", "--runner", "ghost")
    assert code == 2 and "no runner called 'ghost'" in out
    run("runner", "add", "ann", "--units", "mi", "--start", "2026-01-05")
    code, out = run("load", "--runner", "ann")
    assert code == 2 and "no running activities stored for ann" in out
    code, out = run("load", str(FILES[0]), "--runner", "ann")
    assert code == 2 and "not both" in out
    (tmp_path / "junk.fit").write_bytes(b"junk")
    code, out = run("import", str(tmp_path), "--runner", "ann")
    assert code == 2 and "no activity could be read" in out
    run("import", str(FILES[0]), "--runner", "ann")
    code, out = run("load", "--runner", "ann")
    assert code == 0 and "Weekly running (mi)" in out  # the runner's own units


def test_two_imports_of_the_same_files_at_once_store_each_activity_once(cli_env: str) -> None:
    assert run("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from footfix.ingest import import_paths\n"
        "from footfix.services.watch_import import store_report\n"
        "from footfix.store.settings import Settings\n"
        "paths = [Path(p) for p in sys.argv[2:]]\n"
        "from footfix.store.store import Store\n"
        "store = Store(Settings(database_url=sys.argv[1]))\n"
        "from footfix.services.identity import RunnerName, local_actor\n"
        "me, ann = local_actor(store), RunnerName('ann')\n"
        "store_report(store, me, ann, import_paths(paths, workers=1))\n"
    )
    files = [str(p) for p in FILES[:2]]
    procs = [subprocess.Popen([sys.executable, "-c", script, cli_env, *files]) for _ in range(2)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    code, out = run("load", "--runner", "ann")
    assert code == 0 and "8 stored activities of ann" in out
