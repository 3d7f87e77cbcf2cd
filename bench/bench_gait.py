"""Stride-video cost: the whole gait pipeline against bare MediaPipe Pose on the same clip.

Bare = one fresh process that decodes every frame and runs MediaPipe Pose (complexity 1, video
mode) on each full frame: the least a pose-based analysis must do. It is run twice: after a
plain ``import mediapipe`` (the whole package, matplotlib included, as MediaPipe's examples
do; the figure issue 14 was measured against) and with the pose solution loaded alone, as
footfix loads it (:mod:`footfix.gait.pose_loader`), which is the stricter baseline.
Pipeline = a fresh process running ``footfix.gait`` (motion and camera-motion pass, runner
choice, pose on crops shared between this process and one spawned worker, upright check,
signal stages and metrics). Each
run is a child process, so both pay their own interpreter start, imports and model load, and
CPU is user + system time of the whole process tree (``RUSAGE_CHILDREN``, which includes the
pipeline's worker once it has been waited for). Runs are interleaved over several rounds so
that drift in machine load hits both alike; medians are printed with the load average.

Targets (issue 14): pipeline CPU <= 1.2 x bare CPU; pipeline wall time on two cores <= 0.6 x
bare wall time.

    python -m bench gait            # 3 rounds
    python -m bench.bench_gait 5    # 5 rounds
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLIP = Path(__file__).resolve().parents[1] / "tests" / "data" / "video" / "male_side.mp4"

_BARE = """
import sys, cv2
if sys.argv[2] == "full":
    import mediapipe  # the whole package, as MediaPipe's own examples load it
from footfix.gait.pose import MediaPipePose, quiet_native_logs
quiet_native_logs()
cap = cv2.VideoCapture(sys.argv[1])
with MediaPipePose() as pose:
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        pose.estimate(frame)
"""
_PIPELINE = """
import sys
from pathlib import Path
if __name__ == "__main__":
    from footfix.gait import report_from_track
    from footfix.gait.pipeline import analyse_pose
    report_from_track(analyse_pose(Path(sys.argv[1]), workers=int(sys.argv[2])))
"""
_PARTS = """
import sys, time, resource
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
c = cpu(); import cv2, numpy; base = cpu() - c
from footfix.gait.pose_loader import load_pose_solution
c = cpu(); load_pose_solution(); mp_import = cpu() - c
from pathlib import Path
from footfix.gait.motion import MotionMeter
from footfix.gait.video import iter_frames
frames = [f for _, f in iter_frames(Path(sys.argv[1]), 0, 10**9)]
meter = MotionMeter(frames[0].shape[1], frames[0].shape[0])
c = cpu()
for f in frames:
    meter.add(f)
motion = cpu() - c
print(base, mp_import, motion, len(frames))
"""


def _child_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _run(code: str, *args: str) -> tuple[float, float, str]:
    """(wall s, cpu s of the child's whole tree, stdout) of ``python -c code args``."""
    env = dict(os.environ, GLOG_minloglevel="2", TF_CPP_MIN_LOG_LEVEL="3")
    cpu0, t0 = _child_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - t0, _child_cpu() - cpu0, done.stdout


def main(rounds: int = 3) -> None:
    from footfix.gait.video import probe

    info = probe(CLIP)
    n = info.n_frames
    load_before = os.getloadavg()
    bare, lean, piped, single = [], [], [], []
    for _ in range(rounds):  # interleaved so drift in machine load hits all alike
        bare.append(_run(_BARE, str(CLIP), "full")[:2])
        lean.append(_run(_BARE, str(CLIP), "lean")[:2])
        piped.append(_run(_PIPELINE, str(CLIP), "2")[:2])
        single.append(_run(_PIPELINE, str(CLIP), "1")[:2])
    parts = [float(v) for v in _run(_PARTS, str(CLIP))[2].split()]
    load_after = os.getloadavg()

    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(f"clip: {CLIP.name}, {info.width_px}x{info.height_px}, {n} frames, "
          f"{info.duration_s:.1f} s; {os.cpu_count()} cores; {rounds} rounds, medians")  # fmt: skip
    print(f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} (1 min)")
    rows = (
        ("bare MediaPipe (1 process)", bare),
        ("bare, pose solution alone", lean),
        ("footfix pipeline, 2 workers", piped),
        ("footfix pipeline, 1 worker (no pool)", single),
    )
    for name, runs in rows:
        wall, cpu = med(runs, 0), med(runs, 1)
        print(f"{name:38s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  cores busy {cpu / wall:.2f}")
    cpu_ratio = med(piped, 1) / med(bare, 1)
    wall_ratio = med(piped, 0) / med(bare, 0)
    print(f"pipeline / bare CPU:  {cpu_ratio:.2f}  (target <= 1.2)")
    print(f"pipeline / bare wall: {wall_ratio:.2f}  (target <= 0.6 on two free cores)")
    print(f"1-worker pipeline / bare CPU: {med(single, 1) / med(bare, 1):.2f}")
    print(
        "against bare with the pose solution alone: pipeline CPU "
        f"{med(piped, 1) / med(lean, 1):.2f}, wall {med(piped, 0) / med(lean, 0):.2f}"
    )
    base, mp_import, motion, frames = parts
    print(
        f"where extra CPU goes: interpreter + cv2/numpy {base:.2f} s and MediaPipe import "
        f"{mp_import:.2f} s (pose solution alone) per extra process; motion + camera-motion "
        f"pass {motion:.2f} s "
        f"({1000 * motion / frames:.1f} ms/frame); the last share's seek to its start (it decodes "
        "from the key frame before it); signal stages (footfix.gait.dsp, no SciPy import)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
