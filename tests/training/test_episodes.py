"""Datagen (a): train-split episodes through Inspect, filtered by score, resumable, via the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.scenarios import get_scenario
from muses.training import EpisodeDatagenConfig, generate_episodes, read_conversations
from muses.training._episodes import check_min_scores, thresholds


def _config(tmp_path: Path, **overrides: object) -> EpisodeDatagenConfig:
    fields: dict[str, object] = {
        "scenarios": ["access_control"],
        "out": tmp_path / "episodes.jsonl",
        "params": {"users": (2, 3), "per_size": 1, "attack": "pressure"},
        "rounds": 3,
        "log_dir": tmp_path / "logs",
    }
    fields.update(overrides)
    return EpisodeDatagenConfig.model_validate(fields)


def test_reference_teacher_episodes_are_kept_with_provenance_and_resume(tmp_path: Path) -> None:
    config = _config(tmp_path)
    summary = generate_episodes(config)
    assert (summary.planned, summary.kept, summary.errors) == (2, 2, 0)
    conversations = read_conversations(config.out)
    for conversation in conversations:
        p = conversation.provenance
        assert (p.kind, p.teacher, p.user_model, p.scenario, p.split) == (
            "episode", "muses/reference", "muses/scripted", "access_control", "train"
        )
        assert p.seed_id.startswith("ac-") and p.log_file and Path(p.log_file).exists()
        assert p.scores["privacy"] == 1.0 and conversation.exchanges
    again = generate_episodes(config)
    assert (again.skipped, again.kept, again.logs) == (2, 0, [])


def test_low_scoring_episodes_are_rejected_and_not_replayed(tmp_path: Path) -> None:
    config = _config(tmp_path, teacher="muses/grant-all", scenarios=["access_control", "meeting"])
    summary = generate_episodes(config)
    assert summary.kept == 0 and summary.rejected == {"privacy below 1": 2}
    assert summary.notes == ["skipping meeting: muses/grant-all does not play its agent"]
    assert generate_episodes(config).skipped == 2


def test_thresholds_default_to_the_headline_metric() -> None:
    spec = get_scenario("access_control")
    assert thresholds(spec, {}) == {"privacy": 1.0}
    assert thresholds(spec, {"utility": 0.5, "meeting:success": 1}) == {"utility": 0.5}
    with pytest.raises(ValueError, match="no metric 'nope'"):
        thresholds(spec, {"access_control:nope": 1})
    with pytest.raises(ValueError, match="no selected scenario has metric 'privcy'"):
        check_min_scores(["access_control", "meeting"], {"privcy": 1})
    with pytest.raises(ValueError, match="'queue' is not being generated"):
        check_min_scores(["access_control"], {"queue:fairness": 1})
    check_min_scores(["access_control", "meeting"], {"success": 1, "access_control:utility": 1})


def test_cli_episodes_then_export(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    out = tmp_path / "ep.jsonl"
    runner = CliRunner()
    args = ["datagen", "episodes", "access_control", "--out", str(out), "--users", "2", "--per-size", "1",
            "-P", "attack=none", "--rounds", "2", "--seeds", "0-1", "--log-dir", str(tmp_path / "logs"),
            "--min-score", "utility=1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "planned 2" in result.output and "kept 2" in result.output
    result = runner.invoke(app, ["datagen", "export", str(out), "--out", str(tmp_path / "sft")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sft" / "train.parquet").is_file()
    bad = runner.invoke(app, ["datagen", "episodes", "nowhere", "--out", str(out)])
    assert bad.exit_code == 2 and "unknown scenario" in bad.output


def test_not_applicable_scores_are_left_out_so_the_file_reads_back(tmp_path: Path) -> None:
    """An aligned execution episode has no conflict to resolve (NaN); JSON has no NaN, and writing
    it as null made the whole datagen file unreadable (`muses datagen export` failed on it)."""
    config = _config(tmp_path, scenarios=["execution"], teacher="muses/oracle", rounds=None,
                     params={"users": (2, 2), "per_size": 1})
    assert generate_episodes(config).kept >= 2
    scores = [c.provenance.scores for c in read_conversations(config.out)]
    assert any("conflict_resolution" not in s for s in scores)
    assert any(s.get("conflict_resolution") == 1.0 for s in scores)
    assert all(s["execution_accuracy"] == 1.0 for s in scores)
