"""Bad, huge and hostile watch files are refused one by one; the rest of an import goes on."""

from __future__ import annotations

import gzip
import hashlib
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from footfix.domain.limits import MIB, Limits
from footfix.ingest import import_paths, read_bytes
from footfix.ingest.errors import IngestError
from footfix.ingest.importer import ImportReport
from tests.hostile.crafted import fit_run, gpx, zeros_gzip, zeros_zip, zip_of


def _good_runs(folder: Path, n: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    from datetime import UTC, datetime, timedelta

    paths = []
    for i in range(n):
        path = folder / f"run{i:02d}.fit"
        path.write_bytes(fit_run(start=datetime(2025, 3, 1, 7, tzinfo=UTC) + timedelta(days=i)))
        paths.append(path)
    return paths


def _kinds(report: ImportReport) -> dict[str, str]:
    return {s.source.rsplit("/", 1)[-1]: s.kind for s in report.skipped}


@pytest.mark.parametrize("workers", [1, 2])
def test_one_file_with_an_infinite_session_time_does_not_stop_the_import(
    tmp_path: Path, workers: int
) -> None:
    _good_runs(tmp_path / "runs", 17)
    (tmp_path / "runs" / "infinite.fit").write_bytes(fit_run(elapsed_s=float("inf")))
    report = import_paths([tmp_path / "runs"], workers=workers)
    assert len(report.activities) == 17
    assert _kinds(report) == {"infinite.fit": "CorruptFile"}
    assert "OverflowError" in report.skipped[0].reason


@pytest.mark.parametrize(
    "name, content",
    [
        ("encoding.gpx", gpx(head='<?xml version="1.0" encoding="x-no-such-codec"?>')),
        ("year1.gpx", gpx(points=[("0001-01-01T00:00:00+01:00", 51.5, 0.1)] * 3)),
        ("year9999.gpx", gpx(points=[("9999-12-31T23:59:59-01:00", 51.5, 0.1)] * 3)),
    ],
)
def test_xml_that_crashed_a_reader_is_a_clear_skip(
    tmp_path: Path, name: str, content: bytes
) -> None:
    with pytest.raises(IngestError):
        read_bytes(content, name)
    _good_runs(tmp_path, 2)
    (tmp_path / name).write_bytes(content)
    report = import_paths([tmp_path], workers=1)
    assert len(report.activities) == 2 and list(_kinds(report)) == [name]


def test_whitespace_before_the_declaration_and_a_long_prologue_are_still_read() -> None:
    assert read_bytes(b"\n  \r\n" + gpx(), "lead.gpx")[0].sport == "running"
    comment = "<!--" + "x" * 5000 + "-->"
    head = '<?xml version="1.0" encoding="UTF-8"?>' + comment
    assert read_bytes(gpx(head=head), "prologue.gpx")[0].sport == "running"


def _peak_mib(fn) -> float:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_member_is_refused_without_being_unpacked(tmp_path: Path) -> None:
    bomb = zeros_zip(tmp_path / "bomb.zip", 300 * MIB)  # about 300 KB on disk
    reports: list[ImportReport] = []
    peak = _peak_mib(lambda: reports.append(import_paths([bomb], workers=1)))
    (skip,) = reports[0].skipped
    assert skip.kind == "TooLarge" and "bomb0.fit" in skip.source
    assert peak < 20, f"{peak:.0f} MiB held while refusing a bomb"


def test_a_gzip_bomb_is_refused_within_the_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "run.fit.gz"
    path.write_bytes(zeros_gzip(200 * MIB))
    reports: list[ImportReport] = []
    peak = _peak_mib(lambda: reports.append(import_paths([path], workers=1)))
    assert [s.kind for s in reports[0].skipped] == ["TooLarge"]
    assert peak < 20, f"{peak:.0f} MiB held while refusing a bomb"


def test_gzip_layers_are_bounded(tmp_path: Path) -> None:
    data = fit_run()
    for _ in range(6):
        data = gzip.compress(data)
    (tmp_path / "deep.gz").write_bytes(data)
    report = import_paths([tmp_path / "deep.gz"], workers=1)
    assert [s.kind for s in report.skipped] == ["TooLarge"]
    assert "gzip inside gzip" in report.skipped[0].reason


def test_archive_total_member_count_and_depth_are_bounded(tmp_path: Path) -> None:
    import os

    noise = {f"m{i}.fit": os.urandom(200_000) for i in range(10)}  # incompressible, 2 MB in all
    (tmp_path / "total.zip").write_bytes(zip_of(noise))
    small = Limits(archive_max_total_bytes=1 * MIB)
    report = import_paths([tmp_path / "total.zip"], workers=1, limits=small)
    too_large = [s for s in report.skipped if s.kind == "TooLarge"]
    assert len(too_large) == 1 and "in all" in too_large[0].reason
    # members before the budget ran out were read (and refused as not FIT): the rest went on
    assert sum(s.kind == "UnsupportedFormat" for s in report.skipped) == 5

    many = zip_of({f"r{i}.gpx": b"x" for i in range(30)})
    (tmp_path / "many.zip").write_bytes(many)
    report = import_paths([tmp_path / "many.zip"], limits=Limits(archive_max_members=20))
    assert [s.kind for s in report.skipped] == ["TooLarge"]

    nested = fit_run()
    for level in range(4):
        nested = zip_of({f"level{level}.zip" if level else "run.fit": nested})
    (tmp_path / "nested.zip").write_bytes(nested)
    report = import_paths([tmp_path / "nested.zip"], workers=1)
    assert [s.kind for s in report.skipped] == ["TooLarge"]
    assert "nested too deep" in report.skipped[0].reason


def test_members_pointing_outside_the_archive_are_listed_as_skipped(tmp_path: Path) -> None:
    archive = zip_of({"../../evil.fit": fit_run(), "/abs.fit": fit_run(), "ok.fit": fit_run()})
    (tmp_path / "a.zip").write_bytes(archive)
    report = import_paths([tmp_path / "a.zip"], workers=1)
    assert len(report.activities) == 1
    assert sorted(s.source.split("!")[1] for s in report.skipped) == ["../../evil.fit", "/abs.fit"]


def test_an_archive_is_opened_once_and_each_file_hashed_from_the_bytes_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    runs = {
        f"r{i}.fit": fit_run(start=datetime(2025, 1, 1, 7, tzinfo=UTC) + timedelta(days=i))
        for i in range(40)
    }
    (tmp_path / "export.zip").write_bytes(zip_of(runs))
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting_init(self, file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(file)
        real_init(self, file, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    report = import_paths([tmp_path / "export.zip"], workers=1)
    assert len(report.activities) == 40
    assert len(opened) <= 2, f"the archive was opened {len(opened)} times for 40 members"
    for name, data in runs.items():
        digest = report.hashes[f"{tmp_path / 'export.zip'}!{name}"]
        assert digest == hashlib.sha256(data).hexdigest()
