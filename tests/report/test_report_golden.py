"""Golden tests: the fixed logs of conftest.py give a table whose every value is checked by hand."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.report import (
    build_table,
    compare,
    epoch_rows,
    load_logs,
    pass_rows,
    provenance,
    report_warnings,
    to_csv,
    to_latex,
    to_markdown,
    usage_rows,
    write_report,
)
from muses.report._breakdown import round_curves
from muses.report._episodes import LoadedLogs
from muses.scenarios import get_scenario

GRANT, REF, REFUSE = "muses/grant-all", "muses/reference", "muses/refuse-all"
STUB_AGENT, STUB_USER = "openai-api/local/gpt-4o-mini", "openai-api/local/user-x"  # see conftest.py
BROKEN = "openai-api/local/broken"


@pytest.fixture(scope="module")
def loaded(fixture_logs: Any) -> LoadedLogs:
    return load_logs([fixture_logs.logs])


def test_shards_merge_and_errors_count_as_failures(loaded: LoadedLogs) -> None:
    table = build_table(loaded.episodes)
    rows = {row.model: row for row in table.rows}
    assert list(rows) == [GRANT, REF, REFUSE, BROKEN, STUB_AGENT]
    assert [c.key for c in table.columns] == ["privacy", "utility"]
    # reference: two shard files of one eval -> one row of 4 episodes, all perfect, one cluster:
    # no standard error at all (Inspect would print 0)
    ref = rows[REF]
    assert (ref.episodes, ref.errors) == (4, 0)
    assert ref.cells["privacy"].mean == 1.0 and ref.cells["utility"].mean == 1.0
    assert ref.cells["privacy"].se is None and ref.cells["privacy"].clusters == 1
    # grant-all: values utility [0 (error), 1, 1, 1] in clusters [a, a, b, c]
    # mean 0.75; deviations -0.75, .25 | .25 | .25 -> cluster sums -0.5, .25, .25
    # SE = sqrt((0.25 + 0.0625 + 0.0625) * 3/2) / 4 = sqrt(0.5625) / 4 = 0.1875
    grant = rows[GRANT]
    assert (grant.episodes, grant.errors) == (4, 1)
    assert grant.cells["privacy"].mean == 0.0 and grant.cells["privacy"].n == 4
    assert grant.cells["privacy"].errors == 1 and not grant.cells["privacy"].all_errors
    assert grant.cells["utility"].mean == pytest.approx(0.75)
    assert grant.cells["utility"].se == pytest.approx(0.1875)
    assert grant.cells["utility"].clusters == 3
    assert grant.avg == pytest.approx(0.375) and grant.avg_of == 2
    assert grant.format_failure.mean == 0.0 and grant.format_failure.n == 3  # the errored sample has no turns
    # every episode of the broken model errored: cells are errors, and Avg has nothing to average
    broken = rows[BROKEN]
    assert broken.cells["privacy"].all_errors and broken.cells["utility"].errors == 2
    assert broken.avg is None and broken.avg_of == 0
    # refuse-all, 2 samples x 2 epochs, one edited pass: utility [1, 0, 0, 0], privacy all 1
    refuse = rows[REFUSE]
    assert refuse.episodes == 4 and refuse.cells["utility"].mean == pytest.approx(0.25)
    assert refuse.cells["privacy"].mean == 1.0
    # the stub agent refuses everyone in both rounds
    stub = rows[STUB_AGENT]
    assert stub.episodes == 1 and stub.cells["privacy"].mean == 1.0 and stub.cells["utility"].mean == 0.0


def test_renderings_hold_the_same_numbers(loaded: LoadedLogs) -> None:
    table = build_table(loaded.episodes)
    markdown = to_markdown(table)
    assert markdown.splitlines()[0] == "| Model | Privacy ↑ | Utility ↑ | Avg ↑ | Errors ↓ | Format fail. % ↓ |"
    assert "| muses/grant-all | 0.0 ± 0.0 (n=4, 1 error as 0) | 75.0 ± 18.8 (n=4, 1 error as 0) | 37.5 | 1/4 | 0.0 |" in markdown
    assert "| muses/reference | 100.0 (n=4, 1 cluster: no SE) | 100.0 (n=4, 1 cluster: no SE) | 100.0 | 0/4 | 0.0 |" in markdown
    assert "| openai-api/local/broken | error (2/2 errored) | error (2/2 errored) | – | 2/2 | – |" in markdown
    assert "± 0.0 (n=4, 1 cluster" not in markdown
    assert (
        "Avg ↑ = mean of the row's headline columns (Privacy, Utility); a row with only k of these 2 shows (k/2), "
        "and a column whose episodes all errored does not enter it."
    ) in markdown
    rows = {r["model"]: r for r in csv.DictReader(io.StringIO(to_csv(table)))}
    assert float(rows[GRANT]["utility_se"]) == pytest.approx(0.1875)
    assert rows[GRANT]["errors"] == "1" and rows[GRANT]["utility_clusters"] == "3" and rows[GRANT]["utility_errors"] == "1"
    assert rows[REF]["privacy_se"] == "" and rows[BROKEN]["privacy_mean"] == "" and rows[BROKEN]["privacy_errors"] == "2"
    latex = to_latex(table)
    assert r"muses/grant-all & 0.0$\pm$0.0 {\tiny(4)} & 75.0$\pm$18.8 {\tiny(4)}" in latex
    assert r"Privacy $\uparrow$ & Utility $\uparrow$ & Avg $\uparrow$ & Errors $\downarrow$" in latex
    assert r"openai-api/local/broken & \textit{error} {\tiny(2/2)}" in latex
    assert latex.startswith(r"\begin{tabular}{lccccc}") and r"\bottomrule" in latex


def test_warnings_say_what_the_numbers_are(loaded: LoadedLogs) -> None:
    warnings = report_warnings(loaded, build_table(loaded.episodes))
    assert warnings[:2] == [
        "muses/grant-all · Access control: 1 of 4 episodes errored (each counted as 0); first error: provider failed after retries",
        "openai-api/local/broken · Access control: every episode errored (shown as 'error'); first error: Error code: 404 - model not found",
    ]
    assert warnings[2].startswith("No standard error for 6 cells whose episodes come from a single base scenario")
    assert "muses/reference · Privacy (n=4)" in warnings[2] and "muses/grant-all" not in warnings[2]


def test_provenance_per_cell(loaded: LoadedLogs) -> None:
    found = {p.row: p for p in provenance(loaded)}
    ref = found[REF]
    assert ref.logs == ["reference_shard0.eval", "reference_shard1.eval"] and ref.episodes == 4
    assert ref.data == "generated: split=quick, seed=0, users=2-3"
    assert ref.settings["rounds"] == "10" and ref.settings["template"] == "xml"
    assert ref.settings["version"] == get_scenario("access_control").version
    # the stub run was built from given quick-split records: the records' split is what counts
    assert found[STUB_AGENT].data == "generated: split=quick, seed=0" and found[STUB_AGENT].settings["rounds"] == "2"


def test_duplicates_and_retries_collapse(fixture_logs: Any, loaded: LoadedLogs) -> None:
    shard = next(fixture_logs.logs.glob("reference_shard0.eval"))
    again = load_logs([fixture_logs.logs, shard, f"file://{shard}"])
    assert len(again.episodes) == len(loaded.episodes) and again.duplicates == 0
    # a retry that scored the errored sample replaces the failure
    merged = load_logs([fixture_logs.logs / "grant_all.eval", fixture_logs.grant_all_original])
    assert merged.duplicates == 4
    assert build_table(merged.episodes).rows[0].errors == 0


def test_per_round_curve_ends_at_the_table_value(loaded: LoadedLogs) -> None:
    curves = round_curves(loaded.episodes, "access_control", "utility_by_round")
    table = {row.model: row for row in build_table(loaded.episodes).rows}
    assert len(curves[GRANT]) == 10
    for model, curve in curves.items():
        assert curve[-1] == pytest.approx(table[model].cells["utility"].mean)


def test_epochs_and_pass_k(loaded: LoadedLogs) -> None:
    rows = {(r.model, r.column): r for r in epoch_rows(loaded.episodes)}
    utility = rows[(REFUSE, "Utility")].epochs
    assert utility[1].mean == 0.5 and utility[2].mean == 0.0  # the edited pass is in epoch 1
    [passes] = pass_rows(loaded.episodes)
    # sample 1 tries [pass, fail], sample 2 [fail, fail]: pass^1 = (1/2 + 0) / 2, pass^2 = 0
    assert passes.model == REFUSE and passes.tasks == 2
    assert passes.pass_k == {1: 0.25, 2: 0.0}


def test_usage_per_role_adds_up_to_what_the_server_counted(fixture_logs: Any, loaded: LoadedLogs) -> None:
    usage = {(u.model, u.role): u for u in usage_rows(loaded.runs, loaded.episodes)}
    agent, users = usage[(STUB_AGENT, "agent")], usage[(STUB_AGENT, "user")]
    assert agent.provider_model == STUB_AGENT and users.provider_model == STUB_USER
    assert agent.total_tokens > 0 and users.total_tokens > 0
    assert agent.total_tokens + users.total_tokens == fixture_logs.stub_tokens
    assert usage[(REF, "agent")].total_tokens == 0  # built-in participants use no tokens, and it says why
    assert usage[(REF, "agent")].note == "built-in participant: rule-based, calls no language model, so it uses no tokens"
    assert usage[(STUB_AGENT, "agent")].note == ""


def test_paper_side_by_side_matches_normalised_names(loaded: LoadedLogs) -> None:
    [match] = compare(build_table(loaded.episodes))
    assert match.model == STUB_AGENT and match.paper_model == "GPT-4o-mini"
    assert match.paper["privacy"].mean == 96.7 and match.paper["utility"].se == 2.8


def test_write_report_and_cli(fixture_logs: Any, tmp_path: Path) -> None:
    files = write_report([fixture_logs.logs], tmp_path / "report")
    names = sorted(p.name for p in files.figures)
    # only the xml template ran: a by-template bar chart or heatmap would compare nothing
    assert names == sorted(f"{s}.{e}" for s in ("fig4_privacy_rounds", "fig7_attack") for e in ("png", "svg"))
    assert all(p.stat().st_size > 1000 for p in files.figures)
    summary = json.loads((tmp_path / "report" / "summary.json").read_text())
    skipped = {f["id"]: f["reason"] for f in summary["figures"]["skipped"]}
    assert skipped == {
        "fig6_template": "only one template ran (xml): nothing to compare",
        "fig8_heatmap": "needs two template and two attack values; ran 1 and 4",
    }
    assert all(f["collisions"] == [] for f in summary["figures"]["files"])
    assert files.episodes == 15 and len(list((tmp_path / "report" / "episodes").glob("*.html"))) == 15
    assert files.warnings == summary["warnings"] and len(files.warnings) == 3
    comparison = (tmp_path / "report" / "paper_comparison.md").read_text()
    assert "Different protocol" in comparison and "100.0 / 96.7 ± 1.0" in comparison  # one cluster: no ± on ours
    assert [r["model"] for r in summary["table"]["rows"]][0] == GRANT
    # the CLI writes the same table (warnings and provenance under it), and rewriting replaces stale pages
    (tmp_path / "report" / "episodes" / "stale.html").write_text("old")
    result = CliRunner().invoke(app, ["report", str(fixture_logs.logs), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    assert "| muses/grant-all | 0.0 ± 0.0 (n=4, 1 error as 0) | 75.0 ± 18.8 (n=4, 1 error as 0)" in result.output
    assert "- openai-api/local/broken · Access control: every episode errored" in result.output
    assert "- Provenance of muses/reference · Access control: generated: split=quick" in result.output
    assert not (tmp_path / "report" / "episodes" / "stale.html").exists()
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "nothing"), "--out", str(tmp_path / "x")])
    assert missing.exit_code == 2


def test_report_of_a_folder_without_logs_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no Inspect logs"):
        write_report([empty], tmp_path / "out")
    shutil.rmtree(empty)
