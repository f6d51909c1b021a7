"""LoRA on the real model: the adapter and the merged model load unchanged through hf/ and vllm/.

``muses train`` fine-tunes SmolLM2-135M-Instruct for two steps on oracle selection episodes of
the train split (the cheapest scenario: one turn), with ``--merge``. Then, without touching the
saved directories: both play a benchmark episode through Inspect's ``hf/`` provider, both are
addressed through the ``vllm/`` provider of a running (stub) server, and the trained model's
saved template renders the benchmark chat byte for byte as the base model's own template does,
so a base-versus-trained comparison (``benchmarks/training_effect.py``) sends both the same prompt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("trl")
pytest.importorskip("peft")

from inspect_ai.log import EvalLog, read_eval_log  # noqa: E402

from muses.testing.real_model import RealModel  # noqa: E402
from muses.testing.stub_server import StubServer  # noqa: E402
from muses.training import EpisodeDatagenConfig, export_dataset, generate_episodes  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]
SELECTION = ["-T", "split=quick", "-T", "users=2", "--limit", "1"]


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "HF_DATASETS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "INSPECT_DISPLAY": "none"}


@pytest.fixture(scope="module")
def trained(real_model: RealModel, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Datagen (oracle teacher, train split), export, then `muses train --merge` on the real model."""
    root = tmp_path_factory.mktemp("trained-real")
    config = EpisodeDatagenConfig(scenarios=["selection"], teacher="muses/oracle", out=root / "episodes.jsonl",
                                  params={"users": (2, 2), "per_size": 2}, log_dir=root / "datagen-logs")
    assert generate_episodes(config).kept >= 2
    export_dataset([config.out], root / "sft")
    command = [sys.executable, "-m", "muses.cli", "train", "--data", str(root / "sft"), "--base-model",
               str(real_model.hf_dir), "--out", str(root / "run"), "--variant", "xml", "--max-steps", "2",
               "--grad-accum", "1", "--lora-r", "4", "--lora-alpha", "8", "--learning-rate", "1e-3",
               "--warmup-steps", "0", "--scheduler", "constant", "--max-length", "1024", "--merge", "--use-cpu"]
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return {"root": root, "adapter": root / "run" / "adapter", "merged": root / "run" / "merged",
            "base": real_model.hf_dir, "sft": root / "sft" / "train.jsonl"}


def _snapshot(directory: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(directory.iterdir())}


def _inspect(args: list[str], log_dir: Path, env: dict[str, str]) -> EvalLog:
    command = [sys.executable, "-m", "inspect_ai", "eval", "muses/selection", *SELECTION, *args,
               "--log-dir", str(log_dir), "--display", "none"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    (log,) = [read_eval_log(str(p)) for p in log_dir.glob("*.eval")]
    return log


def test_adapter_and_merged_model_play_an_episode_through_hf(trained: dict[str, Path]) -> None:
    before = {k: _snapshot(trained[k]) for k in ("adapter", "merged")}
    for kind in ("adapter", "merged"):
        log = _inspect(["--model", f"hf/{trained[kind]}", "--max-tokens", "24"], trained["root"] / f"hf-{kind}", _env())
        assert log.status == "success", log.error
        sample = log.samples[0]  # type: ignore[index]
        assert sample.error is None and sample.output.completion
        values = sample.scores["selection_scorer"].value  # type: ignore[index]
        assert 0.0 <= values["format_failure_rate"] <= 1.0 and "macro_f1" in values
    assert {k: _snapshot(trained[k]) for k in ("adapter", "merged")} == before


def test_trained_template_renders_the_benchmark_prompt_as_the_base_model_does(trained: dict[str, Path]) -> None:
    from transformers import AutoTokenizer

    log = _inspect(["--model", "muses/oracle"], trained["root"] / "oracle", _env())
    chat = [{"role": m.role, "content": m.text} for m in log.samples[0].messages[:-1]]  # type: ignore[index]
    rendered = {k: AutoTokenizer.from_pretrained(trained[k]).apply_chat_template(chat, tokenize=False, add_generation_prompt=True)
                for k in ("base", "adapter", "merged")}
    assert rendered["base"] == rendered["adapter"] == rendered["merged"]
    assert rendered["base"].startswith("<|im_start|>system\n") and rendered["base"].endswith("<|im_start|>assistant\n")
    # and the training rows were rendered in that same layout (system prompt, then xml user turns)
    example = json.loads(trained["sft"].read_text().splitlines()[0])["messages_xml"]
    first = AutoTokenizer.from_pretrained(trained["merged"]).apply_chat_template(example[:2], tokenize=False)
    base_first = AutoTokenizer.from_pretrained(trained["base"]).apply_chat_template(example[:2], tokenize=False)
    assert first == base_first


def test_vllm_path_addresses_the_adapter_and_the_merged_model(trained: dict[str, Path], tmp_path: Path) -> None:
    base, adapter, merged = str(trained["base"]), str(trained["adapter"]), str(trained["merged"])
    reply = '{"accepted_instructions": [], "rejected_instructions": []}'
    seen: dict[str, Any] = {}
    with StubServer(reply=lambda body: reply, models=(base, adapter, merged), record_requests=True) as stub:
        env = {**_env(), "VLLM_BASE_URL": stub.base_url, "VLLM_API_KEY": "test"}
        for name, model in (("adapter", f"vllm/{base}:{adapter}"), ("merged", f"vllm/{merged}")):
            stub.reset()
            log = _inspect(["--model", model], tmp_path / name, env)
            assert log.status == "success" and log.samples[0].error is None, log.error  # type: ignore[index]
            seen[name] = {r["model"] for r in stub.recorded}
    assert seen == {"adapter": {adapter}, "merged": {merged}}
