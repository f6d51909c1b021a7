"""`muses datagen ...` and `muses train`: thin typer commands over the training API.

Registered on the main app by ``register(app)``; nothing heavy is imported until a command
runs, so `muses --help` stays fast and works without the `muses[train]` extra.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

datagen_app = typer.Typer(no_args_is_help=True, help="Generate multi-user training data (episodes, free-form, seeds, export).")


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _value(raw: str) -> Any:
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    for cast in (int, float):
        try:
            return cast(raw)
        except ValueError:
            continue
    return raw


def _pairs(pairs: list[str] | None, flag: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint=flag)
        out[key.strip()] = _value(raw)
    return out


def parse_seed_list(text: str) -> list[int]:
    """'3' -> [3]; '0-2' -> [0, 1, 2]; '1,4,7' -> [1, 4, 7]."""
    seeds: list[int] = []
    try:
        for part in text.split(","):
            low, _, high = part.strip().partition("-")
            seeds.extend(range(int(low), int(high or low) + 1))
    except ValueError:
        raise typer.BadParameter(f"expected N, LOW-HIGH or a comma list, got {text!r}", param_hint="--seeds") from None
    return seeds


@datagen_app.command("episodes")
def episodes(
    scenarios: Annotated[list[str] | None, typer.Argument(help="Scenarios (default: all).")] = None,
    out: Annotated[Path, typer.Option(help="Output JSONL (appended to; reruns resume).")] = Path("data/datagen/episodes.jsonl"),
    teacher: Annotated[str, typer.Option(help="Inspect model string playing the agent.")] = "muses/reference",
    user_model: Annotated[str, typer.Option(help="Model for simulated users.")] = "muses/scripted",
    seeds: Annotated[str, typer.Option(help="Train-split generator seeds: N, LOW-HIGH or a list.")] = "0",
    template: Annotated[str, typer.Option(help="User-turn template the teacher sees.")] = "xml",
    rounds: Annotated[int | None, typer.Option(help="Maximum rounds per episode.")] = None,
    limit: Annotated[int | None, typer.Option(help="Episodes per scenario.")] = None,
    users: Annotated[str | None, typer.Option(help="N or LOW-HIGH users.")] = None,
    per_size: Annotated[int | None, typer.Option(help="Base scenarios per user count.")] = None,
    param: Annotated[list[str] | None, typer.Option("-P", help="Generator parameter key=value.")] = None,
    min_score: Annotated[list[str] | None, typer.Option(help="[scenario:]metric=minimum (default: headline metric = 1).")] = None,
    log_dir: Annotated[Path, typer.Option(help="Inspect log directory.")] = Path("logs/datagen"),
    batch_size: Annotated[int, typer.Option(help="Episodes per eval call.")] = 100,
    max_connections: Annotated[int | None, typer.Option(help="Concurrent model connections.")] = None,
) -> None:
    """Episodes of the benchmark scenarios' train split, kept when they score well."""
    from muses.scenarios import parse_range, scenario_names
    from muses.training._episodes import EpisodeDatagenConfig, generate_episodes

    try:
        params = _pairs(param, "-P")
        if users:
            params["users"] = parse_range(users, "--users")
        if per_size is not None:
            params["per_size"] = per_size
        config = EpisodeDatagenConfig(
            scenarios=scenarios or scenario_names(),
            out=out,
            teacher=teacher,
            user_model=user_model,
            seeds=parse_seed_list(seeds),
            params=params,
            template=template,  # type: ignore[arg-type]
            rounds=rounds,
            limit=limit,
            min_scores={k: float(v) for k, v in _pairs(min_score, "--min-score").items()},
            log_dir=log_dir,
            batch_size=batch_size,
            max_connections=max_connections,
        )
        summary = generate_episodes(config)
    except (ValueError, TypeError, OSError) as error:
        _fail(str(error))
    typer.echo(f"{summary.line()}\noutput: {out}")


