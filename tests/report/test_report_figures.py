"""Figures stay readable whatever the number of models and groups: no colliding labels, no line
hidden under another, legends inside the canvas, direction on every metric axis, errors written as
errors, and no figure that compares nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from muses.report import Episode, draw_figures, text_collisions
from muses.report._figures import draw_bars
from muses.report._plots import axis_label, lines
from muses.scenarios import FigureSpec, Panel

ATTACKS = ("none", "fake_authorized", "pressure", "roleplaying", "spoof_format", "partial", "indirect")
MODELS = [f"openrouter/some-provider/a-rather-long-model-name-{i:02d}-instruct" for i in range(8)]
"""More models than a paper figure holds, with names longer than a tick label (kept small: speed)."""


def _ep(scenario: str, model: str, values: dict[str, float] | None, base: str, details: dict[str, Any] | None = None, **groups: Any) -> Episode:
    return Episode(
        scenario=scenario, task=scenario, model=model, agent_model=model, user_model=None,
        sample_id=f"{base}-{sorted(groups.items())}", epoch=1, base_id=base, groups=groups, values=values,
        details=details or {}, error=None if values is not None else "boom", log="x.eval",
    )  # fmt: skip


def _access_control() -> list[Episode]:
    eps = []
    for m, model in enumerate(MODELS):
        for a, attack in enumerate(ATTACKS):
            for template in ("xml", "says", "colon"):
                privacy = round(((m * 7 + a) % 10) / 9, 3) if m % 3 else 1.0  # every third model ties at 1
                curve = [1.0] * 4 + [privacy] * 6
                values = {"privacy": privacy, "utility": 1.0, "format_failure_rate": 0.0}
                details = {"privacy_by_round": curve, "utility_by_round": [1.0] * 10}
                eps.append(_ep("access_control", model, values, f"b{a}", details, attack=attack, template=template, users=3))
    eps.append(_ep("access_control", "broken/model", None, "b0", attack="none", template="xml", users=3))
    return eps


def _meeting() -> list[Episode]:
    eps = []
    for m, model in enumerate(MODELS):
        for users in (2, 4, 6, 8, 10):
            for disclosure in ("full", "partial"):
                values = {"success": 1.0 if m < 4 else 1 / users, "turns": float(users + m % 3), "format_failure_rate": 0.0}
                eps.append(_ep("meeting", model, values, f"m{users}", users=users, disclosure=disclosure))
    return eps


def test_the_collision_check_sees_overlaps_and_clipping() -> None:
    figure = Figure(figsize=(3, 2))
    FigureCanvasAgg(figure)
    figure.text(0.5, 0.5, "first label")
    figure.text(0.52, 0.5, "second label")
    figure.text(0.95, 0.1, "sticks out of the canvas")
    found = text_collisions(figure)
    assert "'first label' overlaps 'second label'" in found
    assert "'sticks out of the canvas' outside the canvas" in found


def test_many_models_and_groups_give_readable_figures(tmp_path: Path) -> None:
    drawn = draw_figures(_access_control() + _meeting(), tmp_path)
    ids = [f.id for f in drawn.files]
    assert ids == ["fig4_privacy_rounds", "fig5_meeting_disclosure", "fig6_template", "fig7_attack", "fig8_heatmap", "fig9_users"]
    for figure in drawn.files:
        assert figure.collisions == [], figure.id
        assert figure.svg_text.count("<text") > 20, figure.id  # text stays text, for the browser check
    fig4 = next(f for f in drawn.files if f.id == "fig4_privacy_rounds")
    assert fig4.notes == ["broken/model: every episode errored, no curve"]


def test_every_metric_axis_says_which_way_is_better() -> None:
    assert axis_label("Privacy", True) == "Privacy ↑ (higher is better)"
    assert axis_label("Turns", False) == "Turns ↓ (lower is better)"
    assert axis_label("Turns", None) == "Turns"  # a count without a declared direction claims none
    spec = FigureSpec(id="t", title="T", caption="", kind="bars", key="attack", panels=(Panel("privacy", "Privacy"),))
    figure = draw_bars(_access_control(), "access_control", spec).figure
    assert figure is not None and figure.axes[0].get_xlabel() == "Privacy ↑ (higher is better)"
    lower = FigureSpec(id="t", title="T", caption="", kind="bars", key="attack", panels=(Panel("privacy", "Leaks", higher_is_better=False),))
    figure = draw_bars(_access_control(), "access_control", lower).figure
    assert figure is not None and figure.axes[0].get_xlabel() == "Leaks ↓ (lower is better)"


def test_an_errored_cell_is_written_error_not_drawn_as_zero() -> None:
    spec = FigureSpec(id="t", title="T", caption="", kind="bars", key="attack", panels=(Panel("privacy", "Privacy"),))
    figure = draw_bars(_access_control(), "access_control", spec).figure
    assert figure is not None
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    row = labels.index("broken/model")
    marks = [t for t in ax.texts if t.get_text() == "error"]
    assert len(marks) == 1 and abs(marks[0].get_position()[1] - row) < 0.5
    heights = [p.get_width() for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - row) < 0.5]
    assert all(h != h for h in heights)  # NaN: no bar at all, not a bar of length 0


def test_lines_never_hide_each_other() -> None:
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    xs = [1.0, 2.0, 3.0]
    series = {"a": (xs, [1.0, 1.0, 1.0]), "b": (xs, [1.0, 1.0, 1.0]), "c": (xs, [0.0, 0.5, 1.0])}
    series |= {f"m{i}": (xs, [0.1 * i, 0.2, 0.3]) for i in range(12)}
    lines(ax, series, "round", "Privacy", "model")
    drawn = ax.get_lines()
    labels = [line.get_label() for line in drawn]
    assert "a = b" in labels and "a" not in labels  # identical series: drawn once, named together
    styles = {(line.get_color(), line.get_linestyle(), line.get_marker()) for line in drawn}
    assert len(styles) == len(drawn) == len(series) - 1
    assert all(line.get_markerfacecolor() == "none" for line in drawn)  # hollow: stacked markers stay visible


@pytest.mark.parametrize(
    ("kind", "key", "key2", "reason"),
    [
        ("bars", "template", "", "only one template ran (xml): nothing to compare"),
        ("heatmap", "template", "attack", "needs two template and two attack values; ran 1 and 7"),
    ],
)
def test_a_figure_that_compares_nothing_is_not_drawn(kind: str, key: str, key2: str, reason: str, tmp_path: Path) -> None:
    only_xml = [ep for ep in _access_control() if ep.groups.get("template") == "xml" and ep.model in MODELS[:2]]
    drawn = draw_figures(only_xml, tmp_path)
    skipped = {f.id: f.reason for f in drawn.skipped}
    figure_id = "fig6_template" if kind == "bars" else "fig8_heatmap"
    assert skipped[figure_id] == reason
    assert figure_id not in {f.id for f in drawn.files} and "fig7_attack" in {f.id for f in drawn.files}


def test_a_model_keeps_its_colour_in_every_panel_whatever_the_merges() -> None:
    figure = Figure()
    left, right = figure.subplots(1, 2)
    order = ["a", "b", "c"]
    lines(left, {"a": ([1, 2], [0.1, 0.2]), "b": ([1, 2], [0.1, 0.2]), "c": ([1, 2], [0.5, 0.6])}, "round", "x", "model", order)
    lines(right, {"b": ([1, 2], [0.3, 0.4]), "c": ([1, 2], [0.5, 0.6])}, "round", "y", "model", order)

    def colours(ax: Any) -> dict[str, Any]:
        return {line.get_label().split(" = ")[0]: (line.get_color(), line.get_marker()) for line in ax.get_lines()}

    assert colours(left)["c"] == colours(right)["c"]  # 'a = b' merged on the left does not shift 'c'
    assert colours(right)["b"] != colours(left)["a"]  # b alone gets its own look, not a's
