"""The report's index page: warnings, table, provenance, paper comparison, figures, usage, epochs,
logs and the episode tables.

One self-contained page (figures as inline SVG, so their text is real text a browser can measure)
that links to the per-episode pages in ``episodes/``; see ``_html_common`` for why nothing is
fetched from the network.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from muses.report._columns import pass_rules, scenario_label, table_columns
from muses.report._episodes import LoadedLogs
from muses.report._figures import FigureSet
from muses.report._html_common import esc, page, table
from muses.report._html_episodes import episodes_html
from muses.report._html_results import provenance_html, results_html, warnings_html
from muses.report._paper import Comparison, FigurePoint, format_pair, paper_figures, paper_source
from muses.report._provenance import Provenance
from muses.report._run_metrics import RunMetricRow
from muses.report._table import ResultsTable
from muses.report._usage import EpochRow, PassRow, UsageRow


class ReportParts(BaseModel):
    """Everything the index page shows, computed by ``write_report``."""

    logs: LoadedLogs
    table: ResultsTable
    warnings: list[str]
    provenance: list[Provenance]
    comparison: list[Comparison]
    figure_points: list[FigurePoint]
    figures: FigureSet
    usage: list[UsageRow]
    epochs: list[EpochRow]
    passes: list[PassRow]
    run_metrics: list[RunMetricRow]
    episode_pages: dict[int, str]


def _comparison(parts: ReportParts) -> str:
    source = paper_source()
    keys = [c for c in table_columns() if c.paper_key]
    notes = "".join(f"<li>{esc(n)}</li>" for n in source["protocol"])
    head = ["Model (ours / paper)", *[f"{c.title} (ours / paper)" for c in keys], "Avg (paper) ↑"]
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


def inline_svg(svg: str, prefix: str) -> str:
    """An SVG document made safe to inline: no XML prolog, every id (and reference) prefixed, so
    two figures' clip paths and markers cannot collide."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"<metadata>.*?</metadata>", "", body, flags=re.S)
    body = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', body)
    body = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", body)
    return re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', body)


def _figures(parts: ReportParts) -> str:
    figures = parts.figures
    skipped = "".join(f"<li>{esc(f.title)}: {esc(f.reason)}.</li>" for f in figures.skipped)
    not_drawn = f"<p>Not drawn:</p><ul>{skipped}</ul>" if skipped else ""
    if not figures.files:
        return f'<h2 id="figures">Figures</h2><p>No figure applies to these logs.</p>{not_drawn}'
    items = [
        f'<figure id="{esc(f.id)}" role="img" aria-label="{esc(f.title)}">{inline_svg(f.svg_text, f.id)}'
        f"<figcaption><b>{esc(f.title)}.</b> {esc(f.caption)}{''.join(f' {esc(n)}.' for n in f.notes)}</figcaption></figure>"
        for f in figures.files
    ]
    return '<h2 id="figures">Figures</h2>' + "".join(items) + not_drawn


def _usage(parts: ReportParts) -> str:
    def cost(row: UsageRow) -> str:
        return "–" if row.cost is None else f"{row.cost:.4f}"

    head = ["model", "role", "provider model", "input", "output", "reasoning", "cache read", "total", "per episode",
            "cost (USD)", "note"]  # fmt: skip
    rows = [
        [r.model, r.role, r.provider_model, str(r.input_tokens), str(r.output_tokens), str(r.reasoning_tokens),
         str(r.input_tokens_cache_read), str(r.total_tokens), f"{r.total_tokens / max(r.episodes, 1):.0f}", cost(r),
         r.note or ""]
        for r in parts.usage
    ]  # fmt: skip
    note = (
        "<p>Tokens as the providers reported them, per role: the agent under test, the simulated users, the judge. "
        "Per episode = total / episodes of the row.</p>"
    )
    return '<h2 id="usage">Token usage</h2>' + note + table(head, rows)


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
        rules = "; ".join(f"{scenario_label(s)}: {', '.join(m)}" for s, m in pass_rules().items())
        out.append(f"<p>pass^k: chance that k tries of the same episode all pass; an episode passes when each of its "
                   f"scenario's pass metrics is 1 ({esc(rules)}).</p>" + table(head, rows))  # fmt: skip
    return "".join(out)


def _run_metrics(parts: ReportParts) -> str:
    if not parts.run_metrics:
        return ""
    head = ["model", "scenario", "metric", "value", "n", "note"]
    rows = [
        [r.model, scenario_label(r.scenario), f"{r.label} {'↑' if r.higher_is_better else '↓'}",
         "–" if r.value is None else f"{100 * r.value:.1f}", str(r.n), r.note]
        for r in parts.run_metrics
    ]  # fmt: skip
    notes = "".join(f"<li>{esc(label)}: {esc(text)}</li>" for label, text in {(r.label, r.description) for r in parts.run_metrics} if text)
    intro = "<p>Numbers no single episode can score, computed over each row's scored episodes together.</p>"
    return '<h2 id="run-metrics">Run-level metrics</h2>' + intro + table(head, rows) + (f"<ul>{notes}</ul>" if notes else "")


def _runs(parts: ReportParts) -> str:
    head = ["log", "task", "model", "roles", "row", "status", "created", "epochs", "samples", "revision"]
    body = []
    for r in parts.logs.runs:
        cells = [r.path.rsplit("/", 1)[-1], r.task, r.model, ", ".join(f"{k}={v}" for k, v in r.roles.items()),
                 r.label, r.status, r.created, str(r.epochs), str(r.samples), r.revision or "–"]  # fmt: skip
        status = ' class="error"' if r.status != "success" else ""
        tds = "".join(f'<td{status if i == 5 else ""}>{esc(c)}</td>' for i, c in enumerate(cells))
        body.append(f"<tr>{tds}</tr>")
    ths = "".join(f"<th>{esc(h)}</th>" for h in head)
    dup = f"<p>{parts.logs.duplicates} duplicate sample-epochs were merged (scored beats errored, then newest).</p>"
    rows = f'<table class="sortable"><thead><tr>{ths}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return '<h2 id="runs">Logs</h2>' + rows + (dup if parts.logs.duplicates else "")


def index_page(parts: ReportParts) -> str:
    """The report's front page."""
    logs = parts.logs
    intro = (
        f"<h1>Muses report</h1><p>{len(logs.episodes)} episodes from {len(logs.runs)} logs, "
        f"{len(parts.table.rows)} rows. Built only from the Inspect logs.</p>"
        '<p><a href="#table">Results</a> · <a href="#provenance">Provenance</a> · <a href="#paper">Paper</a> · '
        '<a href="#figures">Figures</a> · <a href="#usage">Usage</a> · <a href="#runs">Logs</a> · '
        '<a href="#episodes">Episodes</a></p>'
    )
    sections = [intro, warnings_html(parts.warnings), results_html(parts.table, parts.provenance)]
    sections += [provenance_html(parts.provenance), _comparison(parts), _figures(parts), _usage(parts)]
    sections += [_run_metrics(parts), _epochs(parts), _runs(parts), episodes_html(logs.episodes, parts.episode_pages)]
    return page("Muses report", "\n".join(sections))
