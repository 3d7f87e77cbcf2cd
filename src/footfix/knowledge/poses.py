"""Where the joints of a posed body are: forward kinematics over ``pose_models.Pose``.

Model units: a body about 100 tall, x to the right, y up, the floor at y = 0. Pure arithmetic,
so the knowledge check can test every figure and the drawing code only draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from footfix.knowledge.pose_models import Figure, Limb, Pose, Prop

XY = tuple[float, float]

# segment lengths and thicknesses, in body heights / 100 (rounded adult proportions)
TRUNK, SHOULDER_AT, NECK_TO_HEAD, HEAD_R = 30.0, 27.0, 9.0, 6.5
THIGH, SHIN, UPPER_ARM, FOREARM = 24.0, 23.0, 16.0, 16.0
ANKLE_HEIGHT, HEEL_BACK, BALL_FORWARD, TOES = 3.0, 2.5, 9.0, 3.5
HIP_HALF_WIDTH, SHOULDER_HALF_WIDTH = 6.0, 9.0
WIDTH = {"trunk": 11.0, "thigh": 7.5, "shin": 5.5, "foot": 3.2, "toes": 2.6}
WIDTH |= {"upper_arm": 4.8, "forearm": 4.0}
BALL_R, ROLLER_R, STEP_HEIGHT = 5.0, 6.0, 8.0
SEGMENT_ORDER = ("thigh", "shin", "foot", "toes", "upper_arm", "forearm")


def _dir(phi: float) -> XY:
    """A unit vector at ``phi`` degrees: 0 points down, 90 forward (+x), 180 up."""
    r = math.radians(phi)
    return (math.sin(r), -math.cos(r))


def _add(p: XY, v: XY, k: float = 1.0) -> XY:
    return (p[0] + v[0] * k, p[1] + v[1] * k)


@dataclass(frozen=True)
class Bone:
    name: str  # a pose_models.Segment
    a: XY
    b: XY
    width: float
    far: bool = False  # the side away from the viewer (side view's right limbs)


@dataclass(frozen=True)
class PropShape:
    kind: str
    points: tuple[
        XY, ...
    ]  # ball/roller: (centre,); wall: (bottom, top); band: (a, b); step: 2 corners
    radius: float = 0.0


@dataclass
class Body:
    points: dict[str, XY] = field(default_factory=dict)
    bones: list[Bone] = field(default_factory=list)
    head_r: float = HEAD_R
    face: XY = (1.0, 0.0)  # the way the face looks

    def moved(self, dx: float, dy: float) -> Body:
        def mv(p: XY) -> XY:
            return (p[0] + dx, p[1] + dy)

        return Body(
            {k: mv(p) for k, p in self.points.items()},
            [Bone(b.name, mv(b.a), mv(b.b), b.width, b.far) for b in self.bones],
            self.head_r,
            self.face,
        )


def _limb(body: Body, side: str, limb: Limb, trunk_phi: float, view: str) -> None:
    # front view: the figure's left is on the picture's right, so its right limbs mirror
    sign = -1.0 if (view == "front" and side == "right") else 1.0
    far = view == "side" and side == "right"
    pts = body.points
    hip, shoulder = pts[f"{side}_hip"], pts[f"{side}_shoulder"]
    thigh_phi = trunk_phi - 180 + sign * limb.hip
    shin_phi = thigh_phi - sign * limb.knee
    knee = _add(hip, _dir(thigh_phi), THIGH)
    ankle = _add(knee, _dir(shin_phi), SHIN)
    if view == "side":
        foot_phi = shin_phi + 90 + limb.ankle
        down = _dir(foot_phi - 90)
        sole = _add(ankle, down, ANKLE_HEIGHT)
        heel = _add(sole, _dir(foot_phi), -HEEL_BACK)
        ball = _add(sole, _dir(foot_phi), BALL_FORWARD)
        toe = _add(ball, _dir(foot_phi + limb.toes), TOES)
    else:  # seen from the front the foot is short: a wedge turned out a little
        foot_phi = shin_phi + sign * (100 - limb.ankle)
        heel = _add(ankle, _dir(shin_phi), ANKLE_HEIGHT)
        ball = _add(heel, _dir(foot_phi), 5.0)
        toe = _add(ball, _dir(foot_phi + sign * limb.toes), 1.5)
    arm_phi = trunk_phi - 180 + sign * limb.shoulder
    elbow = _add(shoulder, _dir(arm_phi), UPPER_ARM)
    hand = _add(elbow, _dir(arm_phi + sign * limb.elbow), FOREARM)
    for name, p in (("knee", knee), ("ankle", ankle), ("heel", heel), ("ball", ball)):
        pts[f"{side}_{name}"] = p
    pts |= {f"{side}_toe": toe, f"{side}_elbow": elbow, f"{side}_hand": hand}
    joints = {
        "thigh": (hip, knee),
        "shin": (knee, ankle),
        "foot": (heel, ball),
        "toes": (ball, toe),
        "upper_arm": (shoulder, elbow),
        "forearm": (elbow, hand),
    }
    for part in SEGMENT_ORDER:
        a, b = joints[part]
        body.bones.append(Bone(f"{side}_{part}", a, b, WIDTH[part], far))


def place(pose: Pose, view: str) -> Body:
    """The body's points before it is put on the floor (pelvis at the origin)."""
    trunk_phi = 180 - pose.trunk
    up, across = _dir(trunk_phi), _dir(trunk_phi - 90)  # across: towards the figure's left
    pelvis: XY = (0.0, 0.0)
    neck = _add(pelvis, up, TRUNK)
    head_phi = trunk_phi - pose.neck
    head = _add(neck, _dir(head_phi), NECK_TO_HEAD)
    shoulders = _add(pelvis, up, SHOULDER_AT)
    body = Body()
    body.points = {"pelvis": pelvis, "mid_trunk": _add(pelvis, up, TRUNK / 2), "neck": neck}
    body.points["head"] = head
    half_hip = HIP_HALF_WIDTH if view == "front" else 0.0
    half_shoulder = SHOULDER_HALF_WIDTH if view == "front" else 0.0
    for side, k in (("left", 1.0), ("right", -1.0)):
        body.points[f"{side}_hip"] = _add(pelvis, across, k * half_hip)
        body.points[f"{side}_shoulder"] = _add(shoulders, across, k * half_shoulder)
    body.bones.append(Bone("trunk", pelvis, neck, WIDTH["trunk"]))
    body.bones.append(Bone("head", neck, head, 4.0))
    # the face looks forward from the head (side view) or out of the page (front view)
    body.face = _dir(head_phi - 90) if view == "side" else (0.0, 0.0)
    for side, limb in (("right", pose.right), ("left", pose.left)):
        _limb(body, side, limb, trunk_phi, view)
    return body


