"""An exercise's picture as data: two key positions of a simple articulated body.

A clinician edits the angles in ``kb/exercises.yaml``; footfix draws the figure from them
(``footfix.knowledge.poses`` places the joints, ``footfix.reports.exercise_figure`` draws).
Every angle is in degrees and 0 everywhere is a person standing straight, arms by the sides.

Side view (the figure faces right; its left side is nearer the viewer):
  trunk    lean from upright: + forward (90 lying face down, -90 lying on the back)
  neck     + chin towards the chest
  hip      + flexion (thigh forward), - extension
  knee     + flexion
  ankle    + dorsiflexion (toes towards the shin), - pointing the foot
  toes     + extension (toes bent up)
  shoulder + flexion (arm forward; 180 overhead), - extension
  elbow    + flexion
Front view (the figure faces the viewer; its left is on the picture's right):
  trunk    + leans towards the figure's left;  hip, shoulder + abduction (out to the side)
  knee     + turns the shin back towards the midline;  ankle + inversion (sole turns in)
  elbow    + bends the forearm back towards the midline
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Angle = Annotated[float, Field(ge=-180, le=180)]

SEGMENTS = (
    "trunk",
    "head",
    *(
        f"{side}_{part}"
        for side in ("left", "right")
        for part in ("thigh", "shin", "foot", "toes", "upper_arm", "forearm")
    ),
)
Segment = Literal[
    "trunk",
    "head",
    "left_thigh",
    "left_shin",
    "left_foot",
    "left_toes",
    "left_upper_arm",
    "left_forearm",
    "right_thigh",
    "right_shin",
    "right_foot",
    "right_toes",
    "right_upper_arm",
    "right_forearm",
]
#: the body's named points, where props attach
Point = Literal[
    "pelvis",
    "mid_trunk",
    "neck",
    "head",
    "left_hip",
    "left_knee",
    "left_ankle",
    "left_heel",
    "left_ball",
    "left_toe",
    "left_shoulder",
    "left_elbow",
    "left_hand",
    "right_hip",
    "right_knee",
    "right_ankle",
    "right_heel",
    "right_ball",
    "right_toe",
    "right_shoulder",
    "right_elbow",
    "right_hand",
]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limb(_Data):
    """One side's joint angles (see the module's table for what + means)."""

    hip: Angle = 0
    knee: Angle = 0
    ankle: Angle = 0
    toes: Angle = 0
    shoulder: Angle = 0
    elbow: Angle = 0


class Pose(_Data):
    trunk: Angle = 0
    neck: Angle = 0
    left: Limb = Limb()
    right: Limb = Limb()
    # where the body is, in body heights / 100: the lowest point rests on the floor plus `lift`
    shift: Annotated[float, Field(ge=-80, le=80)] = 0  # + towards the picture's right
    lift: Annotated[float, Field(ge=0, le=40)] = 0  # off the floor (a hop)


class Prop(_Data):
    """Something the body uses: drawn plain, so the body stays the subject."""

    kind: Literal["ball", "roller", "wall", "band", "step"]
    at: Point
    # for ball and roller: which way from `at` it sits; for wall: which side of `at`
    side: Literal["below", "behind", "front"] = "below"
    to: Point | None = None  # a band runs from `at` to `to`
    at_end: Point | None = None  # where it sits in the end position, when the body rolls over it

    @model_validator(mode="after")
    def _band_has_two_ends(self) -> Prop:
        if (self.kind == "band") != (self.to is not None):
            raise ValueError("a band needs `to` (its other end); only a band takes `to`")
        return self


class Figure(_Data):
    view: Literal["side", "front"] = "side"
    start: Pose
    end: Pose
    moving: list[Segment] = Field(min_length=1)  # drawn highlighted, with their path
    # the points whose path gets an arrow; by default the free end of each moving chain
    arrows: list[Point] = Field(default_factory=list, max_length=3)
    props: list[Prop] = Field(default_factory=list)
    # the ground's gradient in degrees, + rising towards the picture's right (a hill); side view
    slope: Annotated[float, Field(ge=-20, le=20)] = 0
    caption: str | None = None  # one short line under the picture, e.g. "hold 30 s"
