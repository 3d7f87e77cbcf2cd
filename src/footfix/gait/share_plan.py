"""How the clip's frames are divided between this process and a spawned one.

Two plans, both giving the same keypoints (pose runs on frames ``[0, p)`` in one process and
``[p, n)`` in the other, ``p`` the middle of the clip, because BlazePose's tracking restarts at
the boundary and moving it moves the figures):

- ``halves``: the worker decodes ``[0, p)``, this process seeks to ``p`` and decodes the rest.
  A seek lands on the key frame before ``p``, so on a clip with few key frames this process
  decodes nearly every frame.
- ``key``: the boundary between the decoding is put on a key frame ``k >= p``
  (:mod:`footfix.gait.key_frames`): this process decodes ``[0, k]`` from the start, the worker
  seeks to ``k`` exactly and decodes ``[k, n)``, and the crops of ``[p, k)`` that the worker
  poses are cut here and sent to it with its pose request (a few MB each: crops are shrunk).
  Each frame is decoded once. Chosen when some key frame makes the slower side's decoding
  shorter than under ``halves``, counting the worker's start-up as frames decoded.

Either plan checks where the worker's seek landed by comparing frame digests; ``key`` falls
back to decoding the whole clip here when they differ, ``halves`` to decoding in order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from footfix.gait.errors import NobodyFoundError
from footfix.gait.halves import MAX_DECODED_FRAMES, CropBox, Half, PoseOut
from footfix.gait.key_frames import key_frames
from footfix.gait.motion import FrameMotion
from footfix.gait.share_worker import RemoteShare
from footfix.gait.video import VideoInfo

Tick = Callable[[int], None]
#: the worker's start-up (interpreter, OpenCV, NumPy) takes about as long as decoding this many
#: 720p frames here (measured: about 0.35 s against about 6 ms a frame)
REMOTE_START_FRAMES = 60
#: the ``key`` plan must save at least this many frames' decoding: it costs cutting and sending
#: the crops the worker poses but did not decode (about 1 ms a crop), and the plans' sums are
#: rough
KEY_PLAN_GAIN_FRAMES = 15
#: lead crops per message: the worker starts on the first few while the rest are cut
LEAD_PER_MESSAGE = 8


def choose_key(keys: list[int] | None, n: int, p: int) -> int | None:
    """The key frame to start the worker's decoding on, or None for the ``halves`` plan."""
    if not keys or not 0 < p < n:
        return None
    before = max((k for k in keys if k <= p), default=0)
    best, cost = None, max(REMOTE_START_FRAMES + p, n - before)  # the halves plan
    cost -= KEY_PLAN_GAIN_FRAMES
    for k in keys:
        if p <= k < n - 1 and max(k + 1, REMOTE_START_FRAMES + n - k) < cost:
            best, cost = k, max(k + 1, REMOTE_START_FRAMES + n - k)
    return best


@dataclass
class Shares:
    """The decoded clip: the motion of every frame, and who holds which frames for pose."""

    local: Half
    remote: RemoteShare | None
    motion: list[FrameMotion]
    split: int  # pose: frames [0, split) and [split, n); with no worker, split = n
    key: int | None  # the ``key`` plan's boundary (the worker's first frame), or None

    def pose(
        self, crops: list[CropBox | None], rotation: int, check: bool, tick: Tick
    ) -> list[PoseOut]:
        """Keypoints of every frame, in frame order, each process posing its part."""
        p, remote = self.split, self.remote
        if remote is None:
            return [self.local.pose(crops, rotation, check, tick)]
        if self.key is None:
            remote.send("pose", (crops[:p], rotation, check, 0))
            mine = self.local.pose(crops[p:], rotation, check, tick)
            return [remote.result(), mine]
        k = self.key
        remote.send("pose", (crops[k:], rotation, check, k - p))
        # the worker's first crops are cut here and sent a few at a time by a thread, so that
        # both processes start posing at once
        failed: list[BaseException] = []
        sender = threading.Thread(target=self._send_lead, args=(remote, crops, failed))
        sender.start()
        try:
            mine = self.local.pose(crops[:p], rotation, check, tick)
        finally:
            sender.join()
        if failed:
            raise failed[0]
        return [mine, remote.result()]

    def _send_lead(
        self, remote: RemoteShare, crops: list[CropBox | None], failed: list[BaseException]
    ) -> None:
        assert self.key is not None
        try:
            for a in range(self.split, self.key, LEAD_PER_MESSAGE):
                b = min(a + LEAD_PER_MESSAGE, self.key)
                remote.send("lead", self.local.crop_images(crops[a:b], offset=a))
        except BaseException as err:  # raised by the caller once its own pose is done
            failed.append(err)

    def probe(self, crops: list[CropBox | None]) -> int:
        """The rotation that stands the runner up, probed here first (see ``orientation``)."""
        p, k = self.split, self.key
        own, theirs = (crops[p:], crops[:p]) if k is None else (crops[:p], crops[k:])
        rotation, upright = self.local.probe(own)
        if self.remote is not None and not (rotation is not None and upright):
            self.remote.send("probe", theirs)
            rotation, upright = self.remote.result()
        if rotation is None or upright == 0:
            raise NobodyFoundError("No person could be found in the video.")
        return rotation


def decode(
    path: Path,
    info: VideoInfo,
    remote: RemoteShare | None,
    budget: int,
    tick: Tick,
) -> Shares:
    """Decode the clip and measure its motion, divided with ``remote`` (if any)."""
    size = (info.width_px, info.height_px)
    if remote is None:
        return _alone(path, size, budget, tick)
    p = info.n_frames // 2
    k = choose_key(key_frames(path, info.fps, MAX_DECODED_FRAMES), info.n_frames, p)
    if k is None:
        return _halves(path, remote, p, budget, size, tick)
    remote.begin(path, (k, None), budget, size, exact=True)
    # the worker decodes fewer frames and is soon idle: decode here in a second thread
    local = Half(path, 0, k + 1, budget, read_ahead=True)
    mine = local.decode(*size, tick)
    theirs, their_first, _ = remote.result()
    if len(mine) == k + 1 and theirs and their_first == local.last_print:
        return Shares(local, remote, mine + theirs[1:], p, k)
    # the seek landed elsewhere (or the clip is shorter than its header says): no sharing
    remote.kill()
    remote.close()
    return _alone(path, size, budget, None)


def _alone(path: Path, size: tuple[int, int], budget: int, tick: Tick | None) -> Shares:
    """The whole clip decoded in this process, for pose here alone."""
    local = Half(path, 0, None, budget)
    motion = local.decode(*size, tick)
    return Shares(local, None, motion, len(motion), None)


def _halves(
    path: Path,
    remote: RemoteShare,
    p: int,
    budget: int,
    size: tuple[int, int],
    tick: Tick,
) -> Shares:
    remote.begin(path, (0, p), budget, size)
    local = Half(path, p, None, budget, seek=True)
    mine = local.decode(*size, tick)
    theirs, _, their_last = remote.result()
    if their_last != local.first_print:
        # the seek did not land on the frame asked for: decode again from the start
        local.seek = False
        mine = local.decode(*size)
    return Shares(local, remote, theirs + mine, len(theirs), None)
