"""What a gait metric is: definition, unit, expected accuracy, per-side values and confidence.

A metric the video cannot support carries ``confidence="unknown"`` and a ``reason``; it never
carries a number then. Asymmetry is ``left - right`` in the metric's unit, plus a percentage of
the two sides' mean for ratio-scale metrics (times, distances).
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

    @property
    def known(self) -> bool:
        return self.confidence != "unknown"

    @property
    def asymmetry(self) -> float | None:
        if self.left is None or self.right is None:
            return None
        return self.left - self.right

    @property
    def asymmetry_pct(self) -> float | None:
        if not self.spec.ratio_scale or self.left is None or self.right is None:
            return None
        mean = (abs(self.left) + abs(self.right)) / 2
        return None if mean == 0 else 100.0 * (self.left - self.right) / mean

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in asdict(self.spec).items() if k != "ratio_scale"}
        out.update(
            value=_round(self.value),
            left=_round(self.left),
            right=_round(self.right),
            asymmetry=_round(self.asymmetry),
            asymmetry_pct=_round(self.asymmetry_pct),
            n_left=self.n_left,
            n_right=self.n_right,
            confidence=self.confidence,
            reason=self.reason,
        )
        return out


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
    return Metric(spec, float(np.mean(both)), lv, rv, len(left), len(right), confidence, note)


def whole(
    spec: MetricSpec, value: float, confidence: Confidence, reason: str | None = None
) -> Metric:
    return Metric(spec=spec, value=float(value), confidence=confidence, reason=reason)


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
    mode: Literal["running", "walking"] | None
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

    def to_json(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "mode": self.mode,
            "fps": self.fps,
            "n_frames": self.n_frames,
            "facing": self.facing,
            "metrics": {k: m.to_json() for k, m in self.metrics.items()},
            "events_s": self.events_s,
            "notes": self.notes,
        }
