"""Statistics that say what they are: runs with different settings never share a cell unless asked,
unfinished logs are reported as such, and a single cluster gives no standard error."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai import eval
from inspect_ai.log import EvalLog, read_eval_log, write_eval_log

from muses.inspect.tasks import access_control, meeting
from muses.report import build_table, effective_params, load_logs, report_warnings, to_markdown, write_report

REF = "muses/reference"


def _run(log_dir: Path, task_fn: object, **params: object) -> EvalLog:
    [log] = eval(task_fn(**params), model=REF, display="none", log_dir=str(log_dir))  # type: ignore[operator]
    assert log.status == "success"
    return log


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Access control at 2 and at 3 rounds (the 2-round run twice: split left unset, then set to its
    default), and meeting at 2 rounds."""
    logs = tmp_path_factory.mktemp("mixed")
    _run(logs, access_control, split="test", limit=2, rounds=2)
    _run(logs, access_control, limit=2, rounds=2)
    _run(logs, access_control, split="test", limit=2, rounds=3)
    _run(logs, meeting, split="quick", limit=2, rounds=2)
    return logs


def test_defaults_are_filled_in_so_equal_settings_compare_equal() -> None:
    unset = effective_params("access_control", {"rounds": 2})
    explicit = effective_params("access_control", {"rounds": 2, "split": "test", "limit": 5})
    assert unset == explicit and "limit" not in unset
    assert effective_params("access_control", {})["rounds"] == 10  # the scenario's default, not None
    from_file = effective_params("access_control", {"data": "/some/where/records.jsonl", "split": "quick"})
    assert from_file["data"] == "records.jsonl" and "split" not in from_file


def test_different_rounds_get_different_rows(mixed: Path) -> None:
    logs = load_logs([mixed])
    rows = {row.model: row for row in build_table(logs.episodes).rows}
    assert sorted(rows) == [f"{REF} · rounds=2", f"{REF} · rounds=3"]
    two, three = rows[f"{REF} · rounds=2"], rows[f"{REF} · rounds=3"]
    # the two 2-round runs are one setting: their samples are duplicates, not extra episodes
    assert two.cells["privacy"].n == 2 and logs.duplicates == 2
    # meeting ran at 2 rounds too, so it shares the 2-round row
    assert "meeting_success" in two.cells and "meeting_success" not in three.cells
    assert three.cells["privacy"].n == 2
    assert not any("merges runs" in w for w in report_warnings(logs, build_table(logs.episodes)))


def test_merge_is_asked_for_and_said(mixed: Path, tmp_path: Path) -> None:
    files = write_report([mixed], tmp_path / "report", merge=True)
    assert files.models == [REF]
    assert "Access control merges runs with different settings (as asked): rounds=2 vs rounds=3." in "\n".join(files.warnings)
    table = files.table_markdown.read_text()
    # the first episodes of a split are variants of one base scenario (issue 18's --limit 3 case)
    assert f"| {REF} | 100.0 (n=4, 1 cluster: no SE) |" in table
    assert "rounds=2 | 3" in table  # the merged cell's provenance names both values


def _unfinished(log: EvalLog, out: Path, keep: int) -> Path:
    log.status = "started"
    log.results = None
    log.samples = (log.samples or [])[:keep]
    write_eval_log(log, str(out))
    return out


def test_logs_that_never_finished_are_reported(mixed: Path, tmp_path: Path) -> None:
    source = read_eval_log(next(iter(sorted(mixed.glob("*.eval")))))
    partial = _unfinished(source, tmp_path / "partial.eval", keep=1)
    logs = load_logs([partial])
    warnings = report_warnings(logs, build_table(logs.episodes))
    assert warnings[0] == (
        f"log partial.eval ({source.eval.task.split('/')[-1]}, {REF}) never finished (status 'started': "
        "interrupted, killed or still running); 1 episode read from it."
    )
    empty = _unfinished(read_eval_log(str(partial)), tmp_path / "empty" / "empty.eval", keep=0)
    files = write_report([empty], tmp_path / "report")
    assert files.episodes == 0
    assert "These logs hold no episodes: the table is empty." in files.warnings
    assert "never finished" in (tmp_path / "report" / "index.html").read_text()


def test_one_cluster_prints_no_standard_error(mixed: Path) -> None:
    logs = load_logs([mixed])
    single = [ep for ep in logs.episodes if ep.scenario == "meeting"][:1]
    markdown = to_markdown(build_table(single))
    assert "(n=1, 1 cluster: no SE)" in markdown and "±" not in markdown.splitlines()[2]
