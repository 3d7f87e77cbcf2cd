"""Where a clip's key frames are: the frames a decoder can start from without the ones before.

Read from the container's packets with PyAV (FFmpeg's demuxer), without decoding a frame:
about 10 ms for a 12 s clip. The pipeline puts the boundary between the two processes'
decoding on a key frame (:mod:`footfix.gait.pipeline`), so that neither decodes frames it
does not keep. A clip whose packets cannot be read gives ``None`` and the pipeline splits as
before; every split is still checked frame by frame, so a wrong answer here costs time only.
"""

from __future__ import annotations

from pathlib import Path


def key_frames(path: Path, fps: float, max_packets: int) -> list[int] | None:
    """Frame indices (in display order, as OpenCV counts them) of the video stream's key
    frames, or ``None`` when they cannot be read or there are more than ``max_packets``."""
    try:
        import av
    except ImportError:  # the video extra without PyAV: split as before
        return None
    found: set[int] = set()
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.video:
                return None
            stream = container.streams.video[0]
            base = stream.time_base
            if base is None:
                return None
            start = stream.start_time or 0
            for count, packet in enumerate(container.demux(stream)):
                if count >= max_packets:
                    return None
                if packet.is_keyframe and packet.pts is not None:
                    found.add(round(float((packet.pts - start) * base) * fps))
    except (av.FFmpegError, OSError, ValueError, ZeroDivisionError):
        return None
    return sorted(k for k in found if k >= 0)
