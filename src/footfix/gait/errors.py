"""Errors raised by the stride-video pipeline.

Every error carries ``advice``: what to film instead. The CLI prints the message and the advice;
nobody sees a traceback.

    GaitError
    ├── VideoInputError
    │   ├── NotAVideoError          the file is missing or is not a video at all
    │   ├── UnreadableVideoError    a video container whose frames OpenCV cannot decode
    │   ├── VideoTooShortError      too few strides to measure anything reliably
    │   ├── VideoTooLongError       more frames than a clip needs (counted as decoded)
    │   └── FrameRateTooLowError    too few frames per step for this cadence (says the fps needed)
    ├── NobodyFoundError            no person (or no moving person) was found
    ├── RunnerTooSmallError         the runner is too few pixels tall (says the size needed)
    ├── SeveralPeopleError          several people move alike and no --box says which one
    ├── CameraMovingError           the camera moves in a way that cannot be taken out
    ├── NoSteadyGaitError           standing still, turning or going backwards most of the time
    ├── RunnerLeftFrameError        the runner is visible for too little of the clip
    └── UnsupportedViewError        the camera is neither beside nor behind the runner
"""

from __future__ import annotations

from footfix.errors import ErrorKind, FootfixError

FILMING_ADVICE = (
    "Film 10-20 s of steady running (at least 6 full strides, more is better) with the phone "
    "still on a tripod or shelf at hip height, 3-5 m away, square to the runner: either side-on "
    "(the camera looks at the runner's side) or straight from behind. Keep the whole body, head "
    "to feet, in frame the whole time, use good light, and record at 60 fps or more if the phone "
    "allows (30 fps works but timing is coarser)."
)


class GaitError(FootfixError):
    """Base class: something about the video prevents a stride analysis."""

    kind = ErrorKind.UNPROCESSABLE

    advice: str = FILMING_ADVICE

    def __init__(self, message: str, advice: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if advice is not None:
            self.advice = advice

    def __str__(self) -> str:
        # callers that only print str(err) still tell the user what to film instead
        return f"{self.message} What to do: {self.advice}"


class VideoInputError(GaitError):
    """The file itself is the problem."""

    kind = ErrorKind.UNSUPPORTED_FILE


class NotAVideoError(VideoInputError):
    """The path does not exist or does not hold a video."""


class UnreadableVideoError(VideoInputError):
    """The container opened but frames could not be decoded (unsupported codec)."""

    advice = (
        "Export the clip as an ordinary MP4 (H.264) file - most phones do this with "
        "'Most compatible' or by sharing/saving the video - and try again. " + FILMING_ADVICE
    )


class VideoTooShortError(VideoInputError):
    """Too few strides to measure."""

    kind = ErrorKind.UNPROCESSABLE


class VideoTooLongError(VideoInputError):
    """More frames than a stride clip needs (counted while decoding, never from the header)."""

    advice = "Trim the clip to 10-20 s of steady running and try again."


class NobodyFoundError(GaitError):
    """No runner could be found in the frames."""


class RunnerLeftFrameError(GaitError):
    """The runner was in frame for too little of the clip (or ran out of it)."""

    advice = (
        "Keep the runner inside the frame for the whole clip: a treadmill is easiest; outdoors, "
        "stand further back (5-8 m) and film a section of at least 6 strides. " + FILMING_ADVICE
    )


class UnsupportedViewError(GaitError):
    """The camera angle is neither side-on nor from behind."""

    advice = (
        "Place the camera either exactly side-on to the runner or straight behind, not at an "
        "angle and not from the front. " + FILMING_ADVICE
    )


class FrameRateTooLowError(VideoInputError):
    """Each step spans too few frames to time anything."""

    advice = (
        "Film at a higher frame rate (most phones offer 60 fps, and 120 or 240 fps 'slow "
        "motion'); the message says how many frames per second this cadence needs. "
        + FILMING_ADVICE
    )


class RunnerTooSmallError(GaitError):
    """The runner fills too little of the frame for keypoints to be placed well."""

    advice = (
        "Stand closer (3-5 m) or zoom in so the runner fills most of the frame height. "
        + FILMING_ADVICE
    )


class SeveralPeopleError(GaitError):
    """Several people move in a similar way and nothing says which one is the runner."""

    advice = (
        "Pass --box x,y,w,h around the runner (pixels of the video as a player shows it), or "
        "film with only the runner moving in view. " + FILMING_ADVICE
    )


class CameraMovingError(GaitError):
    """The camera moved (panned, shook or zoomed) in a way that cannot be removed."""

    advice = (
        "Put the phone on a tripod, a shelf or against something solid and let the runner pass "
        "or use a treadmill; do not follow the runner with the camera. " + FILMING_ADVICE
    )


class NoSteadyGaitError(GaitError):
    """Too little steady forward gait: standing still, turning or moving backwards."""

    advice = (
        "Start filming once the runner is moving steadily forwards and stop before they slow "
        "down or turn. " + FILMING_ADVICE
    )
