"""Stride-video speed: the whole gait pipeline against bare MediaPipe Pose on the same clip.

Bare = one process decoding every frame and running MediaPipe Pose (complexity 1, video mode)
on the full frame, the least a pose-based analysis must do. Pipeline = ``footfix.gait``: motion
pass, runner choice, rotation check, pose on crops in two worker processes, signal stages and
metrics. Both run in this same process tree, one after the other, several rounds; medians are
printed. Targets: pipeline overhead under 15% of bare, both cores busy, a 12 s clip analysed in
less than 12 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from pathlib import Path

CLIP = Path(__file__).resolve().parents[1] / "tests" / "data" / "video" / "male_side.mp4"


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bare_pose(path: Path) -> tuple[float, float, int]:
    """(wall s, cpu s, frames) for decode + MediaPipe on every full frame."""
    import cv2

    from footfix.gait.pose import MediaPipePose

    cpu0, t0 = _cpu_s(), time.perf_counter()
    cap = cv2.VideoCapture(str(path))
    frames = 0
    with MediaPipePose() as pose:
        while True:
            ok, frame = cap.read()
            if not ok:
                break
            pose.estimate(frame)
            frames += 1
    cap.release()
    return time.perf_counter() - t0, _cpu_s() - cpu0, frames


def pipeline(path: Path) -> tuple[float, float, int]:
    from footfix.gait import report_from_track
    from footfix.gait.pipeline import analyse_pose

    cpu0, t0 = _cpu_s(), time.perf_counter()
    track = analyse_pose(path)
    report_from_track(track)
    return time.perf_counter() - t0, _cpu_s() - cpu0, track.n_frames


def main(rounds: int = 3) -> None:
    from footfix.gait.pose import quiet_native_logs

    quiet_native_logs()
    if not CLIP.exists():
        print(f"skipped: {CLIP} not found")
        return
    from footfix.gait.video import probe

    info = probe(CLIP)
    bare, piped = [], []
    for _ in range(rounds):  # interleaved so drift in machine load hits both alike
        bare.append(bare_pose(CLIP))
        piped.append(pipeline(CLIP))
    b_wall = statistics.median(r[0] for r in bare)
    p_wall = statistics.median(r[0] for r in piped)
    b_cores = statistics.median(r[1] / r[0] for r in bare)
    p_cores = statistics.median(r[1] / r[0] for r in piped)
    n = info.n_frames
    print(f"clip: {CLIP.name}, {info.width_px}x{info.height_px}, {n} frames, "
          f"{info.duration_s:.1f} s, {os.cpu_count()} cores, {rounds} rounds")  # fmt: skip
    print(f"bare MediaPipe (decode + pose, 1 process): {b_wall:6.2f} s  {n / b_wall:6.1f} fps  "
          f"cores busy {b_cores:.2f}")  # fmt: skip
    print(f"footfix gait pipeline (all stages):        {p_wall:6.2f} s  {n / p_wall:6.1f} fps  "
          f"cores busy {p_cores:.2f}")  # fmt: skip
    overhead = 100.0 * (p_wall / b_wall - 1.0)
    ratio = p_wall / b_wall
    print(f"pipeline / bare wall time: {ratio:.2f}  (overhead {overhead:+.0f}%, target < 15%)")
    print(f"pipeline time / clip duration: {p_wall / info.duration_s:.2f}  (target < 1)")
    cpu_ratio = statistics.median(r[1] for r in piped) / statistics.median(r[1] for r in bare)
    extra = "workers loading MediaPipe, motion pass, rotation check, signal stages"
    print(f"pipeline CPU / bare CPU: {cpu_ratio:.2f}  (extra: {extra})")


if __name__ == "__main__":
    main()
