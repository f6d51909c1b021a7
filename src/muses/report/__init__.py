"""Reports: the paper's Table 2 and Figures 3-9, a per-user transcript viewer, from Inspect logs only.

``write_report(["logs/"], "report/")`` writes table.md/.csv/.tex, figures/*.png|svg, index.html
(self-contained) with one page per episode under episodes/, paper_comparison.md and summary.json.
The functions below are the pieces, each a pure function of the logs' contents.
"""

from muses.report._columns import Column, pass_rules, scenario_label, table_columns
from muses.report._episodes import Episode, LoadedLogs, RunInfo, load_logs, log_paths
from muses.report._figures import (
    FigureFile,
    FigureSet,
    SkippedFigure,
    declared_figures,
    draw_figures,
    write_figures,
)
from muses.report._formats import to_csv, to_latex, to_markdown
from muses.report._layout import text_collisions
from muses.report._notes import report_warnings
from muses.report._paper import compare, compare_figures, normalise, paper_figures, paper_rows
from muses.report._provenance import Provenance, provenance
from muses.report._run_metrics import RunMetricRow, run_metric_rows
from muses.report._settings import effective_params, run_settings
from muses.report._stats import Estimate, clustered_se, estimate, pass_hat_k
from muses.report._summary import MetricSummary, format_table, summarize
from muses.report._table import ResultsTable, TableRow, build_table
from muses.report._usage import EpochRow, PassRow, UsageRow, epoch_rows, pass_rows, usage_rows
from muses.report._write import ReportFiles, write_report

__all__ = [
    "Column",
    "EpochRow",
    "Episode",
    "Estimate",
    "FigureFile",
    "FigureSet",
    "LoadedLogs",
    "MetricSummary",
    "PassRow",
    "Provenance",
    "ReportFiles",
    "ResultsTable",
    "RunMetricRow",
    "RunInfo",
    "SkippedFigure",
    "TableRow",
    "UsageRow",
    "build_table",
    "clustered_se",
    "compare",
    "compare_figures",
    "declared_figures",
    "draw_figures",
    "effective_params",
    "epoch_rows",
    "estimate",
    "format_table",
    "load_logs",
    "log_paths",
    "normalise",
    "pass_hat_k",
    "pass_rules",
    "run_metric_rows",
    "pass_rows",
    "provenance",
    "report_warnings",
    "run_settings",
    "paper_figures",
    "paper_rows",
    "scenario_label",
    "summarize",
    "table_columns",
    "text_collisions",
    "to_csv",
    "to_latex",
    "to_markdown",
    "usage_rows",
    "write_figures",
    "write_report",
]