@datagen_app.command("freeform")
def freeform(
    teacher: Annotated[str, typer.Option(help="Inspect model string of the teacher.")],
    out: Annotated[Path, typer.Option(help="Output JSONL (appended to; reruns resume).")] = Path("data/datagen/freeform.jsonl"),
    user_model: Annotated[str | None, typer.Option(help="Model for simulated users (default: the teacher).")] = None,
    seeds_file: Annotated[Path | None, typer.Option(help="Seed JSON (default: the shipped hand-written seeds).")] = None,
    category: Annotated[list[str] | None, typer.Option(help="Only these categories (repeatable).")] = None,
    per_seed: Annotated[int, typer.Option(help="Conversations per seed.")] = 1,
    seed: Annotated[int, typer.Option(help="Randomness of conversation plans.")] = 0,
    max_turns: Annotated[int, typer.Option(help="Cap on agent turns per conversation.")] = 10,
    template: Annotated[str, typer.Option(help="User-turn template the teacher sees.")] = "xml",
    log_dir: Annotated[Path, typer.Option(help="Inspect log directory.")] = Path("logs/datagen"),
    batch_size: Annotated[int, typer.Option(help="Conversations per eval call.")] = 100,
    max_connections: Annotated[int | None, typer.Option(help="Concurrent model connections.")] = None,
) -> None:
    """Free-form multi-user conversations from seed scenarios (users see the conversation so far)."""
    from muses.training._freeform import FreeformDatagenConfig
    from muses.training._freeform_datagen import generate_freeform

    try:
        config = FreeformDatagenConfig(
            out=out,
            teacher=teacher,
            user_model=user_model,
            seeds_file=seeds_file,
            categories=category,
            per_seed=per_seed,
            seed=seed,
            max_turns=max_turns,
            template=template,  # type: ignore[arg-type]
            log_dir=log_dir,
            batch_size=batch_size,
            max_connections=max_connections,
        )
        summary = generate_freeform(config)
    except (ValueError, TypeError, OSError) as error:
        _fail(str(error))
    typer.echo(f"{summary.line()}\noutput: {out}")


@datagen_app.command("seeds")
def seeds_command(
    teacher: Annotated[str, typer.Option(help="Inspect model string drafting the seeds.")],
    out: Annotated[Path, typer.Option(help="Seed JSON file (merged with what it holds).")] = Path("data/datagen/seeds.json"),
    category: Annotated[list[str] | None, typer.Option(help="Only these categories (repeatable).")] = None,
    per_category: Annotated[int, typer.Option(help="Drafts per category.")] = 2,
    seed: Annotated[int, typer.Option(help="Variation seed of the prompts.")] = 0,
    log_dir: Annotated[Path, typer.Option(help="Inspect log directory.")] = Path("logs/datagen"),
) -> None:
    """Ask a teacher to draft seed scenarios; valid new ones are added to --out."""
    from muses.training._seedgen import generate_seeds

    try:
        summary = generate_seeds(teacher, out, category, per_category, seed, log_dir)
    except (ValueError, OSError) as error:
        _fail(str(error))
    typer.echo(f"added {summary.added} seeds ({summary.total} in {out}); rejected {summary.rejected}")


@datagen_app.command("export")
def export(
    inputs: Annotated[list[Path], typer.Argument(help="Datagen output JSONL files.")],
    out: Annotated[Path, typer.Option(help="Dataset directory (train.jsonl, train.parquet).")] = Path("data/sft"),
) -> None:
    """Export conversations as a Hugging Face dataset with native and serialized message variants."""
    from muses.training._deps import MissingTrainingDependency
    from muses.training._export import export_dataset

    try:
        summary = export_dataset(inputs, out)
    except (ValueError, OSError, MissingTrainingDependency) as error:
        _fail(str(error))
    typer.echo(f"wrote {summary.rows} conversations ({summary.duplicates} duplicates dropped) to {summary.jsonl} and {summary.parquet}")


def _print_configs(value: bool) -> None:
    if value:
        from muses.training._train import config_paths

        for name, path in config_paths().items():
            typer.echo(f"{name}: {path}")
        raise typer.Exit()


