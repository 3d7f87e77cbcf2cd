"""End-to-end checks on real clips (about a minute on two cores; pose results are cached).

Reference cadence comes from tests/gait/pixel_cadence.py: foot-band frame differencing and
autocorrelation, with no pose model involved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from footfix.gait import report_from_track
from footfix.gait.findings import gait_patch
from tests.gait.conftest import MALE_SIDE
from tests.gait.pixel_cadence import pixel_cadence_spm

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def reference_spm() -> float:
    # feet occupy the bottom fifth of the portrait treadmill clip
    return pixel_cadence_spm(MALE_SIDE, rows=(0.8, 1.0))


@pytest.mark.parametrize("variant", ["original", "mirrored", "360p", "rotated"])
def test_cadence_matches_pixels_on_every_copy(
    variant: str, pose_of: Callable[[str], Any], reference_spm: float
) -> None:
    report = report_from_track(pose_of(variant))
    cadence = report.metrics["cadence_spm"]
    assert report.view == "side"
    assert report.mode == "running"
    assert cadence.value is not None
    assert abs(cadence.value - reference_spm) / reference_spm < 0.01, (cadence.value, reference_spm)


def test_rotated_copy_is_stood_up(pose_of: Callable[[str], Any]) -> None:
    track = pose_of("rotated")
    assert track.rotation_deg == 270
    assert (track.width_px, track.height_px) == (720, 1280)


def test_contact_time_and_duty_factor_are_physiological(pose_of: Callable[[str], Any]) -> None:
    metrics = report_from_track(pose_of("original")).metrics
    for side in ("left", "right"):
        assert 150 <= getattr(metrics["contact_time_ms"], side) <= 350
        assert 0.2 <= getattr(metrics["duty_factor"], side) <= 0.5


def test_treadmill_runner_feeds_case_fields(pose_of: Callable[[str], Any]) -> None:
    from footfix.intake.evidence import Evidence

    patch, notes = gait_patch(report_from_track(pose_of("original")))
    assert 160 <= patch["gait"]["cadence_spm"] <= 180
    assert notes
    Evidence(source="video", patch=patch, notes=notes)  # the contract's own validation


def test_sports2d_walker_not_platform_person(pose_of: Callable[[str], Any]) -> None:
    track = pose_of("sports2d")
    detected = track.detected
    hips_y = track.xy_px[detected, 23, 1]
    # the walker is in the lower half of the 994 px frame; the platform person in the upper part
    assert float((hips_y > track.height_px * 0.5).mean()) > 0.9
    xs = track.xy_px[detected, 23, 0]
    assert xs.max() - xs.min() > 0.4 * track.width_px  # moves across the frame
    report = report_from_track(track)
    assert report.mode == "walking"
    patch, notes = gait_patch(report)
    assert patch == {}
    assert any("walking" in n for n in notes)


def test_cli_stride_writes_outputs(clip: Callable[[str], Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from footfix.cli.app import app

    result = CliRunner().invoke(app, ["stride", str(clip("360p")), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {"metrics.json", "joint_angles.png", "left_contact.png", "right_toe_off.png"} <= names


def test_box_points_at_the_other_person(clip: Callable[[str], Path], tmp_path: Path) -> None:
    """--box around the person on the platform analyses that person, who faces the camera: the
    CLI refuses the front view with advice instead of measuring the wrong runner."""
    from typer.testing import CliRunner

    from footfix.cli.app import app

    args = ["stride", str(clip("sports2d")), "--box", "540,20,180,400", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "front" in result.output
    assert "Traceback" not in result.output
