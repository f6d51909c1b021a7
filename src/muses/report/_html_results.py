"""The results section of the index page: warnings, the table, what each column means, provenance.

Each cell carries its provenance (data, settings, logs) as a tooltip and its mean as ``data-v``
for sorting; a cell whose episodes all errored is rendered as an error, never as a 0; headers
carry the direction marker and the column's description.
"""

from __future__ import annotations

from muses.report._columns import Column, direction_text, scenario_label
from muses.report._html_common import esc
from muses.report._html_common import table as html_table
from muses.report._provenance import Provenance
from muses.report._stats import Estimate
from muses.report._table import (
    ResultsTable,
    TableRow,
    avg_definition,
    cell_parts,
    format_avg,
    format_errors,
    header,
    pct,
)


def warnings_html(warnings: list[str]) -> str:
    """A highlighted list of warnings (nothing when there are none)."""
    if not warnings:
        return ""
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return f'<div class="warnings" id="warnings"><b>Read first</b><ul>{items}</ul></div>'


def _td(cell: Estimate | None, title: str) -> str:
    parts = cell_parts(cell)
    tip = f' title="{esc(title)}"' if title else ""
    if cell is None or parts is None:
        return f'<td class="num"{tip}>–</td>'
    value, note = parts
    if cell.all_errors:
        return f'<td class="num error" data-v="-1"{tip}>error <span class="note-small">({esc(note)})</span></td>'
    return f'<td class="num" data-v="{cell.mean}"{tip}>{esc(value)} <span class="note-small">({esc(note)})</span></td>'


def _row_html(table: ResultsTable, row: TableRow, origins: dict[tuple[str, str], Provenance]) -> str:
    tds = [f"<td>{esc(row.model)}</td>"]
    for column in table.columns:
        origin = origins.get((row.model, column.scenario))
        tds.append(_td(row.cells.get(column.key), origin.text if origin else ""))
    avg = "" if row.avg is None else f' data-v="{row.avg}"'
    tds.append(f'<td class="num"{avg}>{esc(format_avg(table, row))}</td>')
    tds.append(f'<td class="num{" error" if row.errors else ""}" data-v="{row.errors}">{esc(format_errors(row))}</td>')
    failure = "" if row.format_failure.mean is None else f' data-v="{row.format_failure.mean}"'
    tds.append(f'<td class="num"{failure}>{esc(pct(row.format_failure.mean))}</td>')
    return "<tr>" + "".join(tds) + "</tr>"


def _legend(table: ResultsTable) -> str:
    rows = [
        [c.title, scenario_label(c.scenario), f"{c.metric}", direction_text(c.higher_is_better),
         "yes" if c.headline else "no (comparability)", c.description or "–"]
        for c in table.columns
    ]  # fmt: skip
    head = ["column", "scenario", "metric", "direction", "in Avg", "what it measures"]
    return "<details><summary>What each column measures</summary>" + html_table(head, rows) + "</details>"


def _th(text: str, column: Column | None) -> str:
    tip = "" if column is None else f' title="{esc(column.description or column.metric)}: {esc(direction_text(column.higher_is_better))}"'
    return f"<th{tip}>{esc(text)}</th>"


def results_html(table: ResultsTable, origins: list[Provenance]) -> str:
    """The results table with its definitions (Avg, cells, errors) and column legend."""
    by_cell = {(p.row, p.scenario): p for p in origins}
    columns: list[Column | None] = [None, *table.columns, None, None, None]
    head = "".join(_th(text, column) for text, column in zip(header(table), columns, strict=True))
    body = "".join(_row_html(table, row, by_cell) for row in table.rows)
    note = (
        "<p>Percent; mean ± standard error clustered by base scenario, with n = episodes with a value. "
        "↑ higher is better, ↓ lower is better. An errored episode counts as 0 and each cell says how many of "
        "its n errored; a cell whose episodes all errored reads <span class=\"error-cell\">error</span>. "
        "A cell from a single base scenario has no standard error (it says so). Format fail. is the share of "
        f"agent turns that broke the output format (already failures in each metric). {esc(avg_definition(table))} "
        "Hover a cell for its data, settings and logs; click a header to sort.</p>"
    )
    return (
        f'<h2 id="table">Results</h2>{note}<table class="results sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>{_legend(table)}"
    )


def provenance_html(origins: list[Provenance]) -> str:
    """Where each row's episodes of each scenario came from."""
    head = ["row", "scenario", "data", "settings", "episodes", "logs", "status", "muses", "revision"]
    rows = [
        [p.row, scenario_label(p.scenario), p.data, ", ".join(f"{k}={v}" for k, v in p.settings.items()),
         str(p.episodes), ", ".join(p.logs), ", ".join(p.statuses), ", ".join(p.package_versions) or "–",
         ", ".join(p.revisions) or "–"]
        for p in origins
    ]  # fmt: skip
    return (
        '<h2 id="provenance">Provenance</h2><p>Which data, settings and logs each cell of the table comes from. '
        "Runs of one model and scenario under different settings get their own rows, labelled with what "
        "differs (unless the report was asked to merge them).</p>" + html_table(head, rows, css="sortable")
    )
