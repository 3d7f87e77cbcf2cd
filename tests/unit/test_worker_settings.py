"""Worker-process counts are settings; 0 or 1 means no process pool at all."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from footfix.ingest import ImportReport, import_paths
from footfix.services.errors import ServiceError
from footfix.services.settings import WorkerSettings, load_worker_settings
from tests.paths import WATCH


def test_worker_counts_come_from_the_environment() -> None:
    assert load_worker_settings({}) == WorkerSettings(None, None)
    env = {"FOOTFIX_VIDEO_WORKERS": "0", "FOOTFIX_IMPORT_WORKERS": " 3 "}
    assert load_worker_settings(env) == WorkerSettings(video_workers=0, import_workers=3)
    for bad in ("-1", "two", "1.5", "65"):
        with pytest.raises(ServiceError, match="FOOTFIX_IMPORT_WORKERS"):
            load_worker_settings({"FOOTFIX_IMPORT_WORKERS": bad})


def test_import_with_no_workers_starts_no_pool_and_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i, source in enumerate(sorted((WATCH / "fit").glob("*.fit"))[:12]):
        shutil.copyfile(source, tmp_path / f"{i:02d}-{source.name}")
    pooled = import_paths([tmp_path], workers=2)

    def key(report: ImportReport) -> list[tuple[object, ...]]:
        # NaN never equals itself (samples), so compare NaN-free fields
        return [(a.source, a.start_utc, a.distance_m, len(a.samples)) for a in report.activities]

    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(multiprocessing, "Pool", no_pool)
    for workers in (0, 1):
        here = import_paths([tmp_path], workers=workers)
        assert key(here) == key(pooled) and here.skipped == pooled.skipped
