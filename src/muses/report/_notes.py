"""Warnings that say what the numbers are: unfinished logs, errors, missing standard errors, merges.

Every statement here is something a reader would otherwise have to discover by opening logs: a
log that never finished (status "started") holds only part of its episodes; a cell whose episodes
all errored is an error, not a 0; a standard error needs two clusters; merged settings make a
cell a mix. The report prints these above the table (HTML) and under it (Markdown, console).
"""

from __future__ import annotations

from pathlib import PurePath

from muses.report._columns import scenario_label
from muses.report._episodes import Episode, LoadedLogs, RunInfo
from muses.report._settings import describe, differing
from muses.report._table import ResultsTable

_STATUS = {
    "started": "never finished (status 'started': interrupted, killed or still running)",
    "error": "ended with an error",
    "cancelled": "was cancelled",
}


def _unfinished(runs: list[RunInfo]) -> list[str]:
    out = []
    for run in runs:
        if run.status in _STATUS:
            cause = f": {run.error}" if run.error else ""
            out.append(
                f"log {PurePath(run.path).name} ({run.task}, {run.model}) {_STATUS[run.status]}{cause}; "
                f"{run.samples} episode{'s' if run.samples != 1 else ''} read from it."
            )
    return out


def _errors(episodes: list[Episode]) -> list[str]:
    """Per row and scenario with errors: how many, and the first error message."""
    groups: dict[tuple[str, str], list[Episode]] = {}
    for ep in episodes:
        groups.setdefault((ep.model, ep.scenario), []).append(ep)
    out = []
    for (model, scenario), eps in sorted(groups.items()):
        failed = [ep for ep in eps if ep.error is not None]
        if not failed:
            continue
        share = "every episode" if len(failed) == len(eps) else f"{len(failed)} of {len(eps)} episodes"
        shown = "shown as 'error'" if len(failed) == len(eps) else "each counted as 0"
        out.append(f"{model} · {scenario_label(scenario)}: {share} errored ({shown}); first error: {failed[0].error}")
    return out


def _kinds(episodes: list[Episode]) -> str:
    counts: dict[str, int] = {}
    for ep in episodes:
        for issue in ep.turn_issues:
            kind = str(issue.get("kind", "?"))
            counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))


def _turn_issues(episodes: list[Episode]) -> list[str]:
    """Per row and scenario: model turns that were truncated, overflowed or returned error text."""
    groups: dict[tuple[str, str], list[Episode]] = {}
    for ep in episodes:
        if ep.turn_issues:
            groups.setdefault((ep.model, ep.scenario), []).append(ep)
    out = []
    for (model, scenario), eps in sorted(groups.items()):
        turns = sum(len(ep.turn_issues) for ep in eps)
        out.append(
            f"{model} · {scenario_label(scenario)}: {turns} model turn{'s' if turns > 1 else ''} did not end normally "
            f"in {len(eps)} episode{'s' if len(eps) > 1 else ''} ({_kinds(eps)}); the episode pages show which."
        )
    return out


def _single_cluster(table: ResultsTable) -> list[str]:
    cells = [
        f"{row.model} · {column.label} (n={cell.n})"
        for row in table.rows
        for column in table.columns
        if (cell := row.cells.get(column.key)) is not None and cell.se is None and not cell.all_errors
    ]
    if not cells:
        return []
    return [
        f"No standard error for {len(cells)} cell{'s' if len(cells) > 1 else ''} whose episodes come from a single "
        f"base scenario (a clustered standard error needs at least two): {'; '.join(cells)}."
    ]


def _merged(logs: LoadedLogs) -> list[str]:
    if not logs.merged:
        return []
    groups: dict[tuple[str, str], list[RunInfo]] = {}
    for run in logs.runs:
        groups.setdefault((run.label, run.scenario), []).append(run)
    out = []
    for (label, scenario), runs in sorted(groups.items()):
        keys = differing([r.settings for r in runs])
        if keys:
            values = " vs ".join(sorted({describe(r.settings, keys) for r in runs}))
            out.append(f"{label} · {scenario_label(scenario)} merges runs with different settings (as asked): {values}.")
    return out


def report_warnings(logs: LoadedLogs, table: ResultsTable) -> list[str]:
    """Everything about these logs a reader of the table must know, one sentence each."""
    out = _unfinished(logs.runs)
    if logs.runs and not logs.episodes:
        out.append("These logs hold no episodes: the table is empty.")
    return out + _errors(logs.episodes) + _turn_issues(logs.episodes) + _single_cluster(table) + _merged(logs)
