"""One share of a clip, decoded, measured for motion and run through pose where it is kept.

The pipeline splits a clip into two consecutive shares, one per process
(:mod:`footfix.gait.share_plan` says where and checks each seek by comparing frame digests).
Each share decodes its own frames, measures motion on them, keeps them in memory and, once the
runner has been chosen from every share's motion, runs pose on the runner's crops of its
frames, led by the crops of any frames it poses but the other share decoded. Nothing but
motion summaries, crop boxes, those crops and keypoints crosses between processes.

Rotation: pose first assumes the clip is upright (the usual case, at no extra cost); a share
whose first detections are not upright says so, and only then is the rotation probed on a few
static images (:mod:`footfix.gait.orientation`).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from queue import Full, Queue
from typing import Any

import cv2
import numpy as np

from footfix.gait.errors import VideoTooLongError
from footfix.gait.keypoints import N_KEYPOINTS, FloatArray
from footfix.gait.motion import FrameMotion, MotionMeter
from footfix.gait.orientation import find_rotation, is_upright
from footfix.gait.pose import MediaPipePose, quiet_native_logs
from footfix.gait.video import Frame, iter_frames, rotate_frame, rotate_points

CropBox = tuple[int, int, int, int]
PoseOut = tuple[FloatArray, FloatArray, bool]  # keypoints as crop fractions, visibility, upright
#: Crops are shrunk to this long side before pose: BlazePose looks at a 256 px view of the body,
#: so larger crops only cost conversion and resizing time.
POSE_INPUT_LONG_SIDE_PX = 512
MAX_DECODED_FRAMES = 144_000
#: frames decoded ahead of the motion pass with ``read_ahead`` (each 2.8 MB at 720p)
READ_AHEAD_FRAMES = 4
#: upright check: after this many detections, at least ``UPRIGHT_NEEDED`` must look upright
UPRIGHT_AFTER = 8
UPRIGHT_NEEDED = 5
N_ORIENTATION_SAMPLES = 5
Tick = Callable[[int], None]


def shrink(image: Frame) -> Frame:
    factor = POSE_INPUT_LONG_SIDE_PX / max(image.shape[:2])
    if factor >= 1.0:
        return image
    # bilinear: about a third of the CPU of area averaging, and BlazePose resamples its own
    # region of interest to 256 px anyway
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_LINEAR)
    return np.asarray(small, dtype=np.uint8)


class Half:
    """Frames ``[start, stop)`` of ``path`` (``stop=None``: to the end of the clip)."""

    def __init__(
        self,
        path: Path,
        start: int,
        stop: int | None,
        budget_bytes: int,
        seek: bool = False,
        seed: bool = True,
        read_ahead: bool = False,
    ) -> None:
        """``seek``: jump to the start (see ``iter_frames``); ``seed``: decode the frame before
        the start too, so that the first frame's motion is measured (without it, the first
        frame's motion is empty and the caller takes it from the previous share);
        ``read_ahead``: decode in a second thread while this one measures motion, for a share
        that decodes while the other core has little to do."""
        self.path, self.start, self.stop, self.budget = path, start, stop, budget_bytes
        self.seek, self.seed, self.read_ahead = seek, seed, read_ahead
        self._ready: MediaPipePose | None = None
        self.kept: list[Frame] | None = []
        #: fingerprints of the first and the last frame decoded (see ``fingerprint``)
        self.first_print = self.last_print = b""

    def decode(self, width_px: int, height_px: int, tick: Tick | None = None) -> list[FrameMotion]:
        meter = MotionMeter(width_px, height_px)
        motion: list[FrameMotion] = []
        self.kept = []
        first = max(0, self.start - 1) if self.seed else self.start
        stop = MAX_DECODED_FRAMES + 1 if self.stop is None else self.stop
        kept_bytes = 0
        last: Frame | None = None
        frames = iter_frames(self.path, first, stop, seek=self.seek)
        if self.read_ahead:
            frames = _read_ahead(frames)
        for index, frame in frames:
            if last is None:
                self.first_print = fingerprint(frame)
            last = frame
            if index == MAX_DECODED_FRAMES:
                raise VideoTooLongError(
                    f"{self.path.name} holds more than {MAX_DECODED_FRAMES} frames (counted as "
                    "they were decoded); a stride clip needs 10-20 s."
                )
            found = meter.add(frame)
            if index < self.start:
                continue
            motion.append(found)
            if self.kept is not None:
                self.kept.append(frame)
                kept_bytes += frame.nbytes
                if kept_bytes > self.budget:  # too long to keep: decode again for pose
                    self.kept = None
            if tick is not None and index % 10 == 0:
                tick(10)
        if last is not None:
            self.last_print = fingerprint(last)
        return motion

    def crop_images(self, crops: list[CropBox | None], offset: int = 0) -> list[Frame | None]:
        """The shrunk crops of the kept frames from ``start + offset`` on, as pose sees them."""
        if self.kept is not None:
            frames: list[Frame | None] = list(self.kept[offset : offset + len(crops)])
        else:
            frames = [None] * len(crops)
            first = self.start + offset
            for index, frame in iter_frames(self.path, first, first + len(crops)):
                frames[index - first] = frame
        out: list[Frame | None] = []
        for image, box in zip(frames, crops, strict=False):
            if image is None or box is None:
                out.append(None)
                continue
            x, y, w, h = box
            out.append(shrink(image[y : y + h, x : x + w]))
        return out

    def pose(
        self,
        crops: list[CropBox | None],
        rotation: int,
        check_upright: bool,
        tick: Tick | None,
        lead: Iterable[Frame | None] = (),
        n_lead: int = 0,
    ) -> PoseOut:
        """Pose on the ``n_lead`` images of ``lead`` (crops of the frames just before this
        share's, cut by the share that decoded them, possibly still arriving) and then on this
        share's crops; with ``check_upright`` stop early (upright False) as soon as the first
        detections show a lying person."""
        own = self.crop_images(crops)
        images = itertools.chain(itertools.islice(lead, n_lead), own)
        xy = np.full((n_lead + len(own), N_KEYPOINTS, 2), np.nan)
        vis = np.full((n_lead + len(own), N_KEYPOINTS), np.nan)
        found_n = upright_n = 0
        estimator, self._ready = self._ready or MediaPipePose(), None
        with estimator:
            for i, image in enumerate(images):
                if tick is not None and i % 10 == 9:
                    tick(10)
                if image is None:
                    continue
                turned = rotate_frame(image, rotation)
                found = estimator.estimate(turned)
                if found is None:
                    continue
                back = rotate_points(found[0], -rotation, turned.shape[1], turned.shape[0])
                xy[i] = back / (image.shape[1], image.shape[0])
                vis[i] = found[1]
                if check_upright and found_n < UPRIGHT_AFTER:
                    found_n += 1
                    upright_n += is_upright(found[0])
                    if found_n == UPRIGHT_AFTER and upright_n < UPRIGHT_NEEDED:
                        return xy, vis, False
        return xy, vis, True

    def prepare_pose(self) -> None:
        """Build the video-mode model for the next ``pose`` now (about 0.1 s), while the runner
        is being chosen, rather than when pose starts."""
        if self._ready is None:
            self._ready = MediaPipePose()

    def probe(self, crops: list[CropBox | None]) -> tuple[int | None, int]:
        images = [im for im in self.crop_images(crops) if im is not None]
        if not images:
            return None, 0
        picks = np.linspace(0, len(images) - 1, N_ORIENTATION_SAMPLES + 2)[1:-1]
        samples = [images[int(i)] for i in picks]
        return find_rotation(samples, lambda: MediaPipePose(static_image_mode=True))


def _read_ahead(frames: Iterator[tuple[int, Frame]]) -> Iterator[tuple[int, Frame]]:
    """``frames``, decoded by a thread a few frames ahead (OpenCV releases the interpreter
    while it decodes); the thread stops when the consumer stops early."""
    queue: Queue[tuple[int, Frame] | BaseException | None] = Queue(maxsize=READ_AHEAD_FRAMES)
    done = threading.Event()

    def put(item: tuple[int, Frame] | BaseException | None) -> bool:
        while not done.is_set():
            with contextlib.suppress(Full):
                queue.put(item, timeout=0.1)
                return True
        return False

    def read() -> None:
        try:
            for item in frames:
                if not put(item):
                    return
            put(None)
        except BaseException as err:  # handed to the consumer, which raises it
            put(err)
        finally:
            close = getattr(frames, "close", None)
            if close is not None:
                close()

    reader = threading.Thread(target=read, name="footfix-decode", daemon=True)
    reader.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        done.set()
        reader.join()


def _lead(conn: Any, n: int) -> Iterator[Frame | None]:
    """The ``n`` lead crops as the parent sends them, a few per message (see
    ``share_plan``)."""
    while n > 0:
        command, images = conn.recv()
        if command != "lead":
            raise RuntimeError(f"expected lead crops, got {command!r}")
        n -= len(images)
        yield from images


def fingerprint(frame: Frame) -> bytes:
    """A digest of a decoded frame: a share that seeked compares its first frame with the
    previous share's last one, which was decoded in order."""
    return hashlib.blake2b(np.ascontiguousarray(frame).data, digest_size=16).digest()


def worker_main(
    conn: Any,
    path: Path,
    share: tuple[int, int | None],
    budget: int,
    size: tuple[int, int],
    exact: bool,
) -> None:
    """A share in its own process (:mod:`footfix.gait.share_worker`): decode, send motion,
    then answer pose and probe requests. ``exact``: the share starts on a key frame, so it
    seeks there and decodes nothing before it."""
    quiet_native_logs()
    if not os.environ.get("FOOTFIX_DEBUG"):
        # MediaPipe's C++ core writes start-up chatter to fd 2 whatever the log settings
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    cv2.setNumThreads(1)  # one process per core already; OpenCV's own pool only spins
    half = Half(path, share[0], share[1], budget, seek=exact, seed=not exact)
    try:
        motion = half.decode(*size, lambda k: conn.send(("tick", k)))
        conn.send(("motion", (motion, half.first_print, half.last_print)))
        half.prepare_pose()  # while the parent chooses the runner

        while True:
            command, args = conn.recv()
            if command == "stop":
                return
            if command == "pose":
                crops, rotation, check, n_lead = args
                tick = lambda k: conn.send(("tick", k))  # noqa: E731
                lead = _lead(conn, n_lead)
                out = half.pose(crops, rotation, check, tick, lead, n_lead)
                for _ in lead:  # pose stopped early: the rest is still read off the pipe
                    pass
                conn.send(("pose", out))
            elif command == "probe":
                conn.send(("probe", half.probe(args)))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):  # the parent has gone
        return
    except Exception as err:  # handed to the parent, which raises it
        conn.send(("error", err))
