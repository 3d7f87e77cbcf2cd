"""The pose pipeline: video file -> :class:`PoseTrack` of the runner.

Stages, each replaceable: ``video`` (decode) -> ``motion`` (frame differencing) -> ``select``
(which person, which crop) -> ``orientation`` (phone turned without metadata?) -> ``pose``
(``PoseEstimator`` per frame on the crop).

How the two cores are used: this process decodes the clip once, measuring motion and keeping a
copy of each frame (shrunk only if the clip would not fit in ``MAX_KEPT_BYTES``), while two
worker processes start and load MediaPipe. Once the runner is chosen, each worker runs pose on
the crops of one half of the clip. Decoding once and shipping only crops keeps the extra work
over a bare pose loop small. A clip too long to keep falls back to workers decoding their own
half again.

Keypoints are returned in the upright frame (see :mod:`footfix.gait.keypoints`).
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing as mp
import os
import queue
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from footfix.gait import select
from footfix.gait.errors import (
    CameraMovingError,
    NobodyFoundError,
    VideoTooLongError,
    VideoTooShortError,
)
from footfix.gait.keypoints import N_KEYPOINTS, FloatArray, PoseTrack
from footfix.gait.motion import LOW_RES_PX, STILL_SHIFT_PX, FrameMotion, MotionMeter
from footfix.gait.orientation import find_rotation
from footfix.gait.pose import MediaPipePose, quiet_native_logs
from footfix.gait.video import Frame, VideoInfo, iter_frames, probe, rotate_frame, rotate_points

CropBox = tuple[int, int, int, int]  # x, y, w, h in raw full-resolution pixels
Progress = Callable[[int, int], None]  # (units done, units total)
N_ORIENTATION_SAMPLES = 9
MAX_KEPT_BYTES = 1_500_000_000
#: Frames are counted as they are decoded, never taken from the header (which can lie): past
#: this many (10 minutes at 240 fps) a clip is refused before its per-frame data grows further.
MAX_DECODED_FRAMES = 144_000
MIN_KEPT_LONG_SIDE_PX = 640
#: Crops are shrunk to this long side before pose: BlazePose looks at a 256 px view of the body,
#: so larger crops only cost transfer and resizing time.
POSE_INPUT_LONG_SIDE_PX = 512
PoseOut = tuple[FloatArray, FloatArray]


@dataclass
class Selection:
    crops: list[CropBox | None]
    notes: list[str] = field(default_factory=list)


_TICKS: Any = None  # in a worker: queue for progress ticks, handed over at start-up


def _warm_worker(ticks: Any) -> None:
    """Worker start-up: load MediaPipe while the parent is still decoding.

    MediaPipe's C++ core writes start-up chatter straight to file descriptor 2 whatever the log
    settings, so workers point it at /dev/null (errors still reach the parent as exceptions);
    ``FOOTFIX_DEBUG=1`` keeps it.
    """
    global _TICKS
    _TICKS = ticks
    quiet_native_logs()
    if not os.environ.get("FOOTFIX_DEBUG"):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    import mediapipe  # type: ignore[import-untyped]  # noqa: F401


def _probe_worker(samples: list[Frame]) -> tuple[int | None, int]:
    return find_rotation(samples, lambda: MediaPipePose(static_image_mode=True))


def _pose_images_worker(images: list[Frame | None], rotation_deg: int) -> PoseOut:
    """Pose on cut crops, turned here by ``rotation_deg``; keypoints as fractions (0-1) of the
    unturned crop's width and height, so the caller can undo any shrinking."""
    xy = np.full((len(images), N_KEYPOINTS, 2), np.nan)
    vis = np.full((len(images), N_KEYPOINTS), np.nan)
    with MediaPipePose() as estimator:
        for i, image in enumerate(images):
            if image is None:
                continue
            turned = rotate_frame(image, rotation_deg)
            found = estimator.estimate(turned)
            if found is not None:
                back = rotate_points(found[0], -rotation_deg, turned.shape[1], turned.shape[0])
                xy[i] = back / (image.shape[1], image.shape[0])
                vis[i] = found[1]
            if _TICKS is not None and i % 10 == 9:
                _TICKS.put(10)
    return xy, vis


