"""Where each cell came from: data, settings, versions and logs per row and scenario.

A number in the table is a mean over episodes of one scenario made by one model; a reader who
compares two of them needs to know that both came from the same data (generated split and seed,
or which file), the same rounds and template, the same scenario version. This lists it, from the
logs alone, for every (row, scenario) pair; the HTML table shows it on each cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from pydantic import BaseModel, Field

from muses.report._columns import scenario_label
from muses.report._episodes import LoadedLogs, RunInfo
from muses.report._settings import show

_DATA_KEYS = ("split", "seed", "users", "per_size")


class Provenance(BaseModel):
    """Where one row's episodes of one scenario came from."""

    row: str
    scenario: str
    data: str = Field(description="'file NAME' (path as given) or 'generated: split=..., seed=...'.")
    settings: dict[str, str] = Field(description="Other settings (rounds, template, version, ...); 'a | b' when merged.")
    episodes: int
    logs: list[str] = Field(description="Log file names.")
    statuses: list[str] = Field(description="Distinct log statuses (success, started, error, cancelled).")
    package_versions: list[str] = Field(default_factory=list)
    revisions: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """One line: scenario: data; settings; logs."""
        settings = ", ".join(f"{k}={v}" for k, v in self.settings.items())
        logs = ", ".join(self.logs)
        return f"{scenario_label(self.scenario)}: {self.data}; {settings}; {self.episodes} episodes from {logs}"


def _joined(values: Iterable[str]) -> str:
    return " | ".join(sorted(set(values)))


def _data(runs: list[RunInfo]) -> str:
    sources = []
    for run in runs:
        if run.params.get("data"):
            sources.append(f"file {run.params['data']}")
        else:
            given = ", ".join(f"{k}={show(run.settings[k])}" for k in _DATA_KEYS if run.settings.get(k) is not None)
            sources.append(f"generated: {given}" if given else "records in the task")
    return _joined(sources)


def _settings(runs: list[RunInfo]) -> dict[str, str]:
    names = sorted({k for run in runs for k in run.settings if k not in _DATA_KEYS and k != "data"})
    return {name: _joined(show(run.settings.get(name)) for run in runs) for name in names}


def provenance(logs: LoadedLogs) -> list[Provenance]:
    """One entry per (row, scenario) with episodes, in row order."""
    runs: dict[tuple[str, str], list[RunInfo]] = {}
    for run in logs.runs:
        runs.setdefault((run.label, run.scenario), []).append(run)
    counts: dict[tuple[str, str], int] = {}
    for ep in logs.episodes:
        counts[(ep.model, ep.scenario)] = counts.get((ep.model, ep.scenario), 0) + 1
    out = []
    for (row, scenario), found in sorted(runs.items()):
        out.append(
            Provenance(
                row=row, scenario=scenario, data=_data(found), settings=_settings(found),
                episodes=counts.get((row, scenario), 0), logs=sorted({PurePath(r.path).name for r in found}),
                statuses=sorted({r.status for r in found}),
                package_versions=sorted({r.package_version for r in found if r.package_version}),
                revisions=sorted({r.revision for r in found if r.revision}),
            )
        )  # fmt: skip
    return out
