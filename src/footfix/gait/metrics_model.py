"""What a gait metric is: definition, unit, expected accuracy, per-side values and confidence.

A metric the video cannot support carries ``confidence="unknown"`` and a ``reason``; it never
carries a number then. Asymmetry is ``left - right`` in the metric's unit, plus a percentage of
the two sides' mean for ratio-scale metrics (times, distances); it is only *supported* (and only
then may anything downstream act on it) when it is consistent stride to stride and larger than
the metric's own spread - see :func:`asymmetry_support`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import numpy as np

from footfix.gait.keypoints import FloatArray

Confidence = Literal["high", "moderate", "low", "unknown"]


@dataclass(frozen=True)
class MetricSpec:
    key: str
    name: str
    definition: str
    unit: str
    accuracy: str
    ratio_scale: bool = False  # a percentage asymmetry makes sense (times, lengths)
    #: usual range for recreational runners at easy to steady pace (see docs/stride-video.md)
    usual: tuple[float, float] | None = None
    meaning: str = ""  # one line for the runner: what a high or low value suggests
    #: smallest left/right difference worth reporting (about the method's own accuracy)
    min_asymmetry: float = 0.0


@dataclass(frozen=True)
class Metric:
    spec: MetricSpec
    value: float | None = None  # whole-body value (or mean of the two sides)
    left: float | None = None
    right: float | None = None
    n_left: int = 0
    n_right: int = 0
    confidence: Confidence = "unknown"
    reason: str | None = None
    left_values: tuple[float, ...] = ()  # per stride, in time order
    right_values: tuple[float, ...] = ()

    @property
    def known(self) -> bool:
        return self.confidence != "unknown"

    @property
    def asymmetry(self) -> float | None:
        if self.left is None or self.right is None:
            return None
        return self.left - self.right

    @property
    def asymmetry_supported(self) -> bool:
        return asymmetry_support(self)[0]

    def spread(self, side: str) -> float | None:
        values = self.left_values if side == "left" else self.right_values
        return float(np.std(values, ddof=1)) if len(values) >= 3 else None

    @property
    def asymmetry_pct(self) -> float | None:
        if not self.spec.ratio_scale or self.left is None or self.right is None:
            return None
        mean = (abs(self.left) + abs(self.right)) / 2
        return None if mean == 0 else 100.0 * (self.left - self.right) / mean

    def to_json(self) -> dict[str, Any]:
        hidden = ("ratio_scale", "min_asymmetry", "usual")
        out: dict[str, Any] = {k: v for k, v in asdict(self.spec).items() if k not in hidden}
        supported, why = asymmetry_support(self)
        out.update(
            usual_range=None if self.spec.usual is None else list(self.spec.usual),
            value=_round(self.value),
            left=_round(self.left),
            right=_round(self.right),
            spread_left=_round(self.spread("left")),
            spread_right=_round(self.spread("right")),
            asymmetry=_round(self.asymmetry),
            asymmetry_pct=_round(self.asymmetry_pct),
            asymmetry_supported=supported,
            asymmetry_note=why,
            n_left=self.n_left,
            n_right=self.n_right,
            confidence=self.confidence,
            reason=self.reason,
        )
        return out


#: Share of stride pairs in which the same side must come out larger for a consistent difference.
CONSISTENT_SHARE = 0.8


def asymmetry_support(metric: Metric) -> tuple[bool, str | None]:
    """Whether ``left - right`` is a real difference, with the reason when it is not.

    Supported only when: the metric is known with at least moderate confidence; both sides have
    3 or more strides; the difference is at least the method's own accuracy
    (``spec.min_asymmetry``); it is larger than the stride-to-stride spread of either side
    (standard deviation); and at least 80% of left/right pairs of strides (taken in time order)
    differ in the same direction.
    """
    diff = metric.asymmetry
    if diff is None or metric.confidence not in ("high", "moderate"):
        return False, None if diff is None else "confidence too low to compare the sides"
    left, right = np.array(metric.left_values), np.array(metric.right_values)
    if len(left) < 3 or len(right) < 3:
        return False, "fewer than 3 strides on a side"
    if abs(diff) < metric.spec.min_asymmetry:
        return False, f"difference below the method's accuracy ({metric.spec.min_asymmetry:g})"
    spread = max(float(np.std(left, ddof=1)), float(np.std(right, ddof=1)))
    if abs(diff) <= spread:
        return False, "difference smaller than the stride-to-stride spread"
    n = min(len(left), len(right))
    same = np.mean(np.sign(left[:n] - right[:n]) == np.sign(diff))
    if same < CONSISTENT_SHARE:
        return False, f"the same side was larger in only {100 * same:.0f}% of strides"
    return True, None


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def unknown(spec: MetricSpec, reason: str) -> Metric:
    return Metric(spec=spec, confidence="unknown", reason=reason)


def sided(
    spec: MetricSpec,
    left: list[float],
    right: list[float],
    confidence: Confidence,
    reason: str | None = None,
    min_n: int = 3,
) -> Metric:
    """Median per side; a side with fewer than ``min_n`` usable events is left unknown."""
    lv = float(np.median(left)) if len(left) >= min_n else None
    rv = float(np.median(right)) if len(right) >= min_n else None
    if lv is None and rv is None:
        return unknown(spec, reason or f"fewer than {min_n} usable events on either side")
    both = [v for v in (lv, rv) if v is not None]
    note = reason
    if lv is None or rv is None:
        missing = "left" if lv is None else "right"
        note = (reason + "; " if reason else "") + f"{missing} side: too few usable events"
    return Metric(
        spec, float(np.mean(both)), lv, rv, len(left), len(right), confidence, note,
        tuple(left) if lv is not None else (), tuple(right) if rv is not None else (),
    )  # fmt: skip


def whole(
    spec: MetricSpec, value: float, confidence: Confidence, reason: str | None = None
) -> Metric:
    return Metric(spec=spec, value=float(value), confidence=confidence, reason=reason)


def cap(metric: Metric, level: Confidence, reason: str | None) -> Metric:
    """``metric`` at no more than ``level``; ``unknown`` drops the numbers."""
    order: list[Confidence] = ["unknown", "low", "moderate", "high"]
    if order.index(metric.confidence) <= order.index(level):
        return metric
    if level == "unknown":
        return unknown(metric.spec, reason or "not supported by the clip")
    text = reason if metric.reason is None else f"{metric.reason}; {reason}"
    return replace(metric, confidence=level, reason=text if reason else metric.reason)


def downgrade(metric: Metric, reason: str) -> Metric:
    order: list[Confidence] = ["high", "moderate", "low"]
    if metric.confidence not in order:
        return metric
    lower = order[min(order.index(metric.confidence) + 1, 2)]
    text = reason if metric.reason is None else f"{metric.reason}; {reason}"
    return replace(metric, confidence=lower, reason=text)


@dataclass
class GaitReport:
    """Everything the analysis found, ready for findings, tables and JSON."""

    view: Literal["side", "rear"]
    mode: Literal["running", "walking", "sprinting", "unclear"] | None
    fps: float
    n_frames: int
    facing: Literal["left", "right"] | None
    metrics: dict[str, Metric]
    events_s: dict[str, dict[str, list[float]]]
    notes: list[str] = field(default_factory=list)
    #: cleaned keypoints and (IC, TO) contacts, kept for drawing; not part of the JSON
    xy_px: FloatArray | None = field(default=None, repr=False)
    contacts: dict[str, list[tuple[float, float]]] = field(default_factory=dict, repr=False)
    forward_sign: int = 1
    mode_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "mode": self.mode,
            "mode_reason": self.mode_reason,
            "fps": self.fps,
            "n_frames": self.n_frames,
            "facing": self.facing,
            "metrics": {k: m.to_json() for k, m in self.metrics.items()},
            "events_s": self.events_s,
            "notes": self.notes,
        }
