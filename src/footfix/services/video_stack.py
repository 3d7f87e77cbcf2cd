"""Is the optional video stack installed? (``pip install 'footfix[video]'``)

OpenCV, MediaPipe and NumPy are an extra, so a server or a packager that does not analyse
stride video does not carry them. Commands that need them ask here first and name the extra.
"""

from __future__ import annotations

import importlib

from footfix.errors import ErrorKind, FootfixError
from footfix.gait.pose_loader import load_pose_solution

VIDEO_EXTRA = "pip install 'footfix[video]'"
_MODULES = (("cv2", "OpenCV"), ("numpy", "NumPy"))


class VideoStackMissing(FootfixError):
    kind = ErrorKind.UNAVAILABLE


def require_video_stack(what: str = "stride video analysis") -> None:
    """Raise :class:`VideoStackMissing` naming the extra when a part of the stack is absent."""
    missing = []
    for module, name in _MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(name)
    try:  # the pose solution alone: ``import mediapipe`` would also load matplotlib
        load_pose_solution()
    except ImportError:
        missing.insert(1, "MediaPipe")
    if missing:
        raise VideoStackMissing(
            f"{what} needs footfix's video extra ({', '.join(missing)} not installed); "
            f"install it with: {VIDEO_EXTRA}"
        )
