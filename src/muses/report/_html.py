"""The report's index page: table, paper comparison, figures, usage, epochs, runs, episode links.

One self-contained page (figures as data-URI PNGs) that links to the per-episode pages in
``episodes/``; see ``_html_common`` for why nothing is fetched from the network.
"""

from __future__ import annotations

from pydantic import BaseModel

from muses.report._columns import scenario_label, table_columns
from muses.report._episodes import Episode, LoadedLogs
from muses.report._figures import FigureFile
from muses.report._html_common import esc, page, table
from muses.report._paper import Comparison, FigurePoint, format_pair, paper_figures, paper_source
from muses.report._table import ResultsTable, cells, header
from muses.report._usage import EpochRow, PassRow, UsageRow


class ReportParts(BaseModel):
    """Everything the index page shows, computed by ``write_report``."""

    logs: LoadedLogs
    table: ResultsTable
    comparison: list[Comparison]
    figure_points: list[FigurePoint]
    figures: list[FigureFile]
    usage: list[UsageRow]
    epochs: list[EpochRow]
    passes: list[PassRow]
    episode_pages: dict[int, str]


def _results(parts: ReportParts) -> str:
    rows = [cells(parts.table, row) for row in parts.table.rows]
    note = (
        "<p>Percent; mean ± standard error clustered by base scenario (n = episodes). Errored samples count "
        "as 0 on every rate metric and are listed under Errors; Format fail. is the share of agent turns that "
        "broke the output format (already counted as failures in each metric). Avg = mean of the paper's five "
        "columns present (k/5 when fewer).</p>"
    )
    return "<h2 id=\"table\">Results</h2>" + note + table(header(parts.table), rows, css="results")


def _comparison(parts: ReportParts) -> str:
    source = paper_source()
    keys = [c for c in table_columns() if c.paper_key]
    notes = "".join(f"<li>{esc(n)}</li>" for n in source["protocol"])
    head = ["Model (ours / paper)", *[f"{c.label} (ours / paper)" for c in keys], "Avg (paper)"]
    rows = [
        [f"{r.model} / {r.paper_model}", *[format_pair(r.ours.get(str(c.paper_key)), r.paper.get(str(c.paper_key))) for c in keys], f"{r.paper_avg:.1f}"]
        for r in parts.comparison
    ]
    body = table(head, rows, css="paper") if rows else "<p>No model in these logs matches a model of the paper.</p>"
    points = [
        [p.figure, f"{p.model} / {p.paper_model}", p.metric, p.group, f"{p.ours.mean or 0:.2f} (n={p.ours.n})", f"{p.paper:.2f}"]
        for p in parts.figure_points
    ]
    figs = table(["figure", "model", "metric", "group", "ours", "paper"], points) if points else ""
    claims = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in paper_figures()["claims"].items())
    return (
        '<h2 id="paper">Published numbers (different protocol)</h2>'
        f'<div class="note"><b>Different protocol — not directly comparable.</b> Source: '
        f"{esc(source['source']['citation'])}; {esc(source['source']['code'])}.<ul>{notes}</ul></div>"
        f"{body}{figs}<p>Published figures without numbers:</p><ul>{claims}</ul>"
    )


def _figures(parts: ReportParts) -> str:
    if not parts.figures:
        return '<h2 id="figures">Figures</h2><p>No figure applies to these logs.</p>'
    items = [
        f'<figure id="{esc(f.id)}"><img alt="{esc(f.title)}" src="data:image/png;base64,{f.png_base64}">'
        f"<figcaption>{esc(f.title)}. {esc(f.caption)}</figcaption></figure>"
        for f in parts.figures
    ]
    return '<h2 id="figures">Figures</h2>' + "".join(items)


