"""Every real FIT file is read or refused as it should be, checked against fitdecode."""

from __future__ import annotations

import math
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

import fitdecode
import pytest

from footfix.ingest import CorruptFile, read_bytes

FIT_FILES = [
    "2013-02-06-12-11-14.fit",
    "2019-02-17-062644-ELEMNT-297E-195-0.fit",
    "Activity.fit",
    "activity-large-fenxi2-multisport.fit",
    "activity-small-fenix2-run.fit",
    "antfs-dump.63.fit",
    "compressed-speed-distance.fit",
    "coros-pace-2-cycling-misaligned-fields.fit",
    "developer-types-sample.fit",
    "garmin-edge-500-activity.fit",
    "garmin-fenix-5-bike.fit",
    "garmin-fenix-5-run.fit",
    "garmin-fenix-5-walk.fit",
    "sample_mulitple_header.fit",
    "sweatpy_4801048867.fit",
    "sweatpy_6471559601_ACTIVITY.fit",
]
REFUSED = {
    "invalid/activity-filecrc.fit": "checksum",
    "invalid/activity-settings-corruptheader.fit": "unexpected bytes",
    "invalid/activity-unexpected-eof.fit": "cut short",
    # the header promises 19 more bytes than the file holds; fitdecode and fitparse fail too
    "strava-android-app-201.10-b1218918.fit": "cut short",
}
FOOT = {"running", "walking"}


def _reference(path: Path) -> list[dict[str, Any]]:
    """Sessions and their records as fitdecode sees them (CRC ignored, warnings silenced)."""
    sessions: list[dict[str, Any]] = []
    records: list[tuple[Any, dict[str, Any]]] = []
    with warnings.catch_warnings(), fitdecode.FitReader(str(path)) as reader:
        warnings.simplefilter("ignore")
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            values = {f.name: f.value for f in frame.fields}
            if frame.name == "session":
                sessions.append(values)
            elif frame.name == "record" and values.get("timestamp") is not None:
                records.append((values["timestamp"], values))
    sessions.sort(key=lambda s: _sortable(s["start_time"]))
    for s in sessions:
        s["records"] = []
    # a record belongs to the latest session that had started and not yet ended: some
    # multisport files give a first session an elapsed time that overlaps the next ones
    for stamp, values in records:
        for s in reversed(sessions):
            start = s["start_time"]
            end = start + _delta(math.ceil(s["total_elapsed_time"]), start)
            if start <= stamp <= end + _delta(1, start):
                s["records"].append(values)
                break
    return sessions


def _delta(seconds: int, like: Any) -> Any:
    from datetime import timedelta

    return timedelta(seconds=seconds) if isinstance(like, datetime) else seconds


def _sortable(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


def _mean(values: list[float]) -> float:
    present = [v for v in values if v is not None and not math.isnan(v)]
    return sum(present) / len(present) if present else math.nan


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_file_matches_fitdecode(watch_dir: Path, name: str) -> None:
    path = watch_dir / "fit" / name
    ours = read_bytes(path.read_bytes(), name)
    theirs = _reference(path)
    assert len(ours) == len(theirs)
    for mine, ref in zip(ours, theirs, strict=True):
        sport = ref.get("sport") if isinstance(ref.get("sport"), str) else "generic"
        assert mine.sport == sport
        if isinstance(ref["start_time"], datetime):
            assert mine.start_utc == ref["start_time"]
        assert mine.start_utc.tzinfo is not None
        assert mine.elapsed_s == pytest.approx(ref["total_elapsed_time"], abs=1e-3)
        if ref.get("total_distance") is not None:
            assert mine.distance_m == pytest.approx(ref["total_distance"], abs=0.01)
        assert len(mine.samples) == len(ref["records"])
        if sport in FOOT:
            expected = [
                2 * (r["cadence"] + (r.get("fractional_cadence") or 0.0))
                for r in ref["records"]
                if r.get("cadence") is not None
            ]
            got = [c for c in mine.samples.cadence_spm if not math.isnan(c)]
            assert len(got) == len(expected)
            if expected:
                assert _mean(got) == pytest.approx(_mean(expected), rel=1e-9)
        balance = [r.get("stance_time_balance") for r in ref["records"]]
        ours_balance = list(mine.samples.stance_balance_left_pct)
        assert _mean(ours_balance) == pytest.approx(_mean(balance), rel=1e-9, nan_ok=True)
        stance = [r.get("stance_time") for r in ref["records"]]
        assert _mean(list(mine.samples.stance_time_ms)) == pytest.approx(
            _mean(stance), rel=1e-9, nan_ok=True
        )


def test_compressed_speed_and_distance_are_unpacked(watch_dir: Path) -> None:
    path = watch_dir / "fit" / "compressed-speed-distance.fit"
    run = read_bytes(path.read_bytes(), path.name)[0]
    ref = _reference(path)[0]["records"]
    ours = [d for d in run.samples.distance_m if not math.isnan(d)]
    theirs = [r["distance"] for r in ref if r.get("distance") is not None]
    # fitdecode accumulates from the first raw counter value, footfix from zero: compare steps
    assert ours[-1] - ours[0] == pytest.approx(theirs[-1] - theirs[0], abs=0.1)
    assert run.samples.present("speed_mps") > 700


def test_multisport_file_is_split_by_sport(watch_dir: Path) -> None:
    raw = (watch_dir / "fit" / "sample_mulitple_header.fit").read_bytes()
    sports = [a.sport for a in read_bytes(raw, "triathlon")]
    assert sports == ["swimming", "transition", "cycling", "transition", "running"]


def test_relative_device_clock_is_anchored_and_noted(watch_dir: Path) -> None:
    run = read_bytes((watch_dir / "fit" / "antfs-dump.63.fit").read_bytes(), "fr70")[0]
    assert run.start_utc.year == 2012
    assert any("power-on" in note for note in run.notes)


def test_developer_fields_are_kept(watch_dir: Path) -> None:
    run = read_bytes((watch_dir / "fit" / "developer-types-sample.fit").read_bytes(), "stryd")[0]
    names = dict(run.developer_means)
    assert {"Form Power", "Leg Spring Stiffness"} <= set(names)
    assert 0 < names["Form Power"] < 500


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_broken_fit_files_are_refused_with_a_reason(watch_dir: Path, name: str) -> None:
    with pytest.raises(CorruptFile) as err:
        read_bytes((watch_dir / "fit" / name).read_bytes(), name)
    assert REFUSED[name] in str(err.value)
    assert name in str(err.value)
