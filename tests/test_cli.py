"""The `muses` command line: generate, import-paper, run any data file, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from muses.cli import app

runner = CliRunner()


def test_generate_is_deterministic_and_runs_from_the_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        result = runner.invoke(app, ["generate", "access_control", "--split", "quick", "--seed", "7", "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_text().splitlines()) == 21
    result = runner.invoke(app, ["run", "--data", str(first), "--limit", "2", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert "privacy" in result.output and "1.000" in result.output
    assert list((tmp_path / "run" / "logs").glob("*.eval"))


def test_generate_scales_users_and_takes_scenario_parameters(tmp_path: Path) -> None:
    out = tmp_path / "big.jsonl"
    result = runner.invoke(
        app, ["generate", "access_control", "--users", "30", "--per-size", "1", "-P", "attack=partial", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(record["users"]) == 30 and record["attack"] == "partial"


def test_malformed_data_file_names_file_line_and_field(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    runner.invoke(app, ["generate", "access_control", "--split", "quick", "--out", str(good)])
    lines = good.read_text().splitlines()
    broken = json.loads(lines[1])
    broken["users"][0]["authority"] = 42
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(broken), "{not json"]) + "\n")
    result = runner.invoke(app, ["run", "--data", str(bad), "--out", str(tmp_path / "r")])
    assert result.exit_code != 0
    assert f"{bad}:2" in result.output and "users.0.authority" in result.output
    bad.write_text(lines[0] + "\n{not json\n")
    result = runner.invoke(app, ["run", "--data", str(bad), "--out", str(tmp_path / "r")])
    assert f"{bad}:2" in result.output and "invalid JSON" in result.output
    bad.write_text(json.dumps({"scenario": "chess", "id": "x"}) + "\n")
    result = runner.invoke(app, ["run", "--data", str(bad), "--out", str(tmp_path / "r")])
    assert "field 'scenario'" in result.output and "import-paper" in result.output


def test_bad_model_names_and_parameters_are_clear_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--model", "muses/bogus", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "unknown built-in participant 'muses/bogus'" in result.output
    result = runner.invoke(app, ["run", "--model", "muses/scripted", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "simulated users" in result.output
    result = runner.invoke(app, ["run", "access_control", "-T", "attack=bribery", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "bribery" in result.output
    result = runner.invoke(app, ["run", "access_control", "-T", "template=yaml", "--out", str(tmp_path)])
    assert result.exit_code != 0 and "template" in result.output


def test_missing_provider_package_names_the_install_step(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "access_control", "--model", "anthropic/claude-haiku-4-5", "--limit", "1", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "pip install" in result.output


def test_import_paper_converts_every_access_control_file(tmp_path: Path, paper_data: Path) -> None:
    out = tmp_path / "ac.jsonl"
    files = sorted(str(p) for p in (paper_data / "access_control").glob("*.jsonl"))
    result = runner.invoke(app, ["import-paper", *files, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 216
    result = runner.invoke(app, ["run", "--data", str(out), "--limit", "3", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output


def test_import_paper_rejects_unknown_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"hello": 1}\n')
    result = runner.invoke(app, ["import-paper", str(bad), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0 and "x.jsonl:1" in result.output
    assert not (tmp_path / "o.jsonl").exists()


def test_several_agents_in_one_run_share_one_table_and_report(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["run", "access_control", "--model", "muses/reference,muses/grant-all", "--limit", "2", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert "muses/reference" in result.output and "muses/grant-all" in result.output
    table = (tmp_path / "report" / "table.md").read_text()
    assert "muses/reference" in table and "muses/grant-all" in table


def test_builtins_plays_each_scenario_with_the_agents_that_play_it(tmp_path: Path) -> None:
    from muses.runner import builtin_agents

    agents = builtin_agents()
    assert agents[:2] == ["muses/reference", "muses/oracle"]
    assert {"muses/grant-all", "muses/refuse-all"} <= set(agents)
    result = runner.invoke(app, ["run", "access_control", "--builtins", "--limit", "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "does not play" not in result.output
    for agent in ("muses/reference", "muses/oracle", "muses/grant-all", "muses/refuse-all"):
        assert agent in result.output


def _env(**values: str) -> dict[str, str]:
    """The environment without any model URL or key, plus ``values``."""
    import os

    cleared = {k: v for k, v in os.environ.items() if not k.endswith(("_BASE_URL", "_API_KEY")) and k != "CI"}
    return {**cleared, **values}


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_missing_urls_and_keys_are_one_line_errors_naming_the_fix(tmp_path: Path) -> None:
    cases = {
        ("--model", "muses-http/qwen"): "error: muses-http/qwen needs its server's URL: export "
        "MUSES_HTTP_BASE_URL=http://127.0.0.1:8000/v1 (or -M base_url=...)",
        ("--model", "openai-api/local/qwen"): "error: openai-api/local/qwen needs LOCAL_BASE_URL and LOCAL_API_KEY: export "
        "LOCAL_BASE_URL=http://127.0.0.1:8000/v1 LOCAL_API_KEY=local (any value for a server without keys)",
        ("--model", "openai/gpt-4o-mini"): "error: openai/gpt-4o-mini needs an API key: export OPENAI_API_KEY=... "
        "(a local OpenAI-compatible server: any value)",
        ("--user-model", "muses-http/qwen"): "error: muses-http/qwen needs its server's URL: export "
        "MUSES_HTTP_BASE_URL=http://127.0.0.1:8000/v1",
        ("--model", "vllm/Qwen/Qwen3-4B"): "error: vllm/Qwen/Qwen3-4B needs a running server: export "
        "VLLM_BASE_URL=http://127.0.0.1:8000/v1 (or pip install vllm and Inspect starts one)",
    }
    for args, message in cases.items():
        result = runner.invoke(app, ["run", "meeting", *args, "--out", str(tmp_path)], env=_env())
        assert result.exit_code == 2, result.output
        assert result.output.strip() == message


def test_a_missing_key_with_the_url_set_names_only_the_key(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "meeting", "--model", "openai-api/local/qwen", "--out", str(tmp_path)],
                           env=_env(LOCAL_BASE_URL="http://127.0.0.1:9/v1"))
    assert _last_line(result.output) == (
        "error: openai-api/local/qwen needs LOCAL_API_KEY: export LOCAL_BASE_URL=http://127.0.0.1:8000/v1 "
        "LOCAL_API_KEY=local (any value for a server without keys)"
    )


def test_nothing_to_run_says_why_and_which_agents_play(tmp_path: Path) -> None:
    data = tmp_path / "selection.jsonl"
    assert runner.invoke(app, ["generate", "selection", "--out", str(data)]).exit_code == 0
    result = runner.invoke(app, ["run", "--data", str(data), "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert _last_line(result.output).startswith(
        "error: nothing to run for muses/reference: muses/reference does not play selection (agents that do: muses/accept-all,"
    )


def test_an_agent_that_plays_nothing_is_skipped_with_a_note_and_the_others_run(tmp_path: Path) -> None:
    data = tmp_path / "selection.jsonl"
    runner.invoke(app, ["generate", "selection", "--out", str(data)])
    result = runner.invoke(app, ["run", "--data", str(data), "--limit", "2", "--model", "muses/reference,muses/oracle",
                                 "--out", str(tmp_path / "r"), "--no-report"])
    assert result.exit_code == 0, result.output
    assert "note: skipping muses/reference: muses/reference does not play selection" in result.output
    assert "selection  muses/oracle" in result.output


def test_a_task_parameter_applies_where_it_exists(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "access_control", "meeting", "-T", "attack=pressure", "--limit", "1",
                                 "--out", str(tmp_path), "--no-report"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["run", "meeting", "-T", "attack=pressure", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert _last_line(result.output).startswith("error: unknown task parameter 'attack' for meeting; valid:")


def test_muses_list_shows_parameters_choices_defaults_and_agents() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    text = result.output
    assert "    template: xml|says|colon|bracket|native = -  User-turn template" in text
    assert "    attack: str = all  'all', one attack or a comma-separated list: none, pressure," in text
    assert "  agents: muses/reference, muses/grant-all, muses/refuse-all, muses/careful-refuser," in text
    assert "    variant: str = all  'all', 'aligned' or 'conflict'." in text
    assert "default limits: agent 1024 tokens, users 384 tokens" in text
    assert "Scenarios: selection, execution, access_control, meeting, queue." in runner.invoke(app, ["run", "--help"]).output


def test_bad_user_generation_settings_are_one_line_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "meeting", "-U", "temprature=0.9", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert _last_line(result.output).startswith("error: unknown generation setting 'temprature' for the user role (-U); valid:")


def test_generate_and_run_default_to_the_same_split(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    runner.invoke(app, ["generate", "meeting", "--out", str(out)])
    assert {json.loads(line)["split"] for line in out.read_text().splitlines()} == {"quick"}


def test_generated_data_is_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    runner.invoke(app, ["generate", "meeting", "--out", str(out)])
    assert out.stat().st_mode & 0o044 == 0o044


def test_unknown_record_fields_are_errors_naming_file_line_and_field(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    runner.invoke(app, ["generate", "meeting", "--out", str(good)])
    record = json.loads(good.read_text().splitlines()[0])
    record["atack"] = "pressure"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record) + "\n")
    result = runner.invoke(app, ["run", "--data", str(bad), "--out", str(tmp_path / "r")])
    assert result.exit_code == 2 and f"{bad}:1" in result.output and "atack" in result.output
