"""Break-downs of one metric by model and a metadata key, and per-round curves, for the figures.

Rates count errored episodes as 0 (as in the table); counts such as turns leave them out, since
an episode that never ran has no number of turns. Per-round curves pad each episode to the
longest one with its last value (carry-forward): an episode that ended early keeps its final
state instead of vanishing from later rounds, which is the survivorship bias of the paper's Fig. 4.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from muses.protocol import TEMPLATES
from muses.report._episodes import Episode
from muses.report._settings import row_labels
from muses.report._stats import Estimate, estimate
from muses.scenarios import get_scenario, scenario_names


def group_orders() -> dict[str, tuple[str, ...]]:
    """Group order in figures per key: the templates', then each scenario's declared choices (attack,
    disclosure, ...); values not declared come after, alphabetically."""
    orders: dict[str, tuple[str, ...]] = {"template": TEMPLATES}
    for name in scenario_names():
        for key, options in get_scenario(name).params.choices.items():
            orders.setdefault(key, options)
    return orders

Breakdown = dict[str, dict[str, Estimate]]
"""model -> group value -> estimate."""


def sort_groups(groups: Iterable[str], key_name: str = "") -> list[str]:
    """Numbers numerically, known names in the paper's order, the rest alphabetically."""
    order = group_orders().get(key_name, ())

    def key(group: str) -> tuple[int, float, str]:
        if group.lstrip("-").isdigit():
            return (0, float(group), "")
        if group in order:
            return (1, float(order.index(group)), "")
        return (2, 0.0, group)

    return sorted(set(groups), key=key)


def regroup(episodes: list[Episode], ignore: Iterable[str]) -> list[Episode]:
    """Episodes relabelled as if the settings in ``ignore`` were equal (copies; the input is kept).

    A figure that breaks a metric down by a setting (template, attack, ...) shows each value
    apart anyway, so runs that differ only in that setting belong to one model there; rows that
    were merged (label equals the base label) stay merged.
    """
    skip = set(ignore)
    reduced = [(ep.base_model or ep.model, ep.scenario, {k: v for k, v in ep.settings.items() if k not in skip}) for ep in episodes]
    labels = row_labels(reduced)
    return [
        ep if ep.model == (ep.base_model or ep.model) else ep.model_copy(update={"model": label})
        for ep, label in zip(episodes, labels, strict=True)
    ]


def _value(ep: Episode, metric: str, rate: bool) -> float | None:
    if ep.values is None:
        return 0.0 if rate else None
    return ep.metric(metric)


def _group(ep: Episode, key: str) -> str | None:
    value: Any = ep.groups.get(key)
    return None if value is None else str(value)


def _estimates(cells: dict[str, dict[str, list[tuple[float, str, bool]]]]) -> Breakdown:
    """model -> group -> (value, cluster, errored) triples as estimates (errors counted)."""
    return {
        model: {
            group: estimate([v for v, _, _ in found], [c for _, c, _ in found], errors=sum(e for _, _, e in found))
            for group, found in groups.items()
        }
        for model, groups in sorted(cells.items())
    }


def breakdown(episodes: list[Episode], scenario: str, metric: str, key: str, rate: bool = True) -> Breakdown:
    """Estimate of ``metric`` per model and per value of metadata ``key`` (empty if none)."""
    cells: dict[str, dict[str, list[tuple[float, str, bool]]]] = {}
    for ep in episodes:
        group = _group(ep, key)
        value = _value(ep, metric, rate)
        if ep.scenario != scenario or group is None or value is None:
            continue
        cells.setdefault(ep.model, {}).setdefault(group, []).append((value, ep.base_id, ep.values is None))
    return _estimates(cells)


def breakdown2(episodes: list[Episode], scenario: str, metric: str, rows: str, cols: str) -> Breakdown:
    """Like ``breakdown`` over the pair of two keys, keyed 'row|col' (for heatmaps)."""
    cells: dict[str, dict[str, list[tuple[float, str, bool]]]] = {}
    for ep in episodes:
        first, second = _group(ep, rows), _group(ep, cols)
        value = _value(ep, metric, rate=True)
        if ep.scenario != scenario or first is None or second is None or value is None:
            continue
        cells.setdefault(ep.model, {}).setdefault(f"{first}|{second}", []).append((value, ep.base_id, ep.values is None))
    return _estimates(cells)


def _padded(series: list[float], length: int) -> list[float]:
    return series + [series[-1]] * (length - len(series)) if series else [0.0] * length


def round_curves(episodes: list[Episode], scenario: str, detail: str) -> dict[str, list[float]]:
    """Mean per round of a per-round detail list, per model, with carry-forward.

    Errored episodes count as 0 in every round, so the last point equals the table's value.
    """
    series: dict[str, list[list[float]]] = {}
    for ep in episodes:
        if ep.scenario != scenario:
            continue
        raw = ep.details.get(detail)
        if ep.values is not None and not (isinstance(raw, list) and raw):
            continue
        series.setdefault(ep.model, []).append([float(v) for v in raw] if ep.values is not None and raw else [])
    curves: dict[str, list[float]] = {}
    for model, lists in sorted(series.items()):
        length = max((len(s) for s in lists), default=0)
        if length == 0:  # every episode of the model errored: no curve (the table says error)
            continue
        padded = [_padded(s, length) for s in lists]
        curves[model] = [sum(column) / len(column) for column in zip(*padded, strict=True)]
    return curves
