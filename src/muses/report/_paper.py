"""Side-by-side with the paper's published numbers (arXiv:2604.08567, Table 2 and Figures 3-7).

The published values ship as package data (``paper_table2.json``, ``paper_figures.json``) with
their source. They were produced by a different protocol (see the JSON's ``protocol`` list:
failures dropped in some columns and counted in others, datasets pooled differently per model,
plain SEM), so the comparison is always labelled as such; it places numbers next to each other,
it does not claim they measure the same thing. Model names are matched after normalisation
('openai/gpt-4o-mini' ~ 'GPT-4o-mini', 'claude-3-5-haiku-20241022' ~ 'Claude-3.5-Haiku').
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel

from muses.report._breakdown import breakdown, regroup
from muses.report._columns import table_columns
from muses.report._episodes import Episode
from muses.report._stats import Estimate
from muses.report._table import ResultsTable

_DATE = re.compile(r"[-_@](\d{4}-\d{2}-\d{2}|\d{8}|\d{4})(?=$|[-_:])")
_DROP = {"instruct", "it", "preview", "latest", "meta", "hf"}


class PaperCell(BaseModel):
    """A published mean and SEM, in percent (SEM absent where the paper printed none)."""

    mean: float
    se: float | None = None


class PaperRow(BaseModel):
    """One model's published Table 2 row."""

    model: str
    aliases: list[str]
    cells: dict[str, PaperCell]
    avg: float


class Comparison(BaseModel):
    """Our row next to the paper's row for the same model."""

    model: str
    paper_model: str
    ours: dict[str, Estimate]
    paper: dict[str, PaperCell]
    paper_avg: float


class FigurePoint(BaseModel):
    """One bar of a published figure next to ours."""

    figure: str
    model: str
    paper_model: str
    metric: str
    group: str
    ours: Estimate
    paper: float


@cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("muses.report").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def paper_source() -> dict[str, Any]:
    """Citation and protocol notes of the published Table 2."""
    data = _data("paper_table2.json")
    return {"source": data["source"], "protocol": data["protocol"]}


def paper_rows() -> list[PaperRow]:
    """The published Table 2 rows."""
    keys = [c.paper_key for c in table_columns() if c.paper_key]
    return [
        PaperRow(model=r["model"], aliases=r["aliases"], cells={k: PaperCell(**r[k]) for k in keys}, avg=r["avg"])
        for r in _data("paper_table2.json")["rows"]
    ]


def paper_figures() -> dict[str, Any]:
    """The published Figures 3-7 values and the claims made about Figures 4, 8 and 9."""
    return _data("paper_figures.json")


def normalise(name: str) -> str:
    """A name reduced to what identifies a model: no provider, date, 'instruct' or punctuation."""
    base = name.strip().lower().rsplit("/", 1)[-1]
    base = _DATE.sub("", base)
    tokens = [t for t in re.split(r"[^a-z0-9]+", base) if t and t not in _DROP]
    return "".join(tokens)


def match(model: str, rows: list[PaperRow]) -> PaperRow | None:
    """The paper row whose name or an alias normalises like ``model`` (None if no match)."""
    wanted = normalise(model.split(" (users:")[0].split(" · ")[0])
    for row in rows:
        if wanted in {normalise(n) for n in (row.model, *row.aliases)}:
            return row
    return None


def compare(table: ResultsTable) -> list[Comparison]:
    """Our rows that match a published model, with the published numbers beside them."""
    rows = paper_rows()
    comparable = {c.key: c.paper_key for c in table_columns() if c.paper_key}
    out: list[Comparison] = []
    for row in table.rows:
        found = match(row.model, rows)
        if found is not None:
            ours = {comparable[k]: v for k, v in row.cells.items() if comparable.get(k) in found.cells}
            out.append(Comparison(model=row.model, paper_model=found.model, ours=ours, paper=found.cells, paper_avg=found.avg))
    return out


def compare_figures(episodes: list[Episode]) -> list[FigurePoint]:
    """Every published bar of Figures 3-7 for which our logs have the same model and group."""
    rows = paper_rows()
    points: list[FigurePoint] = []
    for figure in paper_figures()["figures"]:
        published = {r["model"]: r["values"] for r in figure["rows"]}
        for metric in {m for values in published.values() for m in values}:
            mine = regroup(episodes, (figure["by"],))
            ours = breakdown(mine, figure["scenario"], metric, figure["by"], rate=metric != "turns")
            for model, groups in ours.items():
                found = match(model, rows)
                values = published.get(found.model, {}).get(metric, {}) if found else {}
                for group, estimate in groups.items():
                    if found and group in values:
                        points.append(
                            FigurePoint(figure=figure["id"], model=model, paper_model=found.model, metric=metric,
                                        group=group, ours=estimate, paper=values[group])
                        )  # fmt: skip
    return sorted(points, key=lambda p: (p.figure, p.model, p.metric, p.group))


def format_pair(ours: Estimate | None, paper: PaperCell | None) -> str:
    """Format 'ours / paper' in percent, each as mean ± SE where known."""
    if ours is None or ours.mean is None:
        mine = "–"
    elif ours.all_errors:
        mine = "error"
    else:
        mine = f"{100 * ours.mean:.1f}" + ("" if ours.se is None else f" ± {100 * ours.se:.1f}")
    theirs = "–" if paper is None else f"{paper.mean:.1f}" + ("" if paper.se is None else f" ± {paper.se:.1f}")
    return f"{mine} / {theirs}"


def comparison_markdown(rows: list[Comparison]) -> str:
    """Markdown: one row per matched model, each cell 'ours / paper', with the protocol warning."""
    source = paper_source()
    keys = [c for c in table_columns() if c.paper_key]
    lines = [
        f"Published numbers: {source['source']['citation']}.",
        "**Different protocol** — not directly comparable:",
        *[f"- {note}" for note in source["protocol"]],
        "",
        "| Model (ours / paper) | " + " | ".join(c.title for c in keys) + " | Avg (paper) ↑ |",
        "|---|" + "---:|" * (len(keys) + 1),
    ]
    for row in rows:
        cells = [format_pair(row.ours.get(str(c.paper_key)), row.paper.get(str(c.paper_key))) for c in keys]
        lines.append(f"| {row.model} / {row.paper_model} | " + " | ".join(cells) + f" | {row.paper_avg:.1f} |")
    if not rows:
        lines.append("| (no model in these logs matches a model of the paper) |" + " |" * (len(keys) + 1))
    return "\n".join(lines) + "\n"
