"""The paper's Table 2 rebuilt from logs, fixing its inconsistencies, as Markdown, CSV and LaTeX.

One row per agent model. Every column is a mean over *all* episodes of its scenario with the
clustered standard error and n: errored episodes count as failures (0) instead of dropping out,
format failures are already failures in each scenario's metrics, and both are also reported in
their own columns so a low score can be told apart from a broken run. Avg is the mean of the
paper's five columns the row has, and says how many it had.
"""

from __future__ import annotations

import csv
import io

from pydantic import BaseModel, Field

from muses.report._columns import Column, table_columns
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
    format_failure: Estimate = Field(description="Share of agent turns that broke the format (scored episodes).")


class ResultsTable(BaseModel):
    """The table: the columns present in any row, and the rows."""

    columns: list[Column]
    rows: list[TableRow]


def _row(model: str, episodes: list[Episode]) -> TableRow:
    cells: dict[str, Estimate] = {}
    for column in table_columns():
        pairs = [
            (value, ep.base_id)
            for ep in episodes
            if ep.scenario == column.scenario and (value := ep.metric(column.metric)) is not None
        ]
        if pairs:
            cells[column.key] = estimate([v for v, _ in pairs], [c for _, c in pairs])
    headline = [cells[c.key].mean for c in table_columns() if c.headline and c.key in cells]
    means = [m for m in headline if m is not None]
    scored = [ep for ep in episodes if ep.values is not None and "format_failure_rate" in ep.values]
    return TableRow(
        model=model,
        cells=cells,
        avg=sum(means) / len(means) if means else None,
        avg_of=len(means),
        episodes=len(episodes),
        errors=sum(ep.error is not None for ep in episodes),
        format_failure=estimate([ep.values["format_failure_rate"] for ep in scored if ep.values], [ep.base_id for ep in scored]),
    )


def build_table(episodes: list[Episode]) -> ResultsTable:
    """Aggregate episodes into one row per model (rows sorted by model name)."""
    by_model: dict[str, list[Episode]] = {}
    for ep in episodes:
        by_model.setdefault(ep.model, []).append(ep)
    rows = [_row(model, eps) for model, eps in sorted(by_model.items())]
    present = {key for row in rows for key in row.cells}
    return ResultsTable(columns=[c for c in table_columns() if c.key in present], rows=rows)


def _pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{100 * value:.{digits}f}"


def format_cell(cell: Estimate | None, with_n: bool = True) -> str:
    """'97.5 ± 1.0 (n=42)' in percent, or '–'."""
    if cell is None or cell.mean is None:
        return "–"
    text = f"{_pct(cell.mean)} ± {_pct(cell.se)}"
    return f"{text} (n={cell.n})" if with_n else text


def format_avg(row: TableRow) -> str:
    """Avg in percent, with '(k/N)' when the row lacks some of the N headline columns."""
    if row.avg is None:
        return "–"
    headline_count = sum(c.headline for c in table_columns())
    suffix = "" if row.avg_of == headline_count else f" ({row.avg_of}/{headline_count})"
    return f"{_pct(row.avg)}{suffix}"


def format_errors(row: TableRow) -> str:
    """'k/N' errored episodes."""
    return f"{row.errors}/{row.episodes}"


def header(table: ResultsTable) -> list[str]:
    """Column headers shared by every rendering."""
    return ["Model", *[c.label for c in table.columns], "Avg", "Errors", "Format fail. %"]


def cells(table: ResultsTable, row: TableRow) -> list[str]:
    """One row's printed cells, in header order."""
    return [
        row.model,
        *[format_cell(row.cells.get(c.key)) for c in table.columns],
        format_avg(row),
        format_errors(row),
        _pct(row.format_failure.mean),
    ]


def to_markdown(table: ResultsTable) -> str:
    """A GitHub-flavoured Markdown table (percent, mean ± clustered SE, n)."""
    head = header(table)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    lines += ["| " + " | ".join(cells(table, row)) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def to_csv(table: ResultsTable) -> str:
    """Machine-readable: fractions (not percent), SE, n and clusters for every column."""
    fields = ["model"]
    for column in table.columns:
        fields += [f"{column.key}_{part}" for part in ("mean", "se", "n", "clusters")]
    fields += ["avg", "avg_of", "episodes", "errors", "format_failure_rate"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in table.rows:
        line: list[object] = [row.model]
        for column in table.columns:
            cell = row.cells.get(column.key)
            line += [cell.mean, cell.se, cell.n, cell.clusters] if cell else ["", "", 0, 0]
        line += [row.avg if row.avg is not None else "", row.avg_of, row.episodes, row.errors]
        line.append(row.format_failure.mean if row.format_failure.mean is not None else "")
        writer.writerow(line)
    return buffer.getvalue()


def _tex(text: str) -> str:
    for char, repl in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#")):
        text = text.replace(char, repl)
    return text


def _best(table: ResultsTable, key: str) -> float | None:
    means = [m for row in table.rows if (cell := row.cells.get(key)) and (m := cell.mean) is not None]
    return max(means) if len(means) > 1 else None


def to_latex(table: ResultsTable) -> str:
    """A booktabs tabular in the paper's style (x100, mean$\\pm$SE, best per column in bold)."""
    spec = "l" + "c" * (len(table.columns) + 3)
    lines = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule", " & ".join(_tex(h) for h in header(table)) + r" \\", r"\midrule"]
    for row in table.rows:
        out = [_tex(row.model)]
        for column in table.columns:
            cell = row.cells.get(column.key)
            if cell is None or cell.mean is None:
                out.append("--")
                continue
            text = rf"{_pct(cell.mean)}$\pm${_pct(cell.se)} {{\tiny({cell.n})}}"
            out.append(rf"\textbf{{{text}}}" if cell.mean == _best(table, column.key) else text)
        out += [_tex(format_avg(row)), format_errors(row), _pct(row.format_failure.mean)]
        lines.append(" & ".join(out) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"
