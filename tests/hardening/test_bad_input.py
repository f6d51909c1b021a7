"""Bad input to `muses run` stops with one clear line (file, line, field or parameter), never a traceback.

Why: a run over thousands of episodes is often started from a script; a malformed line or a typo
in a parameter must say exactly what to fix before any model is called.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from muses.cli import app
from muses.scenarios.access_control import generate

runner = CliRunner()


def _good_line() -> str:
    return json.dumps(generate("quick")[0].model_dump(mode="json"))


CASES: dict[str, tuple[bytes | None, str]] = {
    "empty": (b"", "{path}: no records"),
    "blank lines only": (b"\n  \n\n", "{path}: no records"),
    "not UTF-8": (b"\xff\xfe\x00garbage\n", "{path}:1: not UTF-8 text"),
    "a JSON array": (b"[1, 2]\n", "{path}:1: expected a JSON object, got list"),
    "a JSON string": (b'"text"\n', "{path}:1: expected a JSON object, got str"),
    "cut-off JSON": (b'{"scenario": "access_control", "id": "x\n', "{path}:1: invalid JSON"),
    "unknown scenario": (b'{"scenario": "chess", "id": "x"}\n', "{path}:1: field 'scenario': 'chess'"),
    "missing fields": (b'{"scenario": "access_control", "id": "x"}\n', "{path}:1: field 'base_id'"),
    "a directory": (None, "{path}: not a file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_data_files_name_the_file_and_line(tmp_path: Path, case: str) -> None:
    content, expected = CASES[case]
    path = tmp_path / "data.jsonl"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    result = runner.invoke(app, ["run", "--data", str(path), "--out", str(tmp_path / "run"), "--no-report"])
    assert result.exit_code == 2, result.output
    assert expected.format(path=path) in result.output
    assert "Traceback" not in result.output


def test_duplicate_ids_and_bad_later_lines_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    good = _good_line()
    path.write_text(f"{good}\n\n{good}\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--data", str(path), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2 and f"{path}:3: field 'id'" in result.output and "line 1" in result.output
    path.write_text("\ufeff" + good + "\n{oops\n", encoding="utf-8")  # a BOM is fine, line 2 is not
    result = runner.invoke(app, ["run", "--data", str(path), "--out", str(tmp_path / "run")])
    assert result.exit_code == 2 and f"{path}:2: invalid JSON" in result.output


def test_unknown_task_parameters_are_named_with_the_valid_ones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "access_control", "-T", "foo=1", "-T", "atack=pressure", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown task parameter 'atack', 'foo' for access_control" in result.output
    assert "valid: attack, authorization, data," in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-T", "novalue"], "expected key=value"),
        (["--shard", "2/2"], "0 <= i < N"),
        (["--shards", "-1"], "--shards"),
        (["--model", "muses/nobody"], "unknown built-in participant"),
    ],
)
def test_bad_options_are_clear(tmp_path: Path, args: list[str], expected: str) -> None:
    result = runner.invoke(app, ["run", "access_control", *args, "--out", str(tmp_path)])
    assert result.exit_code == 2 and expected in result.output, result.output
