"""How a scenario appears in reports: its Table 2 columns and its figures, declared as data.

A scenario declares these in its ``ScenarioSpec``; the report layer draws whatever the registered
scenarios declare, so adding a scenario never means editing the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Column:
    """One results-table column: a metric of the scenario that declares it."""

    key: str
    """Stable id (also the key of the paper's published numbers for the paper's columns)."""
    label: str
    """Header as printed."""
    metric: str
    """Name in ``EpisodeScore.values``."""
    higher_is_better: bool = True
    """Direction of the metric: the report marks the header ↑ (higher is better) or ↓."""
    headline: bool = True
    """The scenario's headline number: enters Avg (a comparability column does not)."""
    paper_key: str | None = None
    """The column of the paper's published Table 2 this one is comparable with (side-by-side)."""
    description: str = ""
    """One sentence saying what the number measures (the report's column legend and tooltip)."""


@dataclass(frozen=True)
class Panel:
    """One panel of a figure: a metric (or a per-round curve in score details) and its axis label."""

    metric: str
    label: str
    rate: bool = True
    """Values lie in [0, 1] (axis fixed to that range)."""
    higher_is_better: bool | None = None
    """Direction, marked on the axis. None: the direction of the scenario's column with the same
    metric, else higher-is-better for a rate; a count without a declared direction is labelled so."""


FigureKind = Literal["bars", "rounds", "heatmap", "by_size"]
"""bars: mean per group of ``key``; rounds: per-round curves from score details; heatmap: ``key`` x
``key2`` means; by_size: lines over the numeric ``key``, one per model (and per ``key2`` value)."""


@dataclass(frozen=True)
class FigureSpec:
    """A figure the report draws when the logs hold its scenario's data."""

    id: str
    title: str
    caption: str
    kind: FigureKind
    panels: tuple[Panel, ...]
    key: str = ""
    key2: str = ""
    order: float = 100.0
    """Position among all figures (the paper's figure number for the paper's figures)."""


@dataclass(frozen=True)
class EpisodeValues:
    """What a run-level metric sees of one scored episode: its cluster, groups and metric values."""

    base_id: str
    groups: dict[str, Any]
    values: dict[str, float]


@dataclass(frozen=True)
class RunValue:
    """A run-level number, how many units (pairs, clusters) it rests on, and what a reader must know."""

    value: float | None
    n: int
    note: str = ""


@dataclass(frozen=True)
class RunMetric:
    """A number that no single episode can score: it needs several (e.g. paired variants).

    The report computes it per row over that row's scored episodes of the scenario.
    """

    key: str
    label: str
    compute: Callable[[list[EpisodeValues]], RunValue]
    higher_is_better: bool = True
    description: str = ""
