"""The columns of the results table, collected from the registered scenarios' specs.

Each scenario declares its columns (``ScenarioSpec.columns``); the table, the paper comparison,
the LaTeX and the CSV read them from here, so a scenario that is absent from the logs simply
drops its columns and a new scenario brings its own without edits to the report. Directions
(higher or lower is better) come from the same declarations and are printed next to every
header and figure axis, so no reader has to guess whether a small number is good.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from muses.scenarios import Panel, get_scenario, scenario_names

UP, DOWN = "↑", "↓"
"""Direction markers: higher is better, lower is better."""


class Column(BaseModel):
    """One column of the table: a metric of one scenario."""

    key: str = Field(description="Stable id, also the paper data's key for the paper's columns.")
    label: str = Field(description="Header as printed (without the direction marker).")
    scenario: str
    metric: str
    higher_is_better: bool = True
    headline: bool = Field(default=True, description="The scenario's headline number (enters Avg).")
    paper_key: str | None = Field(default=None, description="Key of the paper's published column it compares with.")
    description: str = Field(default="", description="What the number measures, for the column legend.")

    @property
    def marker(self) -> str:
        """↑ or ↓."""
        return UP if self.higher_is_better else DOWN

    @property
    def title(self) -> str:
        """Header with its direction marker, e.g. 'Privacy ↑'."""
        return f"{self.label} {self.marker}"


def table_columns() -> tuple[Column, ...]:
    """Every registered scenario's columns, in registry order (the paper's Table 2 order first)."""
    columns: list[Column] = []
    for name in scenario_names():
        for column in get_scenario(name).columns:
            columns.append(
                Column(key=column.key, label=column.label, scenario=name, metric=column.metric,
                       higher_is_better=column.higher_is_better, headline=column.headline,
                       paper_key=column.paper_key, description=column.description)
            )  # fmt: skip
    return tuple(columns)


def panel_direction(scenario: str, panel: Panel) -> bool | None:
    """A figure panel's direction: declared, else its scenario's column of the same metric, else
    higher-is-better for a rate; None (not declared) for other quantities."""
    if panel.higher_is_better is not None:
        return panel.higher_is_better
    for column in table_columns():
        if column.scenario == scenario and column.metric == panel.metric:
            return column.higher_is_better
    return True if panel.rate else None


def direction_text(higher_is_better: bool | None) -> str:
    """'↑ higher is better', '↓ lower is better' or a note that no direction was declared."""
    if higher_is_better is None:
        return "no direction declared"
    return f"{UP} higher is better" if higher_is_better else f"{DOWN} lower is better"


def pass_rules() -> dict[str, tuple[str, ...]]:
    """Scenario -> metrics that must all be at their optimum (1) for an episode to count as a pass."""
    return {name: get_scenario(name).pass_metrics for name in scenario_names() if get_scenario(name).pass_metrics}


def scenario_label(name: str) -> str:
    """A scenario's human name ('access_control' -> 'Access control'); the raw name if unregistered."""
    return get_scenario(name).display_name if name in scenario_names() else name
