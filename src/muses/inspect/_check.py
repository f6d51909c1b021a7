"""`muses check`: prove every metric is bracketed (oracle at the optimum, baselines where they must be).

Runs each scenario's built-in participants on the quick split and compares each metric's mean
with the bounds the scenario declares (``ScenarioSpec.checks``). Like agentdojo's suite check and
inspect_evals' gold solvers: a scorer that cannot tell the oracle from a trivial baseline is broken.
"""

from __future__ import annotations

from pydantic import BaseModel

from muses.inspect._run import RunConfig, make_task, run_tasks
from muses.report._summary import summarize
from muses.scenarios._registry import get_scenario, scenario_names


class CheckResult(BaseModel):
    """One bound checked: participant x scenario x metric."""

    scenario: str
    participant: str
    metric: str
    value: float | None
    low: float
    high: float

    @property
    def ok(self) -> bool:
        """Within bounds (with a small tolerance for floating point)."""
        return self.value is not None and self.low - 1e-9 <= self.value <= self.high + 1e-9

    def line(self) -> str:
        """One line for the console."""
        value = "missing" if self.value is None else f"{self.value:.3f}"
        bound = f"{self.low:.3f}" if self.low == self.high else f"[{self.low:.3f}, {self.high:.3f}]"
        return f"{'ok  ' if self.ok else 'FAIL'} {self.scenario:<16} muses/{self.participant:<14} {self.metric:<22} {value} (expected {bound})"


def check_scenario(name: str, config: RunConfig) -> list[CheckResult]:
    """Run every participant named in the scenario's checks and compare with the bounds."""
    spec = get_scenario(name)
    participants = sorted({bound.participant for bound in spec.checks})
    logs = run_tasks([make_task(name, config)], config, models=[f"muses/{p}" for p in participants])
    means: dict[tuple[str, str], float | None] = {}
    for log in logs:
        for row in summarize(log):
            means[(row.model.split("/", 1)[1], row.metric)] = row.mean if row.errors == 0 else None
    return [
        CheckResult(
            scenario=name,
            participant=b.participant,
            metric=b.metric,
            value=means.get((b.participant, b.metric)),
            low=b.low,
            high=b.high,
        )
        for b in spec.checks
    ]


def check(config: RunConfig) -> list[CheckResult]:
    """Check every requested scenario (default: all)."""
    results: list[CheckResult] = []
    for name in config.scenarios or scenario_names():
        results.extend(check_scenario(name, config))
    return results
