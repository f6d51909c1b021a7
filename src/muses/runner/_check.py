"""`muses check`: prove every metric is bracketed (oracle at the optimum, baselines where they must be).

Runs each scenario's built-in participants on the quick split and compares each metric's mean
with the bounds the scenario declares (``ScenarioSpec.checks``). Like agentdojo's suite check and
inspect_evals' gold solvers: a scorer that cannot tell the oracle from a trivial baseline is broken.

Scenarios may also declare ``paper_checks``: bounds on the paper's own data (imported from the
paper-data directory, ``$MUSES_PAPER_DATA`` or ``../shared/paper-data``), proving that our importer
and scorer reproduce the published baseline numbers. Without that directory they are skipped with
a one-line note.
"""

from __future__ import annotations

import os
from pathlib import Path

from inspect_ai.log import EvalLog
from pydantic import BaseModel

from muses.inspect import build_task
from muses.report._summary import summarize
from muses.runner._config import RunConfig
from muses.runner._eval import run_tasks
from muses.runner._plan import make_task
from muses.scenarios import MetricBound, get_scenario, scenario_names

PAPER_DATA_ENV = "MUSES_PAPER_DATA"


class CheckResult(BaseModel):
    """One bound checked: participant x scenario x metric."""

    scenario: str
    participant: str
    metric: str
    value: float | None
    low: float
    high: float
    data: str = ""
    """The paper file the bound was checked on ('' = the generated quick split)."""

    @property
    def ok(self) -> bool:
        """Within bounds (with a small tolerance for floating point)."""
        return self.value is not None and self.low - 1e-9 <= self.value <= self.high + 1e-9

    def line(self) -> str:
        """One line for the console."""
        value = "missing" if self.value is None else f"{self.value:.3f}"
        bound = f"{self.low:.3f}" if self.low == self.high else f"[{self.low:.3f}, {self.high:.3f}]"
        where = f" on paper data {self.data}" if self.data else ""
        return f"{'ok  ' if self.ok else 'FAIL'} {self.scenario:<16} muses/{self.participant:<14} {self.metric:<22} {value} (expected {bound}){where}"


def paper_data_dir() -> Path | None:
    """The paper's data directory: ``$MUSES_PAPER_DATA``, else ``../shared/paper-data`` beside the
    working directory or beside the repository; None when none of them exists."""
    env = os.environ.get(PAPER_DATA_ENV)
    repo = Path(__file__).resolve().parents[3]
    beside = [Path.cwd().parent, repo.parent]
    candidates = [Path(env)] if env else [root / "shared" / "paper-data" for root in beside]
    return next((path.resolve() for path in candidates if path.is_dir()), None)


def _means(logs: list[EvalLog]) -> dict[tuple[str, str], float | None]:
    """(participant, metric) -> mean, or None when a sample errored."""
    means: dict[tuple[str, str], float | None] = {}
    for log in logs:
        for row in summarize(log):
            means[(row.model.split("/", 1)[1], row.metric)] = row.mean if row.errors == 0 else None
    return means


def _results(
    name: str, bounds: list[MetricBound], means: dict[tuple[str, str], float | None], data: str = ""
) -> list[CheckResult]:
    return [
        CheckResult(scenario=name, participant=b.participant, metric=b.metric,
                    value=means.get((b.participant, b.metric)), low=b.low, high=b.high, data=data)
        for b in bounds
    ]


def check_scenario(name: str, config: RunConfig) -> list[CheckResult]:
    """Run every participant named in the scenario's checks and compare with the bounds."""
    spec = get_scenario(name)
    participants = sorted({bound.participant for bound in spec.checks})
    logs = run_tasks([make_task(name, config)], config, models=[f"muses/{p}" for p in participants])
    return _results(name, list(spec.checks), _means(logs))


def check_paper(name: str, config: RunConfig, root: Path) -> list[CheckResult]:
    """Run the scenario's paper checks on its imported paper files (a missing file fails its bounds)."""
    spec = get_scenario(name)
    by_file: dict[str, list[MetricBound]] = {}
    for relative, bound in spec.paper_checks:
        by_file.setdefault(relative, []).append(bound)
    results: list[CheckResult] = []
    for relative, bounds in by_file.items():
        path = root / relative
        if not path.is_file() or spec.import_paper is None:
            results.extend(_results(name, bounds, {}, relative))
            continue
        records = spec.import_paper(str(path))
        task = build_task(name, records if config.limit is None else records[: config.limit])
        participants = sorted({b.participant for b in bounds})
        logs = run_tasks([task], config, models=[f"muses/{p}" for p in participants])
        results.extend(_results(name, bounds, _means(logs), relative))
    return results


def check(config: RunConfig) -> list[CheckResult]:
    """Check every requested scenario (default: all), plus paper checks when the paper's data is present."""
    names = config.scenarios or scenario_names()
    root = paper_data_dir()
    results: list[CheckResult] = []
    for name in names:
        missing = get_scenario(name).missing_requirement()
        if missing:
            print(f"note: skipping {name}: {missing}")
            continue
        results.extend(check_scenario(name, config))
        if root is not None and get_scenario(name).paper_checks:
            results.extend(check_paper(name, config, root))
    skipped = sum(len(get_scenario(name).paper_checks) for name in names) if root is None else 0
    if skipped:
        print(f"note: paper data not found (set ${PAPER_DATA_ENV} or put it at ../shared/paper-data); "
              f"skipped {skipped} paper comparability check(s)")
    return results
