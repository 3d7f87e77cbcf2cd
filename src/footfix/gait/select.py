"""Choosing the runner: link motion blobs into tracks and pick the moving person in the lane.

Method: blobs of consecutive frames are linked when a blob's centre falls inside the track's
last box grown by ``GROW``; blobs of one person that split (an arm, a leg) merge into the
track's box. The runner's track is the one with the best ``frames present x (1 + 3 x travel)``
score, where travel is the share of the frame its centre crossed: a person running or walking
across the frame wins over one moving on the spot, and on a treadmill the runner is the only
large, persistent mover. ``--box`` overrides the choice: the track overlapping that box most
is taken, or the box itself as a fixed crop.

Boxes are ``(x0, y0, x1, y1)`` in raw full-resolution pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from footfix.gait.keypoints import FloatArray
from footfix.gait.motion import Box, FrameMotion

GROW = 0.5
MAX_GAP_FRAMES = 8
#: When more than this share of the frame still moves in most frames (after the camera's own
#: motion is taken out), the motion could not be taken out.
CAMERA_MOTION_SHARE = 0.3
#: A crop is this many times the tracked person's typical height (room for limbs and detector).
CROP_MARGIN = 1.5


@dataclass
class Track:
    boxes: dict[int, Box] = field(default_factory=dict)

    @property
    def last(self) -> tuple[int, Box]:
        index = max(self.boxes)
        return index, self.boxes[index]

    def score(self, width_px: float, height_px: float) -> float:
        centres = np.array([((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in self.boxes.values()])
        span = np.percentile(centres, 95, axis=0) - np.percentile(centres, 5, axis=0)
        travel = max(span[0] / width_px, span[1] / height_px)
        return len(self.boxes) * (1.0 + 3.0 * float(travel))


def _grow(box: Box, share: float) -> Box:
    w, h = box[2] - box[0], box[3] - box[1]
    return (box[0] - w * share, box[1] - h * share, box[2] + w * share, box[3] + h * share)


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def link_tracks(motion: list[FrameMotion]) -> list[Track]:
    """Greedy linking of blobs into tracks (see module docstring)."""
    tracks: list[Track] = []
    for index, frame in enumerate(motion):
        live = [t for t in tracks if index - t.last[0] <= MAX_GAP_FRAMES]
        claimed: dict[int, list[Box]] = {}
        free: list[Box] = []
        for blob in frame.blobs:
            centre = ((blob[0] + blob[2]) / 2, (blob[1] + blob[3]) / 2)
            owners = [i for i, t in enumerate(live) if _inside(centre, _grow(t.last[1], GROW))]
            if not owners:
                free.append(blob)
                continue
            best = min(owners, key=lambda i: _distance(centre, live[i].last[1]))
            claimed.setdefault(best, []).append(blob)
        for i, blobs in claimed.items():
            live[i].boxes[index] = _union(blobs)
        for blob in free:
            tracks.append(Track({index: blob}))
    return tracks


def _distance(point: tuple[float, float], box: Box) -> float:
    return float(np.hypot(point[0] - (box[0] + box[2]) / 2, point[1] - (box[1] + box[3]) / 2))


def _overlap(a: Box, b: Box) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return w * h


def camera_moves(motion: list[FrameMotion]) -> bool:
    """Most of the frame still changes after the camera's own motion was taken out."""
    shares = [m.moving_share for m in motion[1:]]
    return bool(shares) and float(np.median(shares)) > CAMERA_MOTION_SHARE


@dataclass(frozen=True)
class CameraMotion:
    """Background motion measured from the corners outside the runner's box."""

    moving: bool
    speed_px: float  # median background shift per frame, full-res pixels
    path_share: float  # total background travel / frame width
    problem: str | None = None  # why it cannot be taken out, when it cannot

    def note(self) -> str:
        return (
            f"The camera moved (the background shifted about {self.speed_px:.1f} px per frame); "
            "its motion was taken out before finding the runner, and every measure is taken "
            "relative to the runner's own body, so it does not depend on where the camera "
            "pointed. A still camera is still better: film from a tripod."
        )


def camera_motion(
    motion: list[FrameMotion],
    crops: list[tuple[int, int, int, int] | None],
    width_px: int,
    still_px: float,
) -> CameraMotion:
    """Median background shift from optical-flow corners outside each frame's runner crop."""
    speeds: list[float] = []
    shifts: list[tuple[float, float]] = []
    for m, box in zip(motion[1:], crops[1:], strict=False):
        if m.flow is None or len(m.flow) == 0:
            continue
        pts = m.flow
        if box is not None:
            x, y, w, h = box
            inside = (
                (pts[:, 0] >= x) & (pts[:, 0] <= x + w) & (pts[:, 1] >= y) & (pts[:, 1] <= y + h)
            )
            pts = pts[~inside]
        if len(pts) < 4:
            continue
        dx, dy = float(np.median(pts[:, 2])), float(np.median(pts[:, 3]))
        shifts.append((dx, dy))
        speeds.append(float(np.hypot(dx, dy)))
    if len(speeds) < max(3, 0.3 * len(motion)):
        # almost nothing to follow outside the runner: trust the whole-frame fit
        speeds = [float(np.hypot(*m.shift)) for m in motion[1:]]
        shifts = [m.shift for m in motion[1:]]
    if not speeds:
        return CameraMotion(False, 0.0, 0.0)
    speed = float(np.median(speeds))
    path = float(np.abs(np.sum(np.array(shifts)[:, 0]))) / width_px
    moving = speed > still_px
    if not moving:
        return CameraMotion(False, speed, path)
    zooms = np.array([m.zoom for m in motion[1:]])
    fits = np.array([m.fit_share for m in motion[1:]])
    problem = None
    if float(np.median(np.abs(zooms - 1.0))) > 0.005:
        problem = "the camera zoomed or moved towards and away from the runner"
    elif float(np.median(fits)) < 0.5:
        problem = "the camera shook or turned unevenly, so its motion could not be followed"
    elif camera_moves(motion):
        problem = "most of the picture still changed after the camera's motion was taken out"
    return CameraMotion(True, speed, path, problem)