def _prop_shape(prop: Prop, body: Body, which: str) -> PropShape:
    at = body.points[prop.at_end if (which == "end" and prop.at_end) else prop.at]
    if prop.kind in {"ball", "roller"}:
        r = BALL_R if prop.kind == "ball" else ROLLER_R
        gap = r + 2.5  # the limb's half-thickness
        offset = {"below": (0.0, -gap), "behind": (-gap, 0.0), "front": (gap, 0.0)}[prop.side]
        return PropShape(prop.kind, (_add(at, offset),), r)
    if prop.kind == "wall":
        x = at[0] + (2.0 if prop.side != "behind" else -2.0)
        return PropShape("wall", ((x, 0.0), (x, 95.0)))
    if prop.kind == "band":
        assert prop.to is not None  # the model requires it for a band
        return PropShape("band", (at, body.points[prop.to]))
    top = at[1] - 2.0  # a step: the foot stands on its edge, the heel hangs free
    return PropShape("step", ((at[0] - 3.0, top - STEP_HEIGHT), (at[0] + 18.0, top)))


def ground(figure: Figure, x: float) -> float:
    """The height of the ground at ``x``: 0 on the flat, rising with the figure's slope."""
    return x * math.tan(math.radians(figure.slope))


def clearance(slope: float, p: XY, reach: float = 0.0) -> float:
    """How far above the ground a round shape of radius ``reach`` at ``p`` is, measured
    vertically (0: it just touches; a hill tilts the ground, so the touch is off-centre)."""
    k = math.tan(math.radians(slope))
    return p[1] - k * p[0] - reach * math.sqrt(1 + k * k)


def _lowest(body: Body, props: list[PropShape], slope: float, dx: float) -> float:
    def gap(p: XY, reach: float = 0.0) -> float:
        return clearance(slope, (p[0] + dx, p[1]), reach)

    ys = [min(gap(b.a, b.width / 2), gap(b.b, b.width / 2)) for b in body.bones]
    ys.append(gap(body.points["head"], body.head_r))
    for s in props:
        if s.kind in {"ball", "roller"}:
            ys.append(gap(s.points[0], s.radius))
        elif s.kind == "step":
            ys.append(gap(s.points[0]))
    return min(ys)


@dataclass(frozen=True)
class Placed:
    body: Body
    props: list[PropShape]


def posed(figure: Figure, which: str) -> Placed:
    """The start or end position resting on the floor, moved by its ``shift`` and ``lift``."""
    pose = figure.start if which == "start" else figure.end
    body = place(pose, figure.view)
    props = [_prop_shape(p, body, which) for p in figure.props]
    dy = pose.lift - _lowest(body, props, figure.slope, pose.shift)
    body = body.moved(pose.shift, dy)
    shapes = []
    for s in props:
        if s.kind == "wall":  # a wall stands on the floor whatever the body does
            shapes.append(
                PropShape(
                    "wall",
                    ((s.points[0][0] + pose.shift, 0.0), (s.points[1][0] + pose.shift, 95.0)),
                )
            )
        else:
            pts = tuple((x + pose.shift, y + dy) for x, y in s.points)
            shapes.append(PropShape(s.kind, pts, s.radius))
    return Placed(body, shapes)


def interpolate(figure: Figure, t: float) -> Placed:
    """A position ``t`` of the way from start to end (0..1): the path the moving parts take."""

    def mix(a: float, b: float) -> float:
        return a + (b - a) * t

    def limb(a: Limb, b: Limb) -> Limb:
        return Limb(**{k: mix(getattr(a, k), getattr(b, k)) for k in Limb.model_fields})

    s, e = figure.start, figure.end
    pose = Pose(
        trunk=mix(s.trunk, e.trunk),
        neck=mix(s.neck, e.neck),
        left=limb(s.left, e.left),
        right=limb(s.right, e.right),
        shift=mix(s.shift, e.shift),
        lift=mix(s.lift, e.lift),
    )
    return posed(figure.model_copy(update={"start": pose}), "start")


def point_path(figure: Figure, point: str, steps: int) -> list[XY]:
    """Where a named point goes from start to end, in ``steps`` equal parts."""
    return [interpolate(figure, i / steps).body.points[point] for i in range(steps + 1)]


def bone(placed: Placed, name: str) -> Bone:
    return next(b for b in placed.body.bones if b.name == name)


def travel(figure: Figure, segment: str) -> float:
    """How far a moving segment goes between start and end: the further of its two ends
    (a thigh pivoting on a kneeling knee moves at the hip)."""
    a, b = bone(posed(figure, "start"), segment), bone(posed(figure, "end"), segment)
    return max(math.dist(a.a, b.a), math.dist(a.b, b.b))
