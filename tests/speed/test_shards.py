"""Sharded runs: stable slices by sample id, `--shard i/N` on several machines, `--shards N` here.

Why: a run split over processes or machines must play every episode exactly once and report the
same table as an unsharded run; slices must not depend on record order, or two machines reading
the same file differently would skip or double episodes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log_sample_summaries
from typer.testing import CliRunner

from muses.cli import app
from muses.report._summary import summarize_merged
from muses.runner import Shard, parse_shard, shard_count, shard_of
from muses.runner._slices import select
from muses.scenarios.access_control import generate

runner = CliRunner()


def _sample_ids(log_dir: Path) -> list[str]:
    return [str(s.id) for info in list_eval_logs(str(log_dir)) for s in read_eval_log_sample_summaries(info.name)]


def test_parse_shard_accepts_i_of_n_and_names_the_form_otherwise() -> None:
    assert parse_shard("1/4") == Shard(index=1, count=4)
    for bad in ("4/4", "-1/2", "1", "a/b", "1/0", "1/2/3"):
        with pytest.raises(ValueError, match="i/N"):
            parse_shard(bad)
    assert shard_count(3) == 3 and shard_count(0) >= 1
    with pytest.raises(ValueError, match="--shards"):
        shard_count(-1)


def test_slices_are_a_stable_partition_by_id_not_by_position() -> None:
    records = generate("quick")
    slices = [select(records, Shard(index=i, count=3)) for i in range(3)]
    ids = [r.id for part in slices for r in part]
    assert sorted(ids) == sorted(r.id for r in records) and len(ids) == len(set(ids))
    reordered = [select(list(reversed(records)), Shard(index=i, count=3)) for i in range(3)]
    assert [sorted(r.id for r in part) for part in reordered] == [sorted(r.id for r in part) for part in slices]
    assert shard_of("paper-acb-0001", 7) == shard_of("paper-acb-0001", 7)
    assert [shard_of(s, 5) for s in "abcd"] == [0, 1, 0, 4]  # fixed by SHA-256, the same on every machine


def test_shards_play_every_episode_once_and_print_one_merged_table(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", "access_control", "--shards", "2", "--out", str(out), "--no-report"])
    assert result.exit_code == 0, result.output
    ids = _sample_ids(out / "logs")
    assert len(list_eval_logs(str(out / "logs"))) == 2
    assert len(ids) == len(set(ids)) == len(generate("quick"))
    privacy = next(line for line in result.output.splitlines() if " privacy " in line)
    assert privacy.split()[-2:] == [str(len(ids)), "0"]  # n and errors over both slices


def test_machines_sharing_one_log_dir_cover_the_unsharded_run(tmp_path: Path) -> None:
    logs = tmp_path / "shared-logs"
    for index in range(3):
        args = ["run", "access_control", "--limit", "10", "--shard", f"{index}/3", "--log-dir", str(logs)]
        result = runner.invoke(app, [*args, "--out", str(tmp_path / f"m{index}"), "--no-report"])
        assert result.exit_code == 0, result.output
        assert f"slice {index}/3 only" in result.output
    whole = tmp_path / "whole"
    result = runner.invoke(app, ["run", "access_control", "--limit", "10", "--out", str(whole), "--no-report"])
    assert result.exit_code == 0, result.output
    assert sorted(_sample_ids(logs)) == sorted(_sample_ids(whole / "logs"))
    merged = {(r.metric, r.samples): r.mean for r in summarize_merged([i.name for i in list_eval_logs(str(logs))])}
    single = {(r.metric, r.samples): r.mean for r in summarize_merged([i.name for i in list_eval_logs(str(whole / "logs"))])}
    assert merged == single


def test_shards_and_shard_together_are_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--shards", "2", "--shard", "0/2", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "only one of them" in result.output


def test_more_shards_than_episodes_is_fine(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", "access_control", "--limit", "2", "--shards", "5", "--out", str(out), "--no-report"])
    assert result.exit_code == 0, result.output
    assert "no access_control episodes in slice" in result.output
    assert sorted(_sample_ids(out / "logs")) == sorted(r.id for r in generate("quick")[:2])
