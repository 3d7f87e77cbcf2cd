"""Keyframe pictures: the skeleton and the measured angles drawn on contact, midstance and
toe-off frames of one representative stride per foot.

Frames are decoded again (only up to the last wanted one) and turned upright; keypoints are the
cleaned upright-pixel keypoints of :mod:`footfix.gait.analysis`.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from footfix.gait import angles
from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray
from footfix.gait.video import Frame, iter_frames, rotate_frame

_COLOURS = {"left": (60, 180, 255), "right": (255, 160, 60)}  # BGR: orange-ish left, blue right


def representative_contacts(
    contacts: dict[str, list[tuple[float, float]]],
) -> dict[str, tuple[float, float]]:
    """Per foot, the contact whose duration is the median one (a typical stride)."""
    out = {}
    for side, pairs in contacts.items():
        if pairs:
            order = sorted(pairs, key=lambda p: p[1] - p[0])
            out[side] = order[len(order) // 2]
    return out


def _draw_skeleton(image: Frame, points: FloatArray) -> None:
    for a, b in kp.SKELETON:
        if np.isfinite(points[[a, b]]).all():
            side = "left" if a in kp.LEFT_LEG or a == kp.LEFT_SHOULDER else "right"
            pa = tuple(int(v) for v in points[a])
            pb = tuple(int(v) for v in points[b])
            cv2.line(image, pa, pb, _COLOURS[side], 3, cv2.LINE_AA)
    for p in points:
        if np.isfinite(p).all():
            cv2.circle(image, (int(p[0]), int(p[1])), 4, (255, 255, 255), -1, cv2.LINE_AA)


def _label(side: str, points: FloatArray, sign: int) -> list[str]:
    leg = kp.LEFT_LEG if side == "left" else kp.RIGHT_LEG
    hip, knee, ankle, heel, toe = (points[i][None] for i in leg)
    knee_flex = float(angles.knee_flexion_deg(hip, knee, ankle)[0])
    foot = float(angles.foot_angle_deg(heel, toe, sign)[0])
    shank = float(angles.shank_angle_deg(knee, ankle, sign)[0])
    thigh = float(angles.thigh_angle_deg(hip, knee, sign)[0])
    return [
        f"knee flexion {knee_flex:.0f} deg",
        f"foot angle {foot:.0f} deg",
        f"shank {shank:.0f} deg",
        f"thigh {thigh:.0f} deg",
    ]


def write_keyframes(
    video: Path,
    xy: FloatArray,
    contacts: dict[str, list[tuple[float, float]]],
    rotation_deg: int,
    sign: int,
    out_dir: Path,
) -> list[Path]:
    """Write ``<foot>_<phase>.png`` for contact, midstance and toe-off; returns the paths."""
    wanted: dict[int, list[tuple[str, str]]] = {}
    for side, (ic, to) in representative_contacts(contacts).items():
        for phase, t in (("contact", ic), ("midstance", (ic + to) / 2), ("toe_off", to)):
            wanted.setdefault(round(t), []).append((side, phase))
    if not wanted:
        return []
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, frame in iter_frames(video, 0, max(wanted) + 1):
        for side, phase in wanted.get(index, []):
            image = rotate_frame(frame, rotation_deg).copy()
            _draw_skeleton(image, xy[index])
            lines = [f"{side} foot - {phase.replace('_', ' ')} (frame {index})"]
            lines += _label(side, xy[index], sign)
            scale = max(0.5, image.shape[1] / 1200)
            for n, text in enumerate(lines):
                y = int(30 * scale * (n + 1.2))
                for colour, width in (((0, 0, 0), 4), ((255, 255, 255), 1)):
                    cv2.putText(image, text, (10, y), cv2.FONT_HERSHEY_SIMPLEX, scale,
                                colour, width, cv2.LINE_AA)  # fmt: skip
            path = out_dir / f"{side}_{phase}.png"
            cv2.imwrite(str(path), image)
            written.append(path)
    return written