def _pose_decode_worker(
    path: Path, start: int, crops: list[CropBox | None], rotation_deg: int
) -> PoseOut:
    """Fallback for clips too long to keep: decode this half again and cut the crops here."""
    images: list[Frame | None] = [None] * len(crops)
    for index, frame in iter_frames(path, start, start + len(crops)):
        box = crops[index - start]
        if box is not None:
            x, y, w, h = box
            images[index - start] = _shrink(frame[y : y + h, x : x + w])
    return _pose_images_worker(images, rotation_deg)


def _halves(n_frames: int, workers: int) -> list[tuple[int, int]]:
    edges = np.linspace(0, n_frames, workers + 1).astype(int)
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges) if b > a]


def _wait(
    futures: list[Future[Any]], ticks: Any, done: int, total: int, cb: Progress | None
) -> None:
    while not all(f.done() for f in futures):
        try:
            done += ticks.get(timeout=0.1)
        except queue.Empty:
            continue
        if cb is not None:
            cb(min(done, total), total)


def select_runner(
    width_px: int, height_px: int, motion: list[FrameMotion], user_box: CropBox | None
) -> Selection:
    """Per-frame crops around the runner, following :mod:`footfix.gait.select`."""
    w, h, n = width_px, height_px, len(motion)
    full: CropBox = (0, 0, w, h)
    selection = _select(w, h, motion, user_box)
    still_px = STILL_SHIFT_PX * max(w, h) / LOW_RES_PX
    camera = select.camera_motion(motion, selection.crops, w, still_px)
    if camera.moving and camera.problem is not None:
        raise CameraMovingError(
            f"The camera moved during the clip (the background shifted about "
            f"{camera.speed_px:.1f} px per frame) and {camera.problem}; the runner's own motion "
            "cannot be told from the camera's."
        )
    if camera.moving:
        selection.notes.insert(0, camera.note())
    elif select.camera_moves(motion):
        note = "Most of the frame changes, so the whole frame was analysed."
        return Selection([full] * n, [note])
    return selection


def _select(w: int, h: int, motion: list[FrameMotion], user_box: CropBox | None) -> Selection:
    n = len(motion)
    full: CropBox = (0, 0, w, h)
    tracks = select.link_tracks(motion)
    ub = None
    if user_box is not None:
        bx, by, bw, bh = (float(v) for v in user_box)
        ub = select.fit_box(bx, by, bw, bh, w, h)
    as_xyxy = None if ub is None else (ub[0], ub[1], ub[0] + ub[2], ub[1] + ub[3])
    track = select.choose_track(tracks, w, h, as_xyxy)
    if track is None:
        if ub is not None:
            return Selection([ub] * n, ["No mover inside --box; the box was used as it is."])
        return Selection([full] * n, ["Nothing moved clearly; the whole frame was used."])
    crops = select.crop_boxes(track, n, w, h)
    present = sum(c is not None for c in crops)
    notes = [f"Runner chosen by motion tracking: in frame for {present} of {n} frames."]
    if len([t for t in tracks if len(t.boxes) >= 10]) > 1:
        notes.append("Several moving things were seen; the person moving along the lane was used.")
    return Selection(crops, notes)


def _kept_scale(info: VideoInfo) -> float | None:
    """Scale at which every frame fits in memory, or ``None`` when even 640 px would not."""
    full = info.width_px * info.height_px * 3 * max(info.n_frames, 1)
    if full <= MAX_KEPT_BYTES:
        return 1.0
    scale = float(np.sqrt(MAX_KEPT_BYTES / full))
    return scale if max(info.width_px, info.height_px) * scale >= MIN_KEPT_LONG_SIDE_PX else None


def _decode(
    info: VideoInfo, samples: set[int], progress: Progress | None
) -> tuple[list[FrameMotion], list[Frame], dict[int, Frame], float | None]:
    scale = _kept_scale(info)
    meter = MotionMeter(info.width_px, info.height_px)
    motion: list[FrameMotion] = []
    kept: list[Frame] = []
    sampled: dict[int, Frame] = {}
    kept_bytes = 0
    for index, frame in iter_frames(info.path, 0, MAX_DECODED_FRAMES + 1):
        if index == MAX_DECODED_FRAMES:
            raise VideoTooLongError(
                f"{info.path.name} holds more than {MAX_DECODED_FRAMES} frames (counted as "
                "they were decoded); a stride clip needs 10-20 s."
            )
        motion.append(meter.add(frame))
        if index in samples:
            sampled[index] = frame
        if scale == 1.0:
            kept.append(frame)
        elif scale is not None:
            kept.append(np.asarray(cv2.resize(frame, None, fx=scale, fy=scale), dtype=np.uint8))
        kept_bytes += kept[-1].nbytes if scale is not None else 0
        if kept_bytes > MAX_KEPT_BYTES:  # the header undercounted the frames: keep none
            kept, scale = [], None
        if progress is not None and index % 10 == 0:
            progress(index, 2 * info.n_frames)
    return motion, kept, sampled, scale


