"""The pose stage: one image in, 33 keypoints out, behind a small replaceable interface.

``PoseEstimator`` is the only thing the rest of the pipeline knows about a pose model. The
default is MediaPipe Pose (BlazePose GHUM, "full" model = complexity 1) running on the CPU, in
its video mode so that it tracks the person from frame to frame. Keypoints come back in the
pixel coordinates of the image given (x right, y down), with MediaPipe's visibility score.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from footfix.gait.keypoints import N_KEYPOINTS, FloatArray
from footfix.gait.video import Frame

MODEL_COMPLEXITY = 1


class PoseEstimator(Protocol):
    """Anything that turns a BGR image into keypoints (``None`` when nobody is found)."""

    def estimate(self, frame_bgr: Frame) -> tuple[FloatArray, FloatArray] | None:
        """Return ``(xy_px (33, 2), visibility (33,))`` in the image's own pixels."""
        ...

    def close(self) -> None: ...


class MediaPipePose:
    """MediaPipe Pose (solutions API of mediapipe 0.10.21), CPU only, complexity 1; loaded
    without the rest of MediaPipe's package (:mod:`footfix.gait.pose_loader`)."""

    def __init__(self, static_image_mode: bool = False) -> None:
        from footfix.gait.pose_loader import load_pose_solution

        self._pose: Any = load_pose_solution().Pose(
            static_image_mode=static_image_mode,
            model_complexity=MODEL_COMPLEXITY,
            smooth_landmarks=False,  # we smooth later with a stated filter
            enable_segmentation=False,
            min_detection_confidence=0.5,
            min_tracking_confidence=0.5,
        )

    def estimate(self, frame_bgr: Frame) -> tuple[FloatArray, FloatArray] | None:
        import cv2

        rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        h, w = frame_bgr.shape[:2]
        marks = result.pose_landmarks.landmark
        xy = np.array([[m.x * w, m.y * h] for m in marks], dtype=np.float64)
        vis = np.array([m.visibility for m in marks], dtype=np.float64)
        if xy.shape[0] != N_KEYPOINTS:
            return None
        return xy, vis

    def close(self) -> None:
        self._pose.close()

    def __enter__(self) -> MediaPipePose:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def quiet_native_logs() -> None:
    """MediaPipe's C++ core logs to stderr through glog/absl; keep the terminal clean."""
    import os

    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # processes started after this (pose workers) keep NumPy's BLAS to one thread: the work is
    # already one process per core, and idle BLAS threads spin on the CPU
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
