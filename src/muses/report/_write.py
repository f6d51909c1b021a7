"""``write_report``: logs in, a report directory out (table, figures, HTML, paper side-by-side).

The output directory is written without half-states: files are replaced atomically and the
``figures/`` and ``episodes/`` folders are built aside and swapped in, so a reader (or a browser
reload) never sees a mix of two reports and stale episode pages from an earlier report vanish.
Only the files and folders named here are touched, so ``--out`` may point into a run directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from muses.report._episode_page import episode_page
from muses.report._episodes import Episode, load_logs
from muses.report._figures import draw_figures
from muses.report._formats import to_csv, to_latex, to_markdown
from muses.report._html import ReportParts, index_page
from muses.report._notes import report_warnings
from muses.report._paper import compare, compare_figures, comparison_markdown
from muses.report._provenance import provenance
from muses.report._run_metrics import run_metric_lines, run_metric_rows
from muses.report._table import build_table
from muses.report._usage import epoch_rows, pass_rows, usage_rows
from muses.scenarios._io import default_mode


class ReportFiles(BaseModel):
    """Where the report went, for the CLI to print and for callers to open."""

    out: Path
    index: Path
    table_markdown: Path
    table_csv: Path
    table_latex: Path
    figures: list[Path]
    episodes: int
    models: list[str]
    warnings: list[str] = Field(default_factory=list, description="What a reader must know (also in the files).")


def _write(path: Path, text: str) -> Path:
    """Write text atomically (temporary file in the same folder, then rename).

    ``mkstemp`` creates files readable by their owner only; the report is for sharing, so the file
    gets the mode an ordinary ``open()`` would give (0o666 minus the umask) before the rename.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.chmod(tmp, default_mode())
    os.replace(tmp, path)
    return path


def _swap_in(built: Path, target: Path) -> None:
    """Replace folder ``target`` by ``built`` (old one removed after the rename)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(built, target)
    shutil.rmtree(old, ignore_errors=True)


def page_name(index: int, ep: Episode) -> str:
    """A stable, filesystem-safe file name for an episode page."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{ep.scenario}-{ep.sample_id}")[:80]
    return f"{index:05d}-{safe}-e{ep.epoch}.html"


def write_report(paths: Iterable[str | Path], out: str | Path, *, merge: bool = False) -> ReportFiles:
    """Read every Inspect log under ``paths`` (files or folders) and write the report to ``out``.

    Args:
        paths: Log files, folders or URIs.
        out: Report directory (created; only the report's own files and folders are replaced).
        merge: Pool runs of one model and scenario made under different settings (split, rounds,
            template, data, version, ...) into one row; by default each settings gets its own row.

    Raises FileNotFoundError for a path that is neither a log nor a folder, and ValueError when no
    log is found at all.
    """
    out = Path(out)
    paths = list(paths)
    logs = load_logs(paths, merge=merge)
    if not logs.runs:
        raise ValueError(f"no Inspect logs found in {', '.join(str(p) for p in paths)}")
    out.mkdir(parents=True, exist_ok=True)
    table = build_table(logs.episodes)
    warnings = report_warnings(logs, table)
    origins = provenance(logs)
    names = {i: page_name(i, ep) for i, ep in enumerate(logs.episodes)}

    figures_tmp = Path(tempfile.mkdtemp(dir=out, prefix=".figures."))
    os.chmod(figures_tmp, default_mode(directory=True))
    figures = draw_figures(logs.episodes, figures_tmp)
    for figure in figures.files:
        figure.png, figure.svg = (str(out / "figures" / Path(p).name) for p in (figure.png, figure.svg))
    _swap_in(figures_tmp, out / "figures")

    pages_tmp = Path(tempfile.mkdtemp(dir=out, prefix=".episodes."))
    os.chmod(pages_tmp, default_mode(directory=True))
    for index, ep in enumerate(logs.episodes):
        (pages_tmp / names[index]).write_text(episode_page(ep), encoding="utf-8")
    _swap_in(pages_tmp, out / "episodes")

    parts = ReportParts(
        logs=logs,
        table=table,
        warnings=warnings,
        provenance=origins,
        comparison=compare(table),
        figure_points=compare_figures(logs.episodes),
        figures=figures,
        usage=usage_rows(logs.runs, logs.episodes),
        epochs=epoch_rows(logs.episodes),
        passes=pass_rows(logs.episodes),
        run_metrics=run_metric_rows(logs.episodes),
        episode_pages=names,
    )
    notes = warnings + run_metric_lines(parts.run_metrics) + [f"Provenance of {p.row} · {p.text}" for p in origins]
    files = ReportFiles(
        out=out,
        index=_write(out / "index.html", index_page(parts)),
        table_markdown=_write(out / "table.md", to_markdown(table, notes)),
        table_csv=_write(out / "table.csv", to_csv(table)),
        table_latex=_write(out / "table.tex", to_latex(table)),
        figures=[Path(f.png) for f in figures.files] + [Path(f.svg) for f in figures.files],
        episodes=len(logs.episodes),
        models=[row.model for row in table.rows],
        warnings=warnings,
    )
    _write(out / "paper_comparison.md", comparison_markdown(parts.comparison))
    summary = parts.model_dump(mode="json", exclude={"logs", "episode_pages"})
    summary["runs"] = [run.model_dump(mode="json", exclude={"stats"}) for run in logs.runs]
    _write(out / "summary.json", json.dumps(summary, indent=1, sort_keys=True))
    return files
