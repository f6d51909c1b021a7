"""The paper's Table 2 rebuilt from logs, fixing its inconsistencies.

One row per agent model (and per settings, see ``_settings``). Every column is a mean over *all*
episodes of its scenario with the clustered standard error and n: errored episodes count as
failures (0) instead of dropping out, and every cell says how many of its n errored; a cell whose
episodes all errored is an error, never a measured 0. Format failures are already failures in
each scenario's metrics and are also reported in their own column, so a low score can be told
apart from a broken run.

Avg is the mean of the row's headline columns (``Column.headline``) among the N headline columns
of the table; a row with only k of them shows "(k/N)", and a cell that is all errors does not
enter it (the row then has fewer columns, which the suffix shows).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from muses.report._columns import DOWN, UP, Column, table_columns
from muses.report._episodes import Episode
from muses.report._stats import Estimate, estimate


class TableRow(BaseModel):
    """One model's row."""

    model: str
    cells: dict[str, Estimate] = Field(description="Column key -> estimate (columns the row has).")
    avg: float | None = Field(description="Mean of the headline columns present in this row.")
    avg_of: int = Field(description="How many headline columns entered Avg.")
    episodes: int
    errors: int = Field(description="Episodes whose sample errored (counted as failures).")
    turn_issues: int = Field(
        default=0, description="Turns that did not end normally (cut at max_tokens, context overflow, error text, "
        "a user reply the guard changed); never delivered as speech."
    )
    format_failure: Estimate = Field(description="Share of agent turns that broke the format (scored episodes).")


class ResultsTable(BaseModel):
    """The table: the columns present in any row, and the rows."""

    columns: list[Column]
    rows: list[TableRow]

    @property
    def headline(self) -> list[Column]:
        """The table's headline columns: those Avg is taken over."""
        return [c for c in self.columns if c.headline]


def _cell(column: Column, episodes: list[Episode]) -> Estimate | None:
    triples = [
        (value, ep.base_id, ep.values is None)
        for ep in episodes
        if ep.scenario == column.scenario
        and (value := ep.metric(column.metric, 0.0 if column.higher_is_better else None)) is not None
    ]
    if not triples:
        return None
    return estimate([v for v, _, _ in triples], [c for _, c, _ in triples], errors=sum(e for _, _, e in triples))


def _row(model: str, episodes: list[Episode]) -> TableRow:
    cells = {c.key: cell for c in table_columns() if (cell := _cell(c, episodes)) is not None}
    headline = [cells[c.key] for c in table_columns() if c.headline and c.key in cells]
    means = [cell.mean for cell in headline if cell.mean is not None and not cell.all_errors]
    scored = [ep for ep in episodes if ep.values is not None and "format_failure_rate" in ep.values]
    return TableRow(
        model=model,
        cells=cells,
        avg=sum(means) / len(means) if means else None,
        avg_of=len(means),
        episodes=len(episodes),
        errors=sum(ep.error is not None for ep in episodes),
        turn_issues=sum(len(ep.turn_issues) for ep in episodes),
        format_failure=estimate([ep.values["format_failure_rate"] for ep in scored if ep.values], [ep.base_id for ep in scored]),
    )


def build_table(episodes: list[Episode]) -> ResultsTable:
    """Aggregate episodes into one row per model label (rows sorted by label)."""
    by_model: dict[str, list[Episode]] = {}
    for ep in episodes:
        by_model.setdefault(ep.model, []).append(ep)
    rows = [_row(model, eps) for model, eps in sorted(by_model.items())]
    present = {key for row in rows for key in row.cells}
    return ResultsTable(columns=[c for c in table_columns() if c.key in present], rows=rows)


def pct(value: float | None, digits: int = 1) -> str:
    """A fraction in percent, or '–'."""
    return "–" if value is None else f"{100 * value:.{digits}f}"


def cell_parts(cell: Estimate | None) -> tuple[str, str] | None:
    """(value, note) of a cell, e.g. ('75.0 ± 18.8', 'n=4, 1 error'); None when there is no cell."""
    if cell is None or cell.mean is None:
        return None
    if cell.all_errors:
        return "error", f"{cell.errors}/{cell.n} errored"
    value = pct(cell.mean) if cell.se is None else f"{pct(cell.mean)} ± {pct(cell.se)}"
    notes = [f"n={cell.n}"]
    if cell.se is None:
        notes.append(f"{cell.clusters} cluster: no SE")
    if cell.errors:
        notes.append(f"{cell.errors} error{'s' if cell.errors > 1 else ''} as 0")
    return value, ", ".join(notes)


def format_cell(cell: Estimate | None, with_n: bool = True) -> str:
    """'97.5 ± 1.0 (n=42)' in percent; 'error (4/4 errored)'; '100.0 (n=3, 1 cluster: no SE)'; or '–'."""
    parts = cell_parts(cell)
    if parts is None:
        return "–"
    value, note = parts
    return f"{value} ({note})" if with_n or value == "error" else value


def format_avg(table: ResultsTable, row: TableRow) -> str:
    """Avg in percent, with '(k/N)' when the row has only k of the table's N headline columns."""
    if row.avg is None:
        return "–"
    total = len(table.headline)
    return pct(row.avg) if row.avg_of == total else f"{pct(row.avg)} ({row.avg_of}/{total})"


def format_errors(row: TableRow) -> str:
    """'k/N' errored episodes, and the turns that did not end normally when there were any."""
    issues = f" ({row.turn_issues} turn issue{'s' if row.turn_issues != 1 else ''})" if row.turn_issues else ""
    return f"{row.errors}/{row.episodes}{issues}"


def avg_definition(table: ResultsTable) -> str:
    """The sentence that defines Avg for this table, naming its columns."""
    names = ", ".join(c.label for c in table.headline) or "none"
    return (
        f"Avg {UP} = mean of the row's headline columns ({names}); a row with only k of these "
        f"{len(table.headline)} shows (k/{len(table.headline)}), and a column whose episodes all errored "
        "does not enter it."
    )


def header(table: ResultsTable) -> list[str]:
    """Column headers shared by every rendering, each with its direction marker."""
    return ["Model", *[c.title for c in table.columns], f"Avg {UP}", f"Errors {DOWN}", f"Format fail. % {DOWN}"]


def cells(table: ResultsTable, row: TableRow) -> list[str]:
    """One row's printed cells, in header order."""
    return [
        row.model,
        *[format_cell(row.cells.get(c.key)) for c in table.columns],
        format_avg(table, row),
        format_errors(row),
        pct(row.format_failure.mean),
    ]