def choose_track(
    tracks: list[Track], width_px: int, height_px: int, user_box: Box | None = None
) -> Track | None:
    """The runner's track, or ``None`` when nothing moved enough to be a person."""
    candidates = [t for t in tracks if len(t.boxes) >= 10]
    if not candidates:
        return None
    if user_box is not None:
        overlaps = [sum(_overlap(b, user_box) for b in t.boxes.values()) for t in candidates]
        if max(overlaps) <= 0:
            return None
        return candidates[int(np.argmax(overlaps))]
    return max(candidates, key=lambda t: t.score(width_px, height_px))


#: A second mover this close to the runner's score, size and time in view makes the choice a
#: guess: the clip is refused and ``--box`` asked for.
RIVAL_SCORE_SHARE = 0.85
RIVAL_SIZE_SHARE = 0.75


def rival(
    tracks: list[Track], chosen: Track, width_px: int, height_px: int, n_frames: int
) -> Track | None:
    """Another person-like track that cannot be told from the chosen one, if any.

    Both must be upright boxes (taller than wide) of at least 15% of the frame height, and their
    centres apart by more than 1.5 of the taller one's height, so the two halves of one person
    (moving arms and legs seen as separate blobs) are never taken for two people.
    """

    def median_box(t: Track) -> FloatArray:
        return np.asarray(np.median(np.array(list(t.boxes.values())), axis=0), dtype=float)

    def person_like(box: FloatArray) -> bool:
        w, h = box[2] - box[0], box[3] - box[1]
        return bool(h >= 1.2 * w and h >= 0.15 * height_px)

    mine = median_box(chosen)
    if not person_like(mine):
        return None
    best = chosen.score(width_px, height_px)
    for t in tracks:
        if t is chosen or len(t.boxes) < max(10, 0.5 * n_frames):
            continue
        other = median_box(t)
        h_mine, h_other = mine[3] - mine[1], other[3] - other[1]
        apart = np.hypot((mine[0] + mine[2] - other[0] - other[2]) / 2,
                         (mine[1] + mine[3] - other[1] - other[3]) / 2)  # fmt: skip
        if (
            person_like(other)
            and t.score(width_px, height_px) >= RIVAL_SCORE_SHARE * best
            and min(h_mine, h_other) >= RIVAL_SIZE_SHARE * max(h_mine, h_other)
            and apart > 1.5 * max(h_mine, h_other)
        ):
            return t
    return None


def crop_boxes(
    track: Track, n_frames: int, width_px: int, height_px: int
) -> list[tuple[int, int, int, int] | None]:
    """A square crop per frame following the track; ``None`` where the track is absent."""
    frames = sorted(track.boxes)
    boxes = np.array([track.boxes[i] for i in frames])
    size = CROP_MARGIN * float(
        np.percentile(np.maximum(boxes[:, 3] - boxes[:, 1], boxes[:, 2] - boxes[:, 0]), 90)
    )
    size = min(size, float(max(width_px, height_px)))
    centre_x = _rolling_median((boxes[:, 0] + boxes[:, 2]) / 2, 9)
    centre_y = _rolling_median((boxes[:, 1] + boxes[:, 3]) / 2, 9)
    all_frames = np.arange(frames[0], frames[-1] + 1)
    cx = np.interp(all_frames, frames, centre_x)
    cy = np.interp(all_frames, frames, centre_y)
    out: list[tuple[int, int, int, int] | None] = [None] * n_frames
    for i, x, y in zip(all_frames, cx, cy, strict=True):
        out[int(i)] = fit_box(x - size / 2, y - size / 2, size, size, width_px, height_px)
    return out


def fit_box(
    x: float, y: float, w: float, h: float, width_px: int, height_px: int
) -> tuple[int, int, int, int]:
    """Clamp a box inside the frame, shifting rather than shrinking it where possible."""
    w, h = min(w, width_px), min(h, height_px)
    x = min(max(0.0, x), width_px - w)
    y = min(max(0.0, y), height_px - h)
    return int(x), int(y), int(w), int(h)


def _rolling_median(values: FloatArray, window: int) -> FloatArray:
    half = window // 2
    padded = np.pad(values, half, mode="edge")
    return np.array([np.median(padded[i : i + window]) for i in range(len(values))])
