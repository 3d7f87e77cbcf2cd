"""Bad files are skipped with a reason while the rest imports; archives and exports are opened."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from footfix.ingest import ImportReport, import_paths, read_bytes
from footfix.ingest.errors import CorruptFile, NotAnActivity, UnsupportedFormat
from footfix.ingest.sniff import detect_format

RUN = "fit/garmin-fenix-5-run.fit"
SMALL_RUN = "fit/activity-small-fenix2-run.fit"


def test_formats_are_told_from_bytes_not_names(watch_dir: Path, tmp_path: Path) -> None:
    fit = (watch_dir / RUN).read_bytes()
    gpx = (watch_dir / "gpx/gpxpy_track-with-less-sec-time.gpx").read_bytes()
    tcx = (watch_dir / "tcx/tcxparser_fr410_run.tcx").read_bytes()
    assert detect_format(fit[:64]) == "fit"
    assert detect_format(gpx[:2048]) == "gpx"
    assert detect_format(tcx[:2048]) == "tcx"
    assert detect_format(gzip.compress(fit)[:16]) == "gzip"
    assert detect_format(b"") == "empty"
    assert detect_format(b"hello world") == "unknown"
    misnamed = tmp_path / "run.gpx"  # FIT bytes under a GPX name still read as FIT
    misnamed.write_bytes(fit)
    report = import_paths([misnamed])
    assert [a.file_format for a in report.activities] == ["fit"]


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", NotAnActivity, "empty"),
        (b"   \n", NotAnActivity, "empty"),
        (b"%PDF-1.4 not a watch file", UnsupportedFormat, "not a FIT, GPX or TCX"),
        (b"<gpx><trk><trkseg><trkpt lat='1'", CorruptFile, "not well-formed"),
        (
            b"<?xml version='1.0'?><TrainingCenterDatabase></TrainingCenterDatabase>",
            NotAnActivity,
            "no activity",
        ),
    ],
)
def test_bad_content_gives_a_clear_reason(content: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as err:
        read_bytes(content, "bad-file")
    assert words in str(err.value)
    assert str(err.value).startswith("bad-file: ")


def test_truncated_and_flipped_fit_files_are_refused(watch_dir: Path) -> None:
    raw = (watch_dir / SMALL_RUN).read_bytes()
    with pytest.raises(CorruptFile, match="cut short"):
        read_bytes(raw[: len(raw) // 2], "half")
    flipped = bytearray(raw)
    flipped[5000] ^= 0xFF
    with pytest.raises(CorruptFile, match="checksum"):
        read_bytes(bytes(flipped), "flipped")


def test_a_non_activity_fit_file_is_refused(tmp_path: Path) -> None:
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.profile_type import FileType

    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.SETTINGS
    builder.add(file_id)
    path = tmp_path / "settings.fit"
    builder.build().to_file(str(path))
    with pytest.raises(NotAnActivity, match="settings"):
        read_bytes(path.read_bytes(), "settings.fit")


def test_import_goes_on_past_bad_files(watch_dir: Path, tmp_path: Path) -> None:
    shutil.copy(watch_dir / RUN, tmp_path / "good.fit")
    (tmp_path / "empty.fit").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("a note")
    raw = (watch_dir / SMALL_RUN).read_bytes()
    (tmp_path / "cut.fit").write_bytes(raw[:3000])
    report = import_paths([tmp_path, tmp_path / "missing.fit"])
    assert len(report.activities) == 1
    reasons = {Path(s.source).name: s.kind for s in report.skipped}
    assert reasons == {
        "empty.fit": "NotAnActivity",
        "notes.txt": "UnsupportedFormat",
        "cut.fit": "CorruptFile",
        "missing.fit": "IngestError",
    }


def test_zip_gzip_and_nested_garmin_export(watch_dir: Path, tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("UploadedFiles_0-_Part1/run.fit", (watch_dir / SMALL_RUN).read_bytes())
    export = tmp_path / "garmin-export.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.writestr(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue()
        )
        z.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", "{}")
        z.writestr(
            "walk.fit.gz", gzip.compress((watch_dir / "fit/garmin-fenix-5-walk.fit").read_bytes())
        )
    report = import_paths([export])
    assert sorted(a.sport for a in report.activities) == ["running", "walking"]
    assert report.skipped == ()
    assert any("UploadedFiles_0-_Part1.zip!UploadedFiles" in a.source for a in report.activities)


def test_broken_zip_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    report = import_paths([bad])
    assert report.activities == ()
    assert report.skipped[0].kind == "CorruptFile"


def test_strava_export_gives_gear_and_sport(watch_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "strava"
    (export / "activities").mkdir(parents=True)
    (export / "activities" / "101.fit.gz").write_bytes(
        gzip.compress((watch_dir / RUN).read_bytes())
    )
    (export / "activities" / "102.gpx.gz").write_bytes(
        gzip.compress((watch_dir / "gpx/gpxpy_around-visnjan-with-car.gpx").read_bytes())
    )
    (export / "profile.csv").write_text("name\nsomeone\n")
    with (export / "activities.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Activity ID", "Activity Type", "Activity Gear", "Filename"])
        writer.writerow(["101", "Run", "Pegasus 40", "activities/101.fit.gz"])
        writer.writerow(["102", "Run", "Cloudmonster", "activities/102.gpx.gz"])
    report = import_paths([export])
    assert report.skipped == ()
    gear = {Path(a.source).name: (a.gear, a.sport) for a in report.activities}
    assert gear == {
        "101.fit.gz": ("Pegasus 40", "running"),
        "102.gpx.gz": ("Cloudmonster", "running"),
    }
    zipped = tmp_path / "export.zip"
    shutil.make_archive(str(zipped.with_suffix("")), "zip", export)
    again = import_paths([zipped])
    assert sorted(a.gear or "" for a in again.activities) == ["Cloudmonster", "Pegasus 40"]


def test_the_same_run_from_two_sources_counts_once(watch_dir: Path) -> None:
    report = import_paths(
        [
            watch_dir / "fit/sweatpy_4801048867.fit",
            watch_dir / "gpx/sweatpy_4801048867_strava.gpx",
            watch_dir / "tcx/sweatpy_activity_4801048867.tcx",
        ]
    )
    assert len(report.activities) == 1
    assert report.activities[0].file_format == "fit"  # the richer copy is kept
    assert len(report.duplicates) == 2


def test_process_pool_gives_the_same_result(watch_dir: Path, tmp_path: Path) -> None:
    for n in range(10):
        shutil.copy(watch_dir / RUN, tmp_path / f"copy-{n}.fit")
    (tmp_path / "bad.fit").write_bytes(b"garbage")
    pooled = import_paths([tmp_path], workers=2)
    single = import_paths([tmp_path], workers=1)

    def key(report: ImportReport) -> list[tuple[object, ...]]:
        # NaN never equals itself, so compare what NaN-free fields say
        return [(a.source, a.start_utc, a.distance_m, len(a.samples)) for a in report.activities]

    assert key(pooled) == key(single)
    assert len(pooled.activities) == 1 and len(pooled.duplicates) == 9
    assert [s.source for s in pooled.skipped] == [s.source for s in single.skipped]


def test_gzip_bytes_are_unpacked_and_damaged_gzip_refused(watch_dir: Path) -> None:
    packed = gzip.compress((watch_dir / RUN).read_bytes())
    assert [a.sport for a in read_bytes(packed, "run.fit.gz")] == ["running"]
    with pytest.raises(CorruptFile, match="gzip"):
        read_bytes(packed[: len(packed) // 2], "cut.fit.gz")
