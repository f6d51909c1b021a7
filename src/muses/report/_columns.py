"""The columns of the results table, collected from the registered scenarios' specs.

Each scenario declares its columns (``ScenarioSpec.columns``); the table, the paper comparison,
the LaTeX and the CSV read them from here, so a scenario that is absent from the logs simply
drops its columns and a new scenario brings its own without edits to the report.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from muses.scenarios import get_scenario, scenario_names


class Column(BaseModel):
    """One column of the table: a metric of one scenario."""

    key: str = Field(description="Stable id, also the paper data's key for the paper's columns.")
    label: str = Field(description="Header as printed.")
    scenario: str
    metric: str
    higher_is_better: bool = True
    headline: bool = Field(default=True, description="The scenario's headline number (enters Avg).")
    paper_key: str | None = Field(default=None, description="Key of the paper's published column it compares with.")


def table_columns() -> tuple[Column, ...]:
    """Every registered scenario's columns, in registry order (the paper's Table 2 order first)."""
    columns: list[Column] = []
    for name in scenario_names():
        for column in get_scenario(name).columns:
            columns.append(
                Column(key=column.key, label=column.label, scenario=name, metric=column.metric,
                       higher_is_better=column.higher_is_better, headline=column.headline, paper_key=column.paper_key)
            )
    return tuple(columns)


def pass_rules() -> dict[str, tuple[str, ...]]:
    """Scenario -> metrics that must all be at their optimum (1) for an episode to count as a pass."""
    return {name: get_scenario(name).pass_metrics for name in scenario_names() if get_scenario(name).pass_metrics}


def scenario_label(name: str) -> str:
    """A scenario's human name ('access_control' -> 'Access control'); the raw name if unregistered."""
    return get_scenario(name).display_name if name in scenario_names() else name
