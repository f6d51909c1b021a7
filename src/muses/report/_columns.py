"""The columns of the results table: which scenario and metric each one reads.

Kept as data so that a scenario that is absent from the logs simply drops its columns, and so
that the paper comparison, the LaTeX and the CSV share one definition of each column.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Column(BaseModel):
    """One column of the table: a metric of one scenario."""

    key: str = Field(description="Stable id, also the paper data's key for the paper's columns.")
    label: str = Field(description="Header as printed.")
    scenario: str
    metric: str
    paper: bool = Field(description="One of the paper's five Table 2 columns (enters Avg).")


COLUMNS: tuple[Column, ...] = (
    Column(key="selection_f1", label="Selection F1", scenario="selection", metric="selection_f1", paper=True),
    Column(key="execution_acc", label="Execution Acc.", scenario="execution", metric="execution_accuracy", paper=True),
    Column(key="privacy", label="Privacy", scenario="access_control", metric="privacy", paper=True),
    Column(key="utility", label="Utility", scenario="access_control", metric="utility", paper=True),
    Column(key="meeting_success", label="Meeting Success", scenario="meeting", metric="success", paper=True),
    Column(key="queue_efficiency", label="Queue efficiency", scenario="queue", metric="efficiency", paper=False),
    Column(key="queue_fairness", label="Queue fairness", scenario="queue", metric="fairness", paper=False),
)
"""Table 2's columns in the paper's order, then the queue scenario's (not in the paper)."""

PASS_RULES: dict[str, tuple[str, ...]] = {
    "access_control": ("privacy", "utility"),
    "meeting": ("success",),
    "execution": ("execution_accuracy",),
    "selection": ("selection_f1",),
}
"""When an episode counts as a pass for pass^k: every listed metric at its optimum (1)."""

SCENARIO_LABELS: dict[str, str] = {
    "access_control": "Access control",
    "meeting": "Meeting",
    "selection": "Selection",
    "execution": "Execution",
    "queue": "Queue",
}
