"""Report pieces on hand-made episodes: statistics, names, paper data, highlighting, every figure."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from muses.report import (
    Episode,
    build_table,
    clustered_se,
    declared_figures,
    estimate,
    normalise,
    paper_rows,
    pass_hat_k,
    to_markdown,
    write_figures,
)
from muses.report._html_common import highlight
from muses.report._paper import match


def _ep(scenario: str, model: str, values: dict[str, float] | None, base: str, **groups: Any) -> Episode:
    return Episode(
        scenario=scenario, task=scenario, model=model, agent_model=model, user_model="muses/scripted",
        sample_id=f"{scenario}-{base}-{len(groups)}-{sorted(groups.items())}", epoch=1, base_id=base,
        groups=groups, values=values, error=None if values is not None else "boom", log="x.eval",
    )  # fmt: skip


def test_clustered_se_by_hand() -> None:
    # one observation per cluster: equals sqrt(n/(n-1)) * population sd / sqrt(n) = sample SE
    assert clustered_se([0.0, 1.0], ["a", "b"]) == pytest.approx(0.5)
    # [1, 1 | 0 | 0]: mean .5, cluster sums 1, -.5, -.5 -> sqrt(1.5 * 3/2) / 4
    assert clustered_se([1.0, 1.0, 0.0, 0.0], ["a", "a", "b", "c"]) == pytest.approx(1.5**0.5 * 1.5**0.5 / 4)
    assert clustered_se([0.0, 1.0], ["a", "a"]) == 0.0  # one cluster carries no between-cluster variance
    assert estimate([], []).mean is None


def test_pass_hat_k_by_hand() -> None:
    trials = [[True, True, False], [True, False, False]]
    # k=1: (2/3 + 1/3) / 2; k=2: (C(2,2)/C(3,2) + 0) / 2 = (1/3) / 2; k=3: 0
    assert pass_hat_k(trials, 1) == pytest.approx(0.5)
    assert pass_hat_k(trials, 2) == pytest.approx(1 / 6)
    assert pass_hat_k(trials, 3) == 0.0
    assert pass_hat_k(trials, 4) is None


@pytest.mark.parametrize(
    ("ours", "paper"),
    [
        ("openai/gpt-4o-mini", "GPT-4o-mini"),
        ("openai/gpt-4o-mini-2024-07-18", "GPT-4o-mini"),
        ("anthropic/claude-3-5-haiku-20241022", "Claude-3.5-Haiku"),
        ("anthropic/claude-sonnet-4-5", "Claude-Sonnet-4.5"),
        ("openrouter/google/gemini-3-pro-preview", "Gemini-3-Pro"),
        ("vllm/meta-llama/Meta-Llama-3-70B-Instruct", "Llama-3-70B"),
        ("hf/Qwen/Qwen3-4B-Instruct-2507", "Qwen3-4B-IT"),
        ("openrouter/qwen/qwen3-30b-a3b", "Qwen3-30B"),
        ("together/deepseek-ai/DeepSeek-R1-0528", "DeepSeek-R1"),
        ("x-ai/grok-4.1-fast", "Grok-4.1-Fast"),
    ],
)
def test_model_names_match_the_paper(ours: str, paper: str) -> None:
    found = match(ours, paper_rows())
    assert found is not None and found.model == paper


def test_names_that_must_not_match() -> None:
    rows = paper_rows()
    assert match("muses/reference", rows) is None
    assert match("openai/gpt-4o", rows) is None  # not gpt-4o-mini
    assert normalise("GPT-5.1") != normalise("GPT-5.2")


def test_paper_data_is_the_published_table() -> None:
    data = json.loads(resources.files("muses.report").joinpath("paper_table2.json").read_text())
    assert "2604.08567" in data["source"]["citation"] and data["protocol"]
    rows = paper_rows()
    assert len(rows) == 19
    for row in rows:  # Avg is the mean of the five columns, to the printed precision
        assert sum(c.mean for c in row.cells.values()) / 5 == pytest.approx(row.avg, abs=0.06)
    gemini = next(r for r in rows if r.model == "Gemini-3-Pro")
    assert gemini.cells["selection_f1"].mean == 97.3 and gemini.avg == 85.6
    assert next(r for r in rows if r.model == "GPT-5.2").cells["privacy"].se is None  # printed as 100.0


def test_highlight_escapes_and_marks() -> None:
    text = "key <b>A&B-123</b> and A&B-123"
    out = highlight(text, leaks=["A&B-123"])
    assert out.count('<mark class="leak">A&amp;B-123</mark>') == 2 and "&lt;b&gt;" in out
    assert '<span class="secret">' in highlight("x A1 y", secrets=["A1"])


def _all_scenarios() -> list[Episode]:
    eps = []
    for model in ("openai/gpt-4o-mini", "muses/reference"):
        for i, variant in enumerate(("aligned", "conflict", "aligned")):
            success = float("nan") if variant == "aligned" else 1.0
            values = {"execution_success": success, "execution_accuracy": i % 2, "format_failure_rate": 0}
            eps.append(_ep("execution", model, values, f"e{i}", variant=variant))
        for users in (2, 4):
            for disclosure in ("full", "partial"):
                values = {"success": float(users == 2), "turns": 2.0 + users, "format_failure_rate": 0.0}
                eps.append(_ep("meeting", model, values, f"m{users}", users=users, disclosure=disclosure))
        eps.append(_ep("selection", model, {"macro_f1": 0.6, "selection_f1": 0.8, "format_failure_rate": 0.0}, "s1", users=3))
        eps.append(_ep("queue", model, {"welfare": 0.9, "fairness": 0.7, "format_failure_rate": 0.0}, "q1", load="high"))
        eps.append(_ep("meeting", model, None, "m9", users=4, disclosure="full"))  # an error
    return eps


def test_every_column_and_scenario_figure_when_data_exists(tmp_path: Path) -> None:
    episodes = _all_scenarios()
    table = build_table(episodes)
    assert [c.label for c in table.columns] == [
        "Selection macro-F1", "Selection F1 (paper)", "Execution success", "Execution Acc. (paper)",
        "Meeting Success", "Meeting Success (paper def.)", "Queue welfare", "Queue fairness (Jain)",
    ]  # fmt: skip
    row = table.rows[0]
    # meeting: success [1, 1, 0, 0] plus the error (0) -> 2/5
    assert row.cells["meeting_success"].mean == pytest.approx(0.4) and row.errors == 1
    # execution success is undefined (NaN) without conflicts: only the conflict episode has a value
    assert row.cells["execution_success"].n == 1 and row.cells["execution_acc"].n == 3
    # Avg is over the headline columns present: macro-F1, execution success, meeting success, queue welfare
    assert row.avg_of == 4 and row.avg == pytest.approx((0.6 + 1.0 + 0.4 + 0.9) / 4)
    assert "| 72.5 | 1/10 |" in to_markdown(table)  # all 4 of the table's headline columns: no (k/N)
    # a row with only meeting has 1 of the table's 4 headline columns, and says so
    alone = build_table([*episodes, _ep("meeting", "only/meeting", {"success": 1.0}, "m1", users=2)])
    assert "| only/meeting | – | – | – | – | 100.0 (n=1, 1 cluster: no SE) | – | – | – | 100.0 (1/4) | 0/1 | – |" in to_markdown(alone)
    written = {f.id for f in write_figures(episodes, tmp_path)}
    assert written == {"fig3_execution", "fig5_meeting_disclosure", "fig9_users"}
    assert {f.id for _, f in declared_figures()} >= written


def test_no_figure_and_no_column_for_an_unknown_scenario(tmp_path: Path) -> None:
    episodes = [_ep("future_scenario", "m", {"score": 1.0}, "b")]
    assert build_table(episodes).columns == []
    assert write_figures(episodes, tmp_path) == []


def test_muses_run_ends_with_the_report_of_that_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from muses.cli import app

    args = ["run", "access_control", "-T", "users=2", "--limit", "2", "--out", str(tmp_path / "run")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = tmp_path / "run" / "report"
    assert f"report: {report / 'index.html'}" in result.output
    assert "| muses/reference | 100.0 (n=2, 1 cluster: no SE) | 100.0 (n=2, 1 cluster: no SE) |" in (report / "table.md").read_text()
    assert (report / "figures" / "fig4_privacy_rounds.svg").exists() and len(list((report / "episodes").iterdir())) == 2


def test_turns_that_did_not_end_normally_are_shown() -> None:
    from muses.report import LoadedLogs, report_warnings
    from muses.report._episode_page import episode_page
    from muses.report._html_episodes import status

    ep = _ep("meeting", "m", {"success": 1.0, "format_failure_rate": 0.0}, "b1", users=2)
    ep.turn_issues = [
        {"round": 0, "role": "agent", "kind": "max_tokens", "detail": "512 tokens"},
        {"round": 1, "role": "user:Ann", "kind": "model_length", "detail": "context full"},
    ]
    clean = _ep("meeting", "m", {"success": 1.0, "format_failure_rate": 0.0}, "b2", users=2)
    logs = LoadedLogs(runs=[], episodes=[ep, clean])
    warnings = report_warnings(logs, build_table(logs.episodes))
    assert (
        "m · Meeting: 2 model turns did not end normally in 1 episode (max_tokens 1, model_length 1); "
        "the episode pages show which."
    ) in warnings
    assert status(ep) == "turns cut off" and status(clean) == "ok"
    page = episode_page(ep)
    assert 'id="turn-issues"' in page and "<td>user:Ann</td><td>model_length</td>" in page


def test_run_metrics_pair_variants_and_leave_out_what_cannot_be_paired() -> None:
    from muses.report import run_metric_rows
    from muses.report._run_metrics import run_metric_lines

    episodes = [
        _ep("queue", "m", {"focal_service": 0.2, "welfare": 1.0}, "a", inflated=False),
        _ep("queue", "m", {"focal_service": 0.7, "welfare": 1.0}, "a", inflated=True),  # gains 0.5
        _ep("queue", "m", {"focal_service": 0.6, "welfare": 1.0}, "b", inflated=False),
        _ep("queue", "m", {"focal_service": 0.4, "welfare": 1.0}, "b", inflated=True),  # loses: clipped to 0
        _ep("queue", "m", {"focal_service": 0.9, "welfare": 1.0}, "c", inflated=True),  # no honest variant
        _ep("queue", "m", None, "c", inflated=False),  # errored: not a pair member
    ]
    [row] = run_metric_rows(episodes)
    assert row.key == "queue_inflation_gain" and row.n == 2 and row.value == pytest.approx(0.25)
    assert "1 base scenario(s) with one variant only" in row.note and not row.higher_is_better
    assert run_metric_lines([row]) == ["Queue inflation gain (paired) ↓ for m: 25.0 (n=2; 1 base scenario(s) with one variant only, left out)"]


def test_an_error_is_a_failure_on_rates_and_no_value_where_lower_is_better() -> None:
    episodes = [
        _ep("meeting", "m", {"success": 1.0, "regret": 0.2, "turns_if_success": 3.0}, "a", users=2),
        _ep("meeting", "m", None, "b", users=2),  # errored
    ]
    row = build_table(episodes).rows[0]
    assert row.cells["meeting_success"].n == 2 and row.cells["meeting_success"].mean == pytest.approx(0.5)
    assert row.cells["meeting_regret"].n == 1 and row.cells["meeting_regret"].mean == pytest.approx(0.2)
    assert row.cells["meeting_turns_if_success"].n == 1


def test_report_files_get_the_usual_modes(tmp_path: Path) -> None:
    import os
    import stat

    from muses.report._write import _write

    old = os.umask(0o022)
    try:
        path = _write(tmp_path / "r" / "table.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_turns_that_did_not_end_normally_show_beside_the_errors() -> None:
    from muses.report._formats import to_csv

    cut = _ep("meeting", "m", {"success": 0.0, "format_failure_rate": 1.0}, "a", users=2)
    cut.turn_issues = [{"round": 0, "role": "agent", "kind": "max_tokens", "detail": "cut at 1024 tokens"}]
    table = build_table([cut, _ep("meeting", "m", {"success": 1.0, "format_failure_rate": 0.0}, "b", users=2)])
    assert table.rows[0].turn_issues == 1 and "| 0/2 (1 turn issue) |" in to_markdown(table)
    assert to_csv(table).splitlines()[1].endswith(",1")