def _frames_at(path: Path, indexes: set[int]) -> dict[int, Frame]:
    return {i: f for i, f in iter_frames(path, 0, max(indexes) + 1) if i in indexes}


def _cut(frame: Frame, box: CropBox, scale: float) -> Frame:
    x, y, w, h = (int(v * scale) for v in box)
    return frame[y : y + h, x : x + w]


def _shrink(image: Frame) -> Frame:
    factor = POSE_INPUT_LONG_SIDE_PX / max(image.shape[:2])
    if factor >= 1.0:
        return image
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8)


def analyse_pose(
    path: Path,
    box: CropBox | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> PoseTrack:
    """Run every stage and return the runner's keypoints in upright-frame pixels."""
    info = probe(path)
    quiet_native_logs()  # set before the workers start so that they inherit it
    n_workers = max(1, min(2, workers or (os.cpu_count() or 1)))
    wanted = np.linspace(0, info.n_frames - 1, N_ORIENTATION_SAMPLES + 2)[1:-1]
    context = mp.get_context("spawn")  # never fork a process that may hold native threads
    ticks = context.Queue()  # progress from the workers; handed over when they start
    with ProcessPoolExecutor(n_workers, context, _warm_worker, (ticks,)) as pool:
        warm = [pool.submit(int, 0) for _ in range(n_workers)]  # start workers now
        motion, kept, sampled, scale = _decode(info, {int(i) for i in wanted}, progress)
        n = len(motion)
        if n < 2:
            raise VideoTooShortError(f"{path.name} holds fewer than 2 readable frames.")
        if n != info.n_frames:  # the header's count was wrong: sample the frames really there
            info = dataclasses.replace(info, n_frames=n)
            wanted = np.linspace(0, n - 1, N_ORIENTATION_SAMPLES + 2)[1:-1]
            sampled = _frames_at(path, {int(i) for i in wanted})
        selection = select_runner(info.width_px, info.height_px, motion, box)
        crops = selection.crops
        probes = [
            _cut(f, c, 1.0) for i, f in sorted(sampled.items()) if (c := crops[i]) is not None
        ]
        rotation, upright = pool.submit(_probe_worker, probes).result()
        if rotation is None or upright == 0:
            raise NobodyFoundError("No person could be found in the video.")
        jobs = []
        for a, b in _halves(n, n_workers):
            if scale is not None:
                images = [
                    None if (c := crops[i]) is None else _shrink(_cut(kept[i], c, scale))
                    for i in range(a, b)
                ]
                jobs.append(pool.submit(_pose_images_worker, images, rotation))
            else:
                jobs.append(pool.submit(_pose_decode_worker, path, a, crops[a:b], rotation))
        del kept
        for job in warm:
            job.result()
        _wait(jobs, ticks, n, 2 * n, progress)
        results = [job.result() for job in jobs]
    xy = np.concatenate([r[0] for r in results])
    vis = np.concatenate([r[1] for r in results])
    xy = _to_upright(xy, crops, rotation, info.width_px, info.height_px)
    out_w, out_h = info.width_px, info.height_px
    if rotation in (90, 270):
        out_w, out_h = out_h, out_w
    track = PoseTrack(xy, vis, info.fps, out_w, out_h, rotation, info.warnings() + selection.notes)
    if rotation:
        track.notes.append(f"The frames were turned {rotation}° clockwise to stand the runner up.")
    if progress is not None:
        progress(2 * n, 2 * n)
    return track


def _to_upright(
    xy: FloatArray, crops: list[CropBox | None], rotation: int, width_px: int, height_px: int
) -> FloatArray:
    """Fractions of each crop -> upright full-resolution frame pixels."""
    out = np.full_like(xy, np.nan)
    for i, box in enumerate(crops):
        if box is None or not np.isfinite(xy[i]).any():
            continue
        x, y, w, h = box
        raw = xy[i] * np.array([w, h]) + np.array([x, y])
        out[i] = rotate_points(raw, rotation, width_px, height_px)
    return out
