"""Offline CPU pipeline: datagen -> export -> LoRA SFT of a tiny random Llama -> reload -> benchmark.

Everything is local: the base model and its BPE tokenizer are built in the test, datagen uses
the built-in participants, the trained model plays one benchmark episode through Inspect's
``hf/`` provider, and the ``vllm/`` adapter path is exercised against the local stub server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("trl")
pytest.importorskip("peft")

from inspect_ai.log import read_eval_log  # noqa: E402

from muses.testing.stub_server import StubServer  # noqa: E402
from muses.training import EpisodeDatagenConfig, export_dataset, generate_episodes  # noqa: E402
from muses.training._template import TURN_END, chat_template, label_runs, render  # noqa: E402
from muses.training._train import TrainConfig, prepare, run  # noqa: E402


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory, make_base_model: Any) -> dict[str, Any]:
    """Datagen and export once for the module; the tokenizer is trained on nothing but this data."""
    root = tmp_path_factory.mktemp("pipeline")
    config = EpisodeDatagenConfig(
        scenarios=["access_control"],
        out=root / "episodes.jsonl",
        params={"users": (2, 3), "per_size": 1, "attack": "pressure"},
        rounds=2,
        log_dir=root / "logs",
    )
    assert generate_episodes(config).kept == 2
    export = export_dataset([config.out], root / "sft")
    rows = [json.loads(line) for line in export.jsonl.read_text().splitlines()]
    corpus = [m["content"] for row in rows for key in row if key.startswith("messages") for m in row[key]]
    base = make_base_model(root / "base", corpus * 2)
    return {"root": root, "rows": rows, "base": base}


@pytest.mark.slow
def test_lora_sft_masks_replies_saves_template_and_plays_a_benchmark_episode(pipeline: dict[str, Any]) -> None:
    root, base = pipeline["root"], pipeline["base"]
    config = TrainConfig(
        data=root / "sft", base_model=str(base), out=root / "run", variant="native",
        lora_r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], learning_rate=5e-3,
        max_steps=6, batch_size=2, grad_accum=1, warmup_steps=2, logging_steps=1, save_steps=3,
        max_length=4096, use_cpu=True, merge=True,
    )
    trainer = prepare(config)
    tokenizer = trainer.processing_class

    # the loss mask covers exactly the assistant replies (and their end-of-turn token)
    for row, features in zip(pipeline["rows"], trainer.train_dataset, strict=True):
        replies = [m["content"] + TURN_END for m in row["messages"] if m["role"] == "assistant"]
        assert len(replies) == 2
        assert label_runs(tokenizer, features["input_ids"], features["labels"]) == replies
    first = trainer.train_dataset[0]
    batch = trainer.data_collator([first])
    assert label_runs(tokenizer, batch["input_ids"][0].tolist(), batch["labels"][0].tolist()) == label_runs(
        tokenizer, first["input_ids"], first["labels"]
    )

    result = run(trainer, config)
    assert result.steps == 6

    # warmup is applied and the cosine schedule decays (the paper's constant schedule ignored warmup)
    rates = [h["learning_rate"] for h in result.log_history if "learning_rate" in h]
    peak = rates.index(max(rates))
    assert max(rates) == pytest.approx(5e-3) and rates[0] < max(rates) and peak >= 1
    assert rates[-1] < max(rates) and all(a <= b for a, b in zip(rates[:peak], rates[1 : peak + 1], strict=True))

    # the template travels with every checkpoint, the adapter and the merged model
    for directory in (root / "run" / "checkpoint-3", root / "run" / "checkpoint-6", result.adapter_dir, result.merged_dir):
        assert directory is not None and (directory / "chat_template.jinja").read_text() == chat_template()
    assert json.loads((result.adapter_dir / "muses_training.json").read_text())["variant"] == "native"

    # reload: the saved tokenizer renders the training rows exactly as the package template does
    from transformers import AutoModelForCausalLM, AutoTokenizer

    reloaded = AutoTokenizer.from_pretrained(result.adapter_dir)
    row = pipeline["rows"][0]["messages"]
    assert render(reloaded, row) == render(tokenizer, row)
    assert "name=" in render(reloaded, row) and reloaded.eos_token == TURN_END
    model = AutoModelForCausalLM.from_pretrained(result.adapter_dir)
    assert model.generate(**reloaded("<|im_start|>user\nhi<|im_end|>\n", return_tensors="pt"), max_new_tokens=2).shape[1] > 0

    # one benchmark episode with the trained model through Inspect's hf/ provider (the README's
    # command line), on the first training record: Inspect's first prompt is exactly the xml
    # training example's, and the untrained model's garbage is scored as a format failure
    logs = root / "eval-logs"
    same_records = ["-T", "split=train", "-T", "users=2-3", "-T", "per_size=1", "-T", "attack=pressure"]
    _inspect_eval(["--model", f"hf/{result.adapter_dir}", "-M", "do_sample=false", "--stop-seqs", "<|im_end|>", "--max-tokens", "12", *same_records], logs)
    log = read_eval_log(str(next(logs.glob("*.eval"))))
    assert log.status == "success", log.error
    sample = log.samples[0]  # type: ignore[index]
    assert sample.error is None
    values = sample.scores["access_control_scorer"].value  # type: ignore[index]
    assert values["format_failure_rate"] == 1.0 and values["agent_turns"] == 1.0
    assert sample.output.completion
    trained = next(r for r in pipeline["rows"] if r["seed_id"] == sample.id)["messages_xml"][:2]
    sent = [{"role": m.role, "content": m.text} for m in sample.messages[:2]]
    assert [(m["role"], m["content"]) for m in trained] == [(m["role"], m["content"]) for m in sent]
    assert render(reloaded, sent, add_generation_prompt=True) == render(tokenizer, trained, add_generation_prompt=True)


def _inspect_eval(args: list[str], log_dir: Path) -> None:
    """`inspect eval muses/access_control ... --limit 1` in process, one round (quick split unless overridden)."""
    from click.testing import CliRunner
    from inspect_ai._cli.main import inspect

    command = ["eval", "muses/access_control", "-T", "split=quick", *args, "--model-role", "user=muses/scripted",
               "-T", "rounds=1", "--limit", "1", "--log-dir", str(log_dir), "--display", "none"]
    result = CliRunner().invoke(inspect, command, catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_vllm_provider_sends_adapter_requests_to_the_server(pipeline: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    adapter = pipeline["root"] / "vllm-adapter"
    adapter.mkdir(exist_ok=True)
    (adapter / "adapter_config.json").write_text(json.dumps({"r": 4, "base_model_name_or_path": str(pipeline["base"])}))
    base = f"{pipeline['base']}-vllm"
    with StubServer(reply=lambda body: '{"target": "all", "content": "hi"}', models=(base, str(adapter), "muses-sft"), record_requests=True) as stub:
        monkeypatch.setenv("VLLM_BASE_URL", stub.base_url)
        monkeypatch.setenv("VLLM_API_KEY", "test")
        for adapter_ref in (str(adapter), "muses-sft"):
            stub.reset()
            _inspect_eval(["--model", f"vllm/{base}:{adapter_ref}"], pipeline["root"] / "vllm-logs")
            assert stub.recorded and {r["model"] for r in stub.recorded} == {adapter_ref}
            assert stub.recorded[0]["messages"][0]["role"] == "system"


@pytest.mark.slow
def test_cli_train_and_shipped_configs(pipeline: dict[str, Any]) -> None:
    from accelerate.commands.config.config_args import load_config_from_file
    from typer.testing import CliRunner

    from muses.cli import app

    runner = CliRunner()
    out = pipeline["root"] / "cli-run"
    args = ["train", "--data", str(pipeline["root"] / "sft" / "train.jsonl"), "--base-model", str(pipeline["base"]),
            "--out", str(out), "--variant", "xml", "--max-steps", "1", "--lora-r", "2", "--target-modules", "q_proj",
            "--max-length", "4096", "--warmup-steps", "0", "--scheduler", "constant", "--use-cpu"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "trained 1 steps" in result.output and (out / "adapter" / "chat_template.jinja").is_file()
    shown = runner.invoke(app, ["train", "--print-configs"])
    assert shown.exit_code == 0
    paths = dict(line.split(": ", 1) for line in shown.output.strip().splitlines())
    assert load_config_from_file(paths["accelerate"]).num_processes == 2
    assert json.loads(Path(paths["deepspeed-zero2"]).read_text())["zero_optimization"]["stage"] == 2
