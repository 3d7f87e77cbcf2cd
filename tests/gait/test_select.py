"""Choosing the runner from motion blobs, without any video."""

from __future__ import annotations

import pytest

from footfix.gait.motion import FrameMotion
from footfix.gait.select import choose_track, crop_boxes, link_tracks


def _scene(n: int = 120) -> list[FrameMotion]:
    frames = []
    for i in range(n):
        jumper = (550.0, 40.0, 700.0, 400.0)  # moves on the spot, upper left
        x = 1600.0 - 10.0 * i  # walker crossing the lower half
        walker = (x, 500.0, x + 200.0, 980.0)
        frames.append(FrameMotion((jumper, walker), 0.05))
    return frames


def test_the_person_travelling_along_the_lane_wins() -> None:
    tracks = link_tracks(_scene())
    chosen = choose_track(tracks, 1768, 994)
    assert chosen is not None
    first = chosen.boxes[min(chosen.boxes)]
    assert first[1] == 500.0  # the walker


def test_box_overrides_the_choice() -> None:
    tracks = link_tracks(_scene())
    chosen = choose_track(tracks, 1768, 994, user_box=(540.0, 20.0, 720.0, 420.0))
    assert chosen is not None
    assert chosen.boxes[min(chosen.boxes)][1] == 40.0


def test_crops_follow_the_track_and_stay_inside_the_frame() -> None:
    tracks = link_tracks(_scene())
    chosen = choose_track(tracks, 1768, 994)
    assert chosen is not None
    crops = crop_boxes(chosen, 120, 1768, 994)
    boxes = [c for c in crops if c is not None]
    assert len(boxes) == 120
    for x, y, w, h in boxes:
        assert x >= 0 and y >= 0 and x + w <= 1768 and y + h <= 994
    assert boxes[0][0] > boxes[-1][0]  # moves left with the walker


def test_two_people_alike_without_a_box_is_refused() -> None:
    from footfix.gait.errors import SeveralPeopleError
    from footfix.gait.pipeline import select_runner

    # two joggers of the same size crossing the frame side by side in two lanes
    frames = []
    for i in range(120):
        x = 20.0 + 8 * i
        frames.append(
            FrameMotion(((x, 100.0, x + 60, 300.0), (x + 10, 500.0, x + 70, 700.0)), 0.05)
        )
    with pytest.raises(SeveralPeopleError) as err:
        select_runner(1280, 720, frames, None)
    assert "--box" in err.value.message
    # with a box, the chosen person is analysed
    chosen = select_runner(1280, 720, frames, (0, 450, 1280, 300))
    assert all(c is None or c[1] > 250 for c in chosen.crops)
