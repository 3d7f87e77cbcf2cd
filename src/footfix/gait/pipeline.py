"""The pose pipeline: video file -> :class:`PoseTrack` of the runner.

Stages, each replaceable: ``video`` (decode) -> ``motion`` (camera motion, frame differencing)
-> ``select`` (which person, which crop) -> ``pose`` (``PoseEstimator`` per frame on the crop)
-> ``orientation`` (only when the first detections are not upright: phone turned without
metadata).

How the cores are used (:mod:`footfix.gait.share_plan`, :mod:`footfix.gait.halves`): with two
workers (``workers``, at most 2; 1 runs everything in this process with no extra process) one
share of the clip goes to a spawned process and the other stays here, so a two-core run adds
one interpreter and one MediaPipe load, not two. Each process decodes its own frames, measures
their motion and keeps them (split on a key frame where that saves decoding); the runner is
chosen from all the motion; then each process runs pose on the runner's crops of its half.
Only motion summaries, crop boxes, a few shrunk crops and keypoints cross between processes.
Where the CPU went before this design (two pool workers each loading MediaPipe, one process
decoding the whole clip while the others waited, a separate static-image model for the
rotation check on every clip, a full-frame resize for the motion pass, ``import mediapipe``
pulling in matplotlib in every process, the last share decoding every frame before its start)
is measured in ``bench/bench_gait.py``.

Keypoints are returned in the upright frame (see :mod:`footfix.gait.keypoints`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from footfix.gait import select, share_plan
from footfix.gait.errors import (
    CameraMovingError,
    NobodyFoundError,
    SeveralPeopleError,
    VideoTooShortError,
)
from footfix.gait.keypoints import FloatArray, PoseTrack
from footfix.gait.motion import LOW_RES_PX, STILL_SHIFT_PX, FrameMotion
from footfix.gait.pose import quiet_native_logs
from footfix.gait.pose_loader import load_pose_solution
from footfix.gait.share_worker import RemoteShare
from footfix.gait.video import VideoInfo, probe, rotate_points

CropBox = tuple[int, int, int, int]  # x, y, w, h in raw full-resolution pixels
Progress = Callable[[int, int], None]  # (units done, units total)
MAX_KEPT_BYTES = 1_500_000_000
MAX_WORKERS = 2


@dataclass
class Selection:
    crops: list[CropBox | None]
    notes: list[str] = field(default_factory=list)


class _Counter:
    """Progress in frames: decoding is the first half of the bar, pose the second."""

    def __init__(self, callback: Progress | None, total: int) -> None:
        self.callback, self.total, self.done = callback, total, 0

    def tick(self, frames: int) -> None:
        self.done = min(self.total, self.done + frames)
        if self.callback is not None:
            self.callback(self.done, self.total)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """A process spawned meanwhile ignores SIGINT from its start (the disposition is inherited)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may touch signal handlers (a web server's worker threads)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


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
    other = select.rival(tracks, track, w, h, n) if ub is None else None
    if other is not None:
        boxes = [_as_box(t) for t in (track, other)]
        raise SeveralPeopleError(
            "Two people move alike in this clip (about the same size, in view as long, "
            f"travelling as far), so the runner cannot be chosen: around {boxes[0]} and "
            f"{boxes[1]} (x,y,w,h in pixels). Pass one of these with --box."
        )
    crops = select.crop_boxes(track, n, w, h)
    present = sum(c is not None for c in crops)
    notes = [f"Runner chosen by motion tracking: in frame for {present} of {n} frames."]
    if len([t for t in tracks if len(t.boxes) >= 10]) > 1:
        notes.append("Several moving things were seen; the person moving along the lane was used.")
    return Selection(crops, notes)


def _as_box(track: select.Track) -> str:
    boxes = np.array(list(track.boxes.values()))
    x0, y0 = np.percentile(boxes[:, 0], 10), np.percentile(boxes[:, 1], 10)
    x1, y1 = np.percentile(boxes[:, 2], 90), np.percentile(boxes[:, 3], 90)
    return f"{x0:.0f},{y0:.0f},{x1 - x0:.0f},{y1 - y0:.0f}"


def analyse_pose(
    path: Path,
    box: CropBox | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> PoseTrack:
    """Run every stage and return the runner's keypoints in upright-frame pixels.

    ``workers``: processes sharing the clip (1 = this process only, no pool); default one per
    core, at most ``MAX_WORKERS``.
    """
    info = probe(path)
    threads = cv2.getNumThreads()
    if n_workers_for(workers) > 1:
        cv2.setNumThreads(1)  # one process per core already; OpenCV's own pool only spins
    try:
        return _analyse(path, info, box, progress, workers)
    finally:
        cv2.setNumThreads(threads)


def n_workers_for(workers: int | None) -> int:
    chosen = workers if workers is not None else (os.cpu_count() or 1)  # 0 or 1: no pool
    return max(1, min(MAX_WORKERS, chosen))


def _analyse(
    path: Path,
    info: VideoInfo,
    box: CropBox | None,
    progress: Progress | None,
    workers: int | None,
) -> PoseTrack:
    quiet_native_logs()  # set before the workers start so that they inherit it
    n_workers = n_workers_for(workers)
    budget = MAX_KEPT_BYTES // n_workers
    counter = _Counter(progress, 2 * max(info.n_frames, 1))
    remote = None
    if n_workers > 1:
        # a fresh interpreter, never a fork of a process that may hold native threads
        with _sigint_ignored():  # the parent alone handles Ctrl-C and then ends the share
            remote = RemoteShare(counter.tick)
    _load_pose_meanwhile()
    try:
        shares = share_plan.decode(path, info, remote, budget, counter.tick)
        remote = shares.remote  # None when the plan fell back to this process alone
        motion = shares.motion
        n = len(motion)
        if n < 2:
            raise VideoTooShortError(f"{path.name} holds fewer than 2 readable frames.")
        selection = select_runner(info.width_px, info.height_px, motion, box)
        crops = selection.crops
        outs = shares.pose(crops, 0, True, counter.tick)
        rotation = 0
        if not all(out[2] for out in outs):
            rotation = shares.probe(crops)
            counter.done = n  # the pose half of the bar starts again
            outs = shares.pose(crops, rotation, False, counter.tick)
    except BaseException:  # Ctrl-C or an error: end the share now rather than wait for it
        if remote is not None:
            remote.kill()
            remote.close()
        raise
    if remote is not None:
        remote.close_later()
    xy = np.concatenate([out[0] for out in outs])
    vis = np.concatenate([out[1] for out in outs])
    if not np.isfinite(xy).any():
        raise NobodyFoundError("No person could be found in the video.")
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


def _load_pose_meanwhile() -> None:
    """Import the pose solution in a thread while this process decodes (OpenCV releases the
    interpreter while it decodes), so that pose starts without waiting for it. (Building the
    model there too was measured slower: it competes with the decoding.)"""

    def load() -> None:
        with contextlib.suppress(Exception):  # pose itself raises it, with its message
            load_pose_solution()

    threading.Thread(target=load, name="footfix-pose-import", daemon=True).start()


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
