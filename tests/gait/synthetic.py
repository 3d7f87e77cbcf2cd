"""A parametric 2-D runner (or walker) that produces BlazePose-layout keypoints with known truth.

Side view. By default treadmill-like (the pelvis stays put horizontally); ``pan_px_per_s`` adds
a camera that drifts sideways at that speed (every keypoint moves across the image together, as
when a phone pans after a runner), and ``pan_wobble_px`` a hand-held sway on top. Each leg
follows a phase ``phi`` in [0, 1) starting at initial contact. In stance the heel slides
backwards on the ground from ``reach`` leg lengths ahead of the hip; in swing it returns along
a raised arc. The foot angle at contact is ``strike_deg`` (toes up positive), flattens within
15% of stance, and the heel rises for the last 40% of stance. The pelvis is lowest at
midstance when running (spring) and highest when walking (vault). Knees come from two-link
inverse kinematics, so knee flexion and its give in stance follow from the geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from footfix.gait import keypoints as kp
from footfix.gait.keypoints import PoseTrack


@dataclass
class Leg:
    duty: float = 0.36  # contact time / stride time
    strike_deg: float = 12.0
    reach: float = 0.15  # heel ahead of hip at contact, leg lengths


@dataclass
class Runner:
    cadence_spm: float = 170.0
    fps: float = 30.0
    duration_s: float = 12.0
    leg_px: float = 480.0
    facing: int = -1  # -1 = faces image-left
    walking: bool = False
    trunk_deg: float = 6.0
    left: Leg = field(default_factory=Leg)
    right: Leg = field(default_factory=Leg)
    pan_px_per_s: float = 0.0
    pan_wobble_px: float = 0.0
    noise_px: float = 0.0
    drop_share: float = 0.0
    swap_share: float = 0.0
    seed: int = 1

    @property
    def stride_s(self) -> float:
        return 120.0 / self.cadence_spm

    @property
    def n_frames(self) -> int:
        return round(self.duration_s * self.fps)

    def true_events_s(self, side: str) -> tuple[np.ndarray, np.ndarray]:
        """(initial contacts, toe-offs) in seconds inside the clip, from the phase definition."""
        leg = self.left if side == "left" else self.right
        start = 0.1 if side == "left" else 0.6  # phase at t = 0
        k = np.arange(-1, self.duration_s / self.stride_s + 2)
        ic = (k - start) * self.stride_s
        to = ic + leg.duty * self.stride_s
        end = self.n_frames / self.fps
        return ic[(ic > 0.0) & (ic < end)], to[(to > 0.0) & (to < end)]


def walker(**kw: object) -> Runner:
    """A walker: 110 steps/min (0.55 s steps), duty factor 0.62, pendular pelvis."""
    base: dict[str, object] = {
        "cadence_spm": 110.0,
        "walking": True,
        "trunk_deg": 2.0,
        "left": Leg(duty=0.62, strike_deg=18.0, reach=0.3),
        "right": Leg(duty=0.62, strike_deg=18.0, reach=0.3),
    }
    base.update(kw)
    return Runner(**base)  # type: ignore[arg-type]


def jogger(**kw: object) -> Runner:
    """A slow jog: 150 steps/min, duty factor 0.43 (short flight)."""
    base: dict[str, object] = {"cadence_spm": 150.0}
    base.update(kw)
    return Runner(left=Leg(duty=0.43), right=Leg(duty=0.43), **base)  # type: ignore[arg-type]


def sprinter(**kw: object) -> Runner:
    """A sprinter: 240 steps/min (0.25 s steps), duty factor 0.24, forefoot landing."""
    base: dict[str, object] = {"cadence_spm": 240.0, "trunk_deg": 10.0}
    base.update(kw)
    leg = {"duty": 0.24, "strike_deg": -6.0, "reach": 0.08}
    return Runner(left=Leg(**leg), right=Leg(**leg), **base)  # type: ignore[arg-type]


def _foot(phi: np.ndarray, leg: Leg, leg_px: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Heel forward position u, heel height v (px) and foot angle (deg) over phase."""
    back = -0.35 * leg_px
    ahead = leg.reach * leg_px
    u = np.empty_like(phi)
    v = np.zeros_like(phi)
    angle = np.zeros_like(phi)
    st = phi < leg.duty
    s = phi[st] / leg.duty
    u[st] = ahead + (back - ahead) * s
    flat = np.clip(s / 0.15, 0, 1)
    rise = np.clip((s - 0.6) / 0.4, 0, 1)
    angle[st] = leg.strike_deg * (1 - flat) - 35.0 * rise
    sw = ~st
    s = (phi[sw] - leg.duty) / (1 - leg.duty)
    u[sw] = back + (ahead - back) * (1 - np.cos(np.pi * s)) / 2
    v[sw] = 0.22 * leg_px * np.sin(np.pi * s)
    angle[sw] = -35.0 + (leg.strike_deg + 35.0) * s
    # the lowest point of the foot follows v; when the toes point down the toe is that point
    # and the heel sits higher by the foot's drop
    foot_len = 0.26 * leg_px
    v = v + np.where(angle < 0, foot_len * np.sin(np.radians(-angle)), 0.0)
    return u, v, angle


