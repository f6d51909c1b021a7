"""Dataset export, explicit training choices (no fallback data, no silent QLoRA), eval helpers."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from muses.training import export_dataset, sft_messages
from muses.training._conversation import Exchange, Provenance, Turn, make_conversation, system_prompts
from muses.training._deps import MissingTrainingDependency, require
from muses.training._serve import hf_model, vllm_model, vllm_serve_command
from muses.training._store import ConversationStore
from muses.training._train import TrainConfig, load_dataset, resolve_data_file

README = Path(__file__).resolve().parents[2] / "src" / "muses" / "training" / "README.md"


def _conversation(cid: str, speakers: tuple[str, ...] = ("Ana", "Ben", "Cy", "Dee", "Eli")) -> Any:
    provenance = Provenance(kind="episode", teacher="muses/reference", user_model="muses/scripted", scenario="access_control",
                            split="train", seed_id=f"ac-{cid}", template="xml", log_file="x.eval", scores={"privacy": 1.0})
    exchanges = [Exchange(inputs=[Turn(speaker=s, content=f"{s} asks {cid}") for s in speakers], reply='{"target": "all", "content": "ok"}')]
    return make_conversation(cid, list(speakers), system_prompts(lambda t: f"sys {t}"), exchanges, provenance)


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    pytest.importorskip("datasets")
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    ConversationStore(first).append([_conversation("one"), _conversation("two")])
    ConversationStore(second).append([_conversation("one"), _conversation("three", ("Ana", "Ben"))])
    summary = export_dataset([first, second], tmp_path / "sft")
    assert (summary.rows, summary.duplicates) == (3, 1)
    return tmp_path / "sft"


def test_export_writes_jsonl_and_parquet_with_every_variant(exported: Path) -> None:
    import datasets

    parquet = datasets.load_dataset("parquet", data_files=str(exported / "train.parquet"), split="train")
    jsonl = datasets.load_dataset("json", data_files=str(exported / "train.jsonl"), split="train")
    assert parquet.to_list() == jsonl.to_list()
    row = parquet[0]
    assert {"messages", "messages_xml", "messages_says", "messages_colon", "teacher", "seed_id", "log_file"} <= set(row)
    assert [m["name"] for m in row["messages"] if m["role"] == "user"] == ["Ana", "Ben", "Cy", "Dee", "Eli"]
    assert row["messages"] == sft_messages(_conversation("one"), "native")
    assert row["messages_xml"][1]["content"].startswith("<Ana>Ana asks one</Ana>\n\n<Ben>")
    assert (row["teacher"], row["split"], row["num_users"], json.loads(row["scores"])) == ("muses/reference", "train", 5, {"privacy": 1.0})


def test_export_refuses_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(ValueError, match="no conversations in .*empty.jsonl"):
        export_dataset([tmp_path / "empty.jsonl"], tmp_path / "out")
    with pytest.raises(FileNotFoundError, match="nope.jsonl"):
        export_dataset([tmp_path / "nope.jsonl"], tmp_path / "out")


def test_training_data_errors_name_the_file_and_never_fall_back(tmp_path: Path, exported: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing.parquet"):
        resolve_data_file(tmp_path / "missing.parquet")
    with pytest.raises(FileNotFoundError, match="no train.parquet or train.jsonl"):
        resolve_data_file(tmp_path)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(Exception, match="empty"):
        load_dataset(empty, "native")
    (tmp_path / "other.jsonl").write_text('{"text": "hi"}\n')
    with pytest.raises(ValueError, match=r"other.jsonl: no column 'messages_xml'"):
        load_dataset(tmp_path / "other.jsonl", "xml")
    dataset = load_dataset(exported, "says")
    assert dataset.column_names == ["messages"] and dataset[0]["messages"][1]["content"].startswith("Ana says:")


def test_schedule_and_quantization_are_explicit() -> None:
    base = {"data": "d", "base_model": "m", "out": "o"}
    assert TrainConfig.model_validate(base).warmup() == 0.1 and TrainConfig.model_validate(base).load_in_4bit is False
    assert TrainConfig.model_validate({**base, "warmup_steps": 5}).warmup() == 5
    with pytest.raises(ValueError, match="ignores warmup"):
        TrainConfig.model_validate({**base, "scheduler": "constant"})
    assert TrainConfig.model_validate({**base, "scheduler": "constant", "warmup_ratio": 0}).warmup() == 0
    with pytest.raises(ValueError, match="not both"):
        TrainConfig.model_validate({**base, "warmup_steps": 5, "warmup_ratio": 0.2})


def test_missing_extra_names_the_install_command() -> None:
    with pytest.raises(MissingTrainingDependency, match=r"no_such_module_x not installed.*muses\[train\]"):
        require("json", "no_such_module_x")


def test_eval_helpers(tmp_path: Path) -> None:
    adapter = _adapter_dir(tmp_path)
    assert hf_model(adapter) == f"hf/{adapter.resolve()}"
    with pytest.raises(FileNotFoundError, match="not a model or adapter directory"):
        hf_model(tmp_path)
    assert vllm_model("Qwen/Qwen3-4B", "muses-sft") == "vllm/Qwen/Qwen3-4B:muses-sft"
    command = vllm_serve_command("Qwen/Qwen3-4B", adapter)
    assert command[:4] == ["vllm", "serve", "Qwen/Qwen3-4B", "--enable-lora"]
    assert command[command.index("--chat-template") + 1] == str(adapter.resolve() / "chat_template.jinja")
    assert command[command.index("--max-lora-rank") + 1] == "8"
    (adapter / "muses_training.json").write_text(json.dumps({"add_chat_tokens": True}))
    with pytest.raises(ValueError, match="merged model"):
        vllm_serve_command("Qwen/Qwen3-4B", adapter)


def _commands(text: str) -> list[list[str]]:
    """Command lines inside the README's code fences, without leading VAR=value assignments."""
    blocks = text.split("```")[1::2]
    commands = []
    for line in (line for block in blocks for line in block.splitlines()):
        argv = shlex.split(line) if line and not line.startswith("<|") else []
        while argv and re.match(r"^[A-Z_]+=", argv[0]):
            argv = argv[1:]
        if argv and argv[0] in ("muses", "inspect", "accelerate", "vllm"):
            commands.append(argv)
    return commands


