"""The results table as Markdown, CSV and LaTeX (the same numbers, three renderings).

Markdown and LaTeX are for reading: percent, mean ± clustered SE, n, direction markers, and the
definition of Avg under the table. CSV is for machines: fractions, SE (empty when there is none),
n, clusters and errors for every column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from muses.report._table import (
    ResultsTable,
    avg_definition,
    cell_parts,
    cells,
    format_avg,
    format_errors,
    header,
    pct,
)


def to_markdown(table: ResultsTable, notes: Sequence[str] = ()) -> str:
    """A GitHub-flavoured Markdown table (percent, mean ± clustered SE, n), Avg's definition and ``notes``."""
    head = header(table)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    lines += ["| " + " | ".join(cells(table, row)) + " |" for row in table.rows]
    lines += ["", avg_definition(table)]
    lines += [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def to_csv(table: ResultsTable) -> str:
    """Machine-readable: fractions (not percent), SE, n, clusters and errors for every column."""
    fields = ["model"]
    for column in table.columns:
        fields += [f"{column.key}_{part}" for part in ("mean", "se", "n", "clusters", "errors")]
    fields += ["avg", "avg_of", "avg_columns", "episodes", "errors", "format_failure_rate", "turn_issues"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in table.rows:
        line: list[object] = [row.model]
        for column in table.columns:
            cell = row.cells.get(column.key)
            mean = "" if cell is None or cell.mean is None or cell.all_errors else cell.mean
            se = "" if cell is None or cell.se is None or cell.all_errors else cell.se
            line += [mean, se, cell.n, cell.clusters, cell.errors] if cell else ["", "", 0, 0, 0]
        line += [row.avg if row.avg is not None else "", row.avg_of, len(table.headline), row.episodes, row.errors]
        line.append(row.format_failure.mean if row.format_failure.mean is not None else "")
        line.append(row.turn_issues)
        writer.writerow(line)
    return buffer.getvalue()


def _tex(text: str) -> str:
    for char, repl in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#")):
        text = text.replace(char, repl)
    return text.replace("↑", r"$\uparrow$").replace("↓", r"$\downarrow$").replace("±", r"$\pm$").replace("·", r"$\cdot$")


def _best(table: ResultsTable, key: str, higher: bool) -> float | None:
    means = [
        m for row in table.rows if (cell := row.cells.get(key)) and (m := cell.mean) is not None and not cell.all_errors
    ]
    if len(means) < 2:
        return None
    return max(means) if higher else min(means)


def _latex_cell(table: ResultsTable, key: str, higher: bool, row_index: int) -> str:
    cell = table.rows[row_index].cells.get(key)
    parts = cell_parts(cell)
    if cell is None or parts is None:
        return "--"
    if cell.all_errors:
        return rf"\textit{{error}} {{\tiny({cell.errors}/{cell.n})}}"
    text = rf"{pct(cell.mean)}$\pm${pct(cell.se)}" if cell.se is not None else f"{pct(cell.mean)}"
    text += rf" {{\tiny({cell.n})}}"
    return rf"\textbf{{{text}}}" if cell.mean == _best(table, key, higher) else text


def to_latex(table: ResultsTable) -> str:
    """A booktabs tabular in the paper's style (x100, mean$\\pm$SE, best per column in bold)."""
    spec = "l" + "c" * (len(table.columns) + 3)
    lines = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule", " & ".join(_tex(h) for h in header(table)) + r" \\", r"\midrule"]
    for index, row in enumerate(table.rows):
        out = [_tex(row.model)]
        out += [_latex_cell(table, c.key, c.higher_is_better, index) for c in table.columns]
        out += [_tex(format_avg(table, row)), format_errors(row), pct(row.format_failure.mean)]
        lines.append(" & ".join(out) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", "% " + avg_definition(table)]
    return "\n".join(lines) + "\n"
