"""The runner's charts, drawn from the eight-week journey logged through the real CLI.

The SVG is read back as a person would read the picture: a flare mark on the flare day, the
date axis spanning the logged days (not an empty quarter), phase bands with their titles,
plain titles without internal ids, and a weekly rise of +100 % marked on the load chart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app
from footfix.domain.result import PHASE_ORDER
from footfix.reports.charts import load_figure, progress_figure, render
from footfix.services.charts import load_chart, progress_chart
from footfix.services.weekly_load import LoadView, LoadWeek
from tests.cli_tracking.journey import DAYS, START, date_of

SVG = "{http://www.w3.org/2000/svg}"
FLARE_DAY = START + dt.timedelta(days=30)  # 6/10 with activity on the first hilly week
cli = CliRunner()


def footfix(*args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, f"footfix {' '.join(args)}\n{result.output}"
    return result.output


@pytest.fixture
def journey(cli_env: str) -> str:
    footfix("runner", "add", "mia", "--side", "left", "--severity", "moderate",
            "--start", START.isoformat())  # fmt: skip
    for offset, args in sorted(DAYS.items()):
        footfix("log", "--runner", "mia", "--date", date_of(offset), *args)
    return "mia"


def texts(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()).strip() for t in svg.iter(f"{SVG}text")]


def ids(svg: ET.Element) -> set[str]:
    return {e.get("id", "") for e in svg.iter()}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_progress_chart_marks_the_flare_day_and_fits_the_logged_days(
    journey: str, tmp_path: Path
) -> None:
    on = START + dt.timedelta(days=34)
    chart_file = tmp_path / "progress.svg"
    footfix("progress", "-r", journey, "--on", on.isoformat(), "--plot", str(chart_file))
    svg = ET.parse(chart_file).getroot()
    marks = {i for i in ids(svg) if i.startswith("flare-")}
    assert marks == {f"flare-{FLARE_DAY.isoformat()}"}
    words = texts(svg)
    assert "major flare" in words and "Pain and running, day by day" in words
    # every phase the runner went through is a titled band; no internal id anywhere
    for title in ("Rehabilitation without running", "Return to running on the flat"):
        assert title in words
    assert not [w for w in words if "_" in w or w in PHASE_ORDER]
    assert "Single-leg heel raises (reps), left" in words


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_chart_axis_spans_the_data_and_a_single_retest_stays_near_its_day(
    journey: str, tmp_path: Path
) -> None:
    from footfix.services import week_summary
    from footfix.services.identity import RunnerName, local_actor
    from footfix.services.store_access import open_store

    on = START + dt.timedelta(days=20)
    with open_store() as store:
        report = week_summary.overview(
            store, local_actor(store), RunnerName(journey), on, weeks=12
        ).report
    chart = progress_chart(report, "km", bone_stress=False)
    # twelve weeks were asked for, three were logged: the axis is those three, padded a day
    assert chart.first == START - dt.timedelta(days=1)
    assert chart.last == on + dt.timedelta(days=1)
    assert [d.flare for d in chart.days if d.flare] == []
    assert [b.title for b in chart.phases] == [
        "Rehabilitation without running",
        "Return to running on the flat",
    ]
    figure = progress_figure(chart)
    pain, _runs, retests = figure.axes
    low, high = pain.get_xlim()
    assert high - low == pytest.approx((chart.last - chart.first).days)
    assert retests.get_xlim() == (low, high)  # shared: the retests are not a 2025-2029 panel
    bottom, top = retests.get_ylim()
    assert bottom < 22 < top and top - bottom < 5


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_acceptable_pain_line_shows_only_where_the_phase_allows_loading_pain(
    journey: str,
) -> None:
    from footfix.services import week_summary
    from footfix.services.identity import RunnerName, local_actor
    from footfix.services.store_access import open_store

    with open_store() as store:
        report = week_summary.overview(
            store, local_actor(store), RunnerName(journey), START + dt.timedelta(days=20)
        ).report
    assert report.phase == "return_to_run_flat"

    def drawn(phase: str, bone_stress: bool) -> list[str]:
        chart = progress_chart(
            dataclasses.replace(report, phase=phase), "km", bone_stress=bone_stress
        )
        svg = ET.fromstring(render(progress_figure(chart), "svg"))
        return [w for w in texts(svg) if "/10" in w]

    assert drawn("return_to_run_flat", False) == ["3/10: fine to carry on running"]
    assert drawn("rehab_no_running", False) == ["3/10: fine for walking and the exercises"]
    # protecting the foot, or a bone stress injury: no pain with loading is fine
    assert drawn("protect_unload", False) == drawn("refer_first", False) == []
    assert drawn("return_to_run_flat", True) == []


def test_load_chart_highlights_a_doubled_week_and_keeps_bars_visible() -> None:
    weeks = [
        LoadWeek(
            week_start=dt.date(2026, 3, 2) + dt.timedelta(weeks=i),
            runs=3,
            distance=d,
            moving_h=d / 10,
            longest=lng,
            change_pct=c,
            hard_pct=None,
            ascent_m_per_km=5,
        )
        for i, (d, lng, c) in enumerate([(10.0, 5.0, None), (20.0, 9.0, 100), (18.0, 8.0, -10)])
    ]
    view = LoadView(runner="mia", units="km", activities=9, hard_known=False, weeks=weeks,
                    long_run_spikes=[], dynamics=[], other_sports=[])  # fmt: skip
    chart = load_chart(view)
    assert [w.spike for w in chart.weeks] == [False, True, False]
    figure = load_figure(chart)
    bars = figure.axes[0].patches
    assert [round(b.get_height(), 1) for b in bars] == [10.0, 20.0, 18.0]
    assert bars[1].get_facecolor() != bars[0].get_facecolor()
    svg = ET.fromstring(render(figure, "svg"))
    assert "spike-2026-03-09" in ids(svg)
    assert "+100 %" in texts(svg) and "Running per week" in texts(svg)
    low, high = figure.axes[0].get_xlim()
    assert high - low < 40  # three weeks, not a year


def test_the_same_chart_draws_the_same_svg_and_a_png() -> None:
    week = LoadWeek(week_start=dt.date(2026, 3, 2), runs=1, distance=5.0, moving_h=0.5,
                    longest=5.0, change_pct=None, hard_pct=None, ascent_m_per_km=0)  # fmt: skip
    weeks = [week]
    view = LoadView(runner=None, units="mi", activities=1, hard_known=True, weeks=weeks,
                    long_run_spikes=[], dynamics=[], other_sports=[])  # fmt: skip
    first = render(load_figure(load_chart(view)), "svg")
    assert first == render(load_figure(load_chart(view)), "svg")
    assert not re.search(rb"<dc:date>", first)
    assert render(load_figure(load_chart(view)), "png")[:8] == b"\x89PNG\r\n\x1a\n"