def train_command(
    data: Annotated[Path, typer.Option(help="Exported dataset directory or file.")],
    base_model: Annotated[str, typer.Option(help="Base model id or local path.")],
    out: Annotated[Path, typer.Option(help="Output directory.")],
    variant: Annotated[str, typer.Option(help="xml, says, colon (match -T template= at eval) or native (`name` field).")] = "xml",
    lora_r: Annotated[int, typer.Option()] = 16,
    lora_alpha: Annotated[int, typer.Option()] = 32,
    lora_dropout: Annotated[float, typer.Option()] = 0.05,
    target_modules: Annotated[list[str] | None, typer.Option(help="LoRA targets (default: all-linear).")] = None,
    learning_rate: Annotated[float, typer.Option()] = 1e-4,
    epochs: Annotated[float, typer.Option()] = 2.0,
    max_steps: Annotated[int, typer.Option(help="-1: use epochs.")] = -1,
    batch_size: Annotated[int, typer.Option(help="Per-device batch size.")] = 1,
    grad_accum: Annotated[int, typer.Option()] = 4,
    scheduler: Annotated[str, typer.Option(help="LR scheduler.")] = "cosine",
    warmup_ratio: Annotated[float | None, typer.Option(help="Warmup share of steps (default 0.1).")] = None,
    warmup_steps: Annotated[int | None, typer.Option(help="Exact warmup steps.")] = None,
    max_length: Annotated[int, typer.Option()] = 8192,
    save_steps: Annotated[int | None, typer.Option(help="Checkpoint every N steps (default: per epoch).")] = None,
    logging_steps: Annotated[int, typer.Option()] = 10,
    seed: Annotated[int, typer.Option()] = 42,
    bf16: Annotated[bool, typer.Option(help="bfloat16 weights and compute.")] = False,
    gradient_checkpointing: Annotated[bool, typer.Option()] = False,
    load_in_4bit: Annotated[bool, typer.Option(help="QLoRA (explicit only; CUDA + bitsandbytes).")] = False,
    add_chat_tokens: Annotated[bool, typer.Option(help="Add <|im_start|>/<|im_end|> if missing.")] = False,
    deepspeed: Annotated[str | None, typer.Option(help="'zero2' or a DeepSpeed JSON path.")] = None,
    merge: Annotated[bool, typer.Option(help="Also save a merged model in OUT/merged.")] = False,
    use_cpu: Annotated[bool, typer.Option(help="Train on CPU.")] = False,
    report_to: Annotated[str, typer.Option(help="none, wandb, tensorboard, trackio ...")] = "none",
    print_configs: Annotated[
        bool, typer.Option("--print-configs", callback=_print_configs, is_eager=True, help="Print the shipped multi-GPU config paths.")
    ] = False,
) -> None:
    """Fine-tune a base model with LoRA on an exported dataset (TRL SFTTrainer, assistant-only loss)."""
    from muses.training._deps import MissingTrainingDependency
    from muses.training._train import TrainConfig, train

    try:
        config = TrainConfig(
            data=data, base_model=base_model, out=out, variant=variant,  # type: ignore[arg-type]
            lora_r=lora_r, lora_alpha=lora_alpha, lora_dropout=lora_dropout,
            target_modules=target_modules or ["all-linear"], learning_rate=learning_rate, epochs=epochs,
            max_steps=max_steps, batch_size=batch_size, grad_accum=grad_accum, scheduler=scheduler,
            warmup_ratio=warmup_ratio, warmup_steps=warmup_steps, max_length=max_length, save_steps=save_steps,
            logging_steps=logging_steps, seed=seed, bf16=bf16, gradient_checkpointing=gradient_checkpointing,
            load_in_4bit=load_in_4bit, add_chat_tokens=add_chat_tokens, deepspeed=deepspeed, merge=merge,
            use_cpu=use_cpu, report_to=report_to,
        )
        result = train(config)
    except (ValueError, OSError, MissingTrainingDependency) as error:
        _fail(str(error))
    typer.echo(f"trained {result.steps} steps; adapter: {result.adapter_dir}" + (f"; merged: {result.merged_dir}" if result.merged_dir else ""))


def register(app: typer.Typer) -> None:
    """Add `datagen` and `train` to the main `muses` app."""
    app.add_typer(datagen_app, name="datagen")
    app.command("train")(train_command)