def _adapter_dir(tmp_path: Path) -> Path:
    adapter = tmp_path / "adapter"
    adapter.mkdir(exist_ok=True)
    (adapter / "adapter_config.json").write_text(json.dumps({"r": 4}))
    return adapter


def test_readme_command_lines_use_real_options(tmp_path: Path) -> None:
    """Every flag in the README's `muses ...` and `inspect eval ...` lines exists on that command."""
    import typer.main
    from inspect_ai._cli.main import inspect

    from muses.cli import app

    commands = _commands(README.read_text(encoding="utf-8"))
    assert len(commands) >= 8
    roots = {"muses": typer.main.get_command(app), "inspect": inspect}
    serve = [argv for argv in commands if argv[0] == "vllm"]
    helper = vllm_serve_command("B", _adapter_dir(tmp_path))
    assert serve and all({t for t in argv if t.startswith("--")} == {t for t in helper if t.startswith("--")} - {"--port"} for argv in serve)
    for argv in commands:
        if argv[0] == "vllm":
            continue
        if argv[0] == "accelerate":
            argv = argv[argv.index("muses.cli") :]
            argv[0] = "muses"
        command: Any = roots[argv[0]]  # typer vendors its own click: duck-type the groups
        rest = argv[1:]
        while hasattr(command, "commands") and rest and rest[0] in command.commands:
            command = command.commands[rest.pop(0)]
        known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        unknown = [token.split("=")[0] for token in rest if token.startswith("-") and token.split("=")[0] not in known]
        assert not unknown, f"{shlex.join(argv)}: unknown options {unknown}"