def _knee(
    hip: np.ndarray, ankle: np.ndarray, thigh: float, shank: float, facing: int
) -> np.ndarray:
    d = ankle - hip
    dist = np.clip(np.hypot(d[:, 0], d[:, 1]), 1e-6, thigh + shank - 1e-6)
    a = (thigh**2 - shank**2 + dist**2) / (2 * dist)
    h = np.sqrt(np.clip(thigh**2 - a**2, 0, None))
    unit = d / dist[:, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    if np.mean(normal[:, 0]) * facing < 0:  # knee bends forward
        normal = -normal
    return hip + a[:, None] * unit + h[:, None] * normal


def make_track(r: Runner) -> PoseTrack:
    n = r.n_frames
    t = np.arange(n) / r.fps
    rng = np.random.default_rng(r.seed)
    xy = np.full((n, kp.N_KEYPOINTS, 2), np.nan)
    ground_y, hip_x = 1200.0, 360.0
    phase_l = (t / r.stride_s + 0.1) % 1.0
    phase_r = (phase_l + 0.5) % 1.0
    mid = r.left.duty / 2
    bob = 0.04 * r.leg_px * np.cos(2 * np.pi * (2 * phase_l - 2 * mid))
    hip_y = ground_y - 0.93 * r.leg_px + (-bob if r.walking else bob)
    for side, leg, phase in (("left", r.left, phase_l), ("right", r.right, phase_r)):
        hip_i, knee_i, ankle_i, heel_i, toe_i = kp.LEFT_LEG if side == "left" else kp.RIGHT_LEG
        u, v, angle = _foot(phase, leg, r.leg_px)
        offset = 4.0 if side == "left" else -4.0
        hip = np.stack([np.full(n, hip_x + offset), hip_y], axis=1)
        heel = np.stack([hip_x + r.facing * u, ground_y - v], axis=1)
        rad = np.radians(angle)
        foot_len = 0.26 * r.leg_px
        toe = heel + np.stack([r.facing * foot_len * np.cos(rad), -foot_len * np.sin(rad)], axis=1)
        ankle = heel + np.stack(
            [r.facing * 0.05 * r.leg_px * np.ones(n), -0.07 * r.leg_px * np.ones(n)], axis=1
        )
        knee = _knee(hip, ankle, 0.5 * r.leg_px, 0.5 * r.leg_px, r.facing)
        for i, p in ((hip_i, hip), (knee_i, knee), (ankle_i, ankle), (heel_i, heel), (toe_i, toe)):
            xy[:, i] = p
    torso = 0.75 * r.leg_px
    lean = np.radians(r.trunk_deg)
    for i, dx in ((kp.LEFT_SHOULDER, 5.0), (kp.RIGHT_SHOULDER, -5.0)):
        xy[:, i, 0] = hip_x + r.facing * torso * np.sin(lean) + dx
        xy[:, i, 1] = hip_y - torso * np.cos(lean)
    head = xy[:, kp.LEFT_SHOULDER] + np.array([r.facing * 20.0, -0.25 * r.leg_px])
    xy[:, kp.NOSE] = head + np.array([r.facing * 25.0, 0.0])
    xy[:, kp.LEFT_EAR] = head
    xy[:, kp.RIGHT_EAR] = head
    camera = r.pan_px_per_s * t + r.pan_wobble_px * np.sin(2 * np.pi * 0.7 * t)
    xy[..., 0] += (camera - camera.min())[:, None]
    width = 720 + int(np.ceil(np.ptp(camera)))
    xy += rng.normal(0, r.noise_px, xy.shape) * np.isfinite(xy)
    if r.swap_share:
        for start in rng.choice(n - 3, int(r.swap_share * n / 2), replace=False):
            for f in (start, start + 1):
                xy[f, list(kp.LEFT_LEG + kp.RIGHT_LEG)] = xy[f, list(kp.RIGHT_LEG + kp.LEFT_LEG)]
    if r.drop_share:
        xy[rng.random(n) < r.drop_share] = np.nan
    vis = np.where(np.isfinite(xy[..., 0]), 0.95, np.nan)
    return PoseTrack(xy, vis, r.fps, width, 1280)


def true_contact_ms(leg: Leg, r: Runner) -> float:
    return 1000.0 * leg.duty * r.stride_s


def make_rear_track(
    cadence_spm: float = 170.0,
    duty: float = 0.36,
    fps: float = 60.0,
    duration_s: float = 10.0,
    landing_offset: tuple[float, float] = (0.3, 0.3),
    pelvic_drop_deg: tuple[float, float] = (4.0, 4.0),
) -> PoseTrack:
    """Rear view: runner's left on the image left. ``landing_offset`` per foot is the heel's
    distance from the pelvis midline towards its own side, in pelvis widths (negative = crosses
    over); ``pelvic_drop_deg`` per foot is the opposite pelvis drop at midstance."""
    n = round(duration_s * fps)
    t = np.arange(n) / fps
    stride_s = 120.0 / cadence_spm
    xy = np.full((n, kp.N_KEYPOINTS, 2), np.nan)
    mid_x, ground_y, pelvis_w, leg = 360.0, 1200.0, 90.0, 480.0
    hip_y = ground_y - 0.93 * leg
    tilt = np.zeros(n)  # positive = right hip lower
    feet = {}
    for n_side, (side, sign) in enumerate((("left", -1.0), ("right", 1.0))):
        phase = (t / stride_s + 0.1 + 0.5 * n_side) % 1.0
        stance = phase < duty
        s = np.clip(phase / duty, 0, 1)
        drop = pelvic_drop_deg[n_side] * np.sin(np.pi * s) * stance
        tilt += drop if side == "left" else -drop
        lift = np.where(stance, 0.0, 0.2 * leg * np.sin(np.pi * (phase - duty) / (1 - duty)))
        x = mid_x + sign * landing_offset[n_side] * pelvis_w
        feet[side] = (np.full(n, x), ground_y - lift)
    for side, sign in (("left", -1.0), ("right", 1.0)):
        hip_i, knee_i, ankle_i, heel_i, toe_i = kp.LEFT_LEG if side == "left" else kp.RIGHT_LEG
        hx = mid_x + sign * pelvis_w / 2
        hy = hip_y + sign * (pelvis_w / 2) * np.tan(np.radians(tilt))
        fx, fy = feet[side]
        xy[:, hip_i] = np.stack([np.full(n, hx), hy], axis=1)
        xy[:, heel_i] = np.stack([fx, fy], axis=1)
        xy[:, toe_i] = np.stack([fx, fy - 4.0], axis=1)
        xy[:, ankle_i] = np.stack([fx, fy - 0.07 * leg], axis=1)
        xy[:, knee_i] = (xy[:, hip_i] + xy[:, ankle_i]) / 2
    for i, sign in ((kp.LEFT_SHOULDER, -1.0), (kp.RIGHT_SHOULDER, 1.0)):
        xy[:, i] = (mid_x + sign * 110.0, hip_y - 0.75 * leg)
    xy[:, kp.NOSE] = (mid_x, hip_y - 0.95 * leg)
    vis = np.where(np.isfinite(xy[..., 0]), 0.9, np.nan)
    return PoseTrack(xy, vis, fps, 720, 1280)