def _usage(parts: ReportParts) -> str:
    def cost(row: UsageRow) -> str:
        return "–" if row.cost is None else f"{row.cost:.4f}"

    head = ["model", "role", "provider model", "input", "output", "reasoning", "cache read", "total", "per episode", "cost (USD)"]
    rows = [
        [r.model, r.role, r.provider_model, str(r.input_tokens), str(r.output_tokens), str(r.reasoning_tokens),
         str(r.input_tokens_cache_read), str(r.total_tokens), f"{r.total_tokens / max(r.episodes, 1):.0f}", cost(r)]
        for r in parts.usage
    ]  # fmt: skip
    return '<h2 id="usage">Token usage</h2>' + table(head, rows)


def _epochs(parts: ReportParts) -> str:
    if not parts.epochs and not parts.passes:
        return ""
    out = ['<h2 id="epochs">Epochs and pass^k</h2>']
    if parts.epochs:
        most = max(max(r.epochs) for r in parts.epochs)
        head = ["model", "column", *[f"epoch {e}" for e in range(1, most + 1)]]
        rows = [
            [r.model, r.column, *[f"{100 * (r.epochs[e].mean or 0):.1f}" if e in r.epochs else "–" for e in range(1, most + 1)]]
            for r in parts.epochs
        ]
        out.append(table(head, rows))
    if parts.passes:
        most = max(max(r.pass_k) for r in parts.passes)
        head = ["model", "scenario", "tasks", *[f"pass^{k}" for k in range(1, most + 1)]]
        rows = [
            [r.model, scenario_label(r.scenario), str(r.tasks),
             *[f"{r.pass_k[k]:.3f}" if k in r.pass_k else "–" for k in range(1, most + 1)]]
            for r in parts.passes
        ]  # fmt: skip
        out.append("<p>pass^k: chance that k tries of the same episode all pass (access control: privacy and "
                   "utility both 1; other scenarios: headline metric 1).</p>" + table(head, rows))  # fmt: skip
    return "".join(out)


def _runs(parts: ReportParts) -> str:
    head = ["log", "task", "model", "roles", "status", "created", "epochs", "samples", "revision"]
    rows = [
        [r.path.rsplit("/", 1)[-1], r.task, r.model, ", ".join(f"{k}={v}" for k, v in r.roles.items()),
         r.status, r.created, str(r.epochs), str(r.samples), r.revision or "–"]
        for r in parts.logs.runs
    ]  # fmt: skip
    dup = f"<p>{parts.logs.duplicates} duplicate sample-epochs were merged (scored beats errored, then newest).</p>"
    return '<h2 id="runs">Logs</h2>' + table(head, rows) + (dup if parts.logs.duplicates else "")


def _summary(ep: Episode) -> str:
    if ep.error is not None:
        return "error"
    return ", ".join(f"{k} {v:.2f}" for k, v in list((ep.values or {}).items())[:4])


def _episodes(parts: ReportParts) -> str:
    rows = []
    for index, ep in enumerate(parts.logs.episodes):
        link = f'<a href="episodes/{esc(parts.episode_pages[index])}">{esc(ep.sample_id)}</a>'
        rows.append([esc(ep.model), esc(ep.scenario), link, str(ep.epoch), esc(ep.groups.get("template", "")),
                     esc(ep.groups.get("users", "")), esc(_summary(ep))])  # fmt: skip
    head = ["model", "scenario", "episode", "epoch", "template", "users", "scores"]
    return '<h2 id="episodes">Episodes</h2>' + table(head, rows, raw=True)


def index_page(parts: ReportParts) -> str:
    """The report's front page."""
    logs = parts.logs
    intro = (
        f"<h1>Muses report</h1><p>{len(logs.episodes)} episodes from {len(logs.runs)} logs, "
        f"{len(parts.table.rows)} models. Built only from the Inspect logs.</p>"
        '<p><a href="#table">Results</a> · <a href="#paper">Paper</a> · <a href="#figures">Figures</a> · '
        '<a href="#usage">Usage</a> · <a href="#runs">Logs</a> · <a href="#episodes">Episodes</a></p>'
    )
    sections = [intro, _results(parts), _comparison(parts), _figures(parts), _usage(parts), _epochs(parts)]
    sections += [_runs(parts), _episodes(parts)]
    return page("Muses report", "\n".join(sections))
