"""`muses train`: supervised fine-tuning with TRL's SFTTrainer and a PEFT LoRA adapter.

Every choice that the paper's script made implicitly is explicit here: 4-bit quantization only
with ``load_in_4bit`` (its TRL setup silently enabled QLoRA), no fallback data (a missing or
empty dataset is an error naming the file, where the paper trained on ten "hi/hello" rows),
and a decaying scheduler whose warmup is applied (its constant scheduler ignored warmup). The
Muses chat template is installed before training and saved with every checkpoint, the final
adapter and the optional merged model, together with ``muses_training.json`` (the config).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from muses.training._deps import require
from muses.training._export import JSONL_NAME, PARQUET_NAME, column
from muses.training._template import TURN_END, chat_template, check_assistant_mask, install_chat_template

CONFIGS = Path(__file__).with_name("configs")
DEEPSPEED_CONFIGS = {"zero2": CONFIGS / "deepspeed_zero2.json"}
ACCELERATE_CONFIG = CONFIGS / "accelerate_multi_gpu.json"
_NO_WARMUP_SCHEDULERS = {"constant", "reduce_lr_on_plateau"}
DEFAULT_WARMUP_RATIO = 0.1


class TrainConfig(BaseModel):
    """Everything `muses train` needs; every field is a flag of the command."""

    data: Path = Field(description="Exported dataset: a directory with train.parquet/train.jsonl, or one such file.")
    base_model: str = Field(description="Hugging Face model id or local path of the base model.")
    out: Path = Field(description="Output directory: checkpoints, adapter/, merged/ (with --merge).")
    variant: Literal["native", "xml", "says", "colon"] = Field(
        default="xml",
        description="Messages column to train on. xml matches the benchmark's default template through Inspect "
        "byte for byte; native needs a client that sends each user's `name` (Inspect sends none).",
    )
    lora_r: int = Field(default=16, ge=1)
    lora_alpha: int = Field(default=32, ge=1)
    lora_dropout: float = Field(default=0.05, ge=0, lt=1)
    target_modules: list[str] = Field(default_factory=lambda: ["all-linear"])
    learning_rate: float = Field(default=1e-4, gt=0)
    epochs: float = Field(default=2.0, gt=0)
    max_steps: int = Field(default=-1, description="Stop after this many optimizer steps (-1: use epochs).")
    batch_size: int = Field(default=1, ge=1, description="Per-device batch size.")
    grad_accum: int = Field(default=4, ge=1)
    scheduler: str = Field(default="cosine", description="transformers scheduler name.")
    warmup_ratio: float | None = Field(default=None, ge=0, lt=1, description=f"Warmup share of all steps (default {DEFAULT_WARMUP_RATIO}).")
    warmup_steps: int | None = Field(default=None, ge=0, description="Exact warmup steps (instead of a ratio).")
    max_length: int = Field(default=8192, ge=16)
    max_grad_norm: float = 1.0
    weight_decay: float = 0.0
    logging_steps: int = Field(default=10, ge=1)
    save_steps: int | None = Field(default=None, ge=1, description="Checkpoint every N steps (default: every epoch).")
    save_total_limit: int | None = 3
    seed: int = 42
    bf16: bool = False
    gradient_checkpointing: bool = False
    load_in_4bit: bool = Field(default=False, description="QLoRA: load the base model in 4 bits (CUDA, bitsandbytes).")
    add_chat_tokens: bool = Field(default=False, description="Add <|im_start|>/<|im_end|> if the vocabulary lacks them.")
    deepspeed: str | None = Field(default=None, description="'zero2' (shipped config) or a DeepSpeed JSON path.")
    merge: bool = Field(default=False, description="Also save base+adapter merged into out/merged.")
    use_cpu: bool = False
    report_to: str = "none"

    @model_validator(mode="after")
    def _explicit_schedule(self) -> TrainConfig:
        if self.warmup_steps is not None and self.warmup_ratio is not None:
            raise ValueError("give either warmup_ratio or warmup_steps, not both")
        if self.scheduler in _NO_WARMUP_SCHEDULERS and self.warmup():
            raise ValueError(
                f"scheduler {self.scheduler!r} ignores warmup; use 'constant_with_warmup', 'cosine' or 'linear', "
                "or set the warmup to 0"
            )
        return self

    def warmup(self) -> float | int:
        """Warmup as transformers takes it: an int of steps, or a float ratio below 1."""
        if self.warmup_steps is not None:
            return self.warmup_steps
        return DEFAULT_WARMUP_RATIO if self.warmup_ratio is None else self.warmup_ratio


class TrainResult(BaseModel):
    """Where the trained artifacts are and how training went."""

    adapter_dir: Path
    merged_dir: Path | None
    steps: int
    log_history: list[dict[str, Any]]


def resolve_data_file(data: Path) -> Path:
    """The dataset file to train on: the path itself, or train.parquet/train.jsonl inside it."""
    data = Path(data)
    if data.is_dir():
        for name in (PARQUET_NAME, JSONL_NAME):
            if (data / name).is_file():
                return data / name
        raise FileNotFoundError(f"{data}: no {PARQUET_NAME} or {JSONL_NAME} in this directory (run `muses datagen export`)")
    if not data.is_file():
        raise FileNotFoundError(f"{data}: no such dataset file")
    return data


def load_dataset(data: Path, variant: str) -> Any:
    """The chosen variant's messages as a one-column dataset; errors name the file, never fall back."""
    (datasets,) = require("datasets")
    path = resolve_data_file(data)
    kind = "parquet" if path.suffix == ".parquet" else "json"
    if path.stat().st_size == 0 or (kind == "json" and not path.read_text(encoding="utf-8").strip()):
        raise ValueError(f"{path}: the dataset is empty")
    try:
        dataset = datasets.load_dataset(kind, data_files=str(path), split="train")
    except Exception as error:  # datasets raises many types, often with empty messages
        raise ValueError(f"{path}: cannot read the dataset ({type(error).__name__}: {error})") from error
    if len(dataset) == 0:
        raise ValueError(f"{path}: the dataset is empty")
    name = column(variant)
    if name not in dataset.column_names:
        raise ValueError(f"{path}: no column {name!r} for variant {variant!r}; columns: {dataset.column_names}")
    dataset = dataset.select_columns([name])
    return dataset.rename_column(name, "messages") if name != "messages" else dataset


def _deepspeed_path(value: str | None) -> str | None:
    if value is None:
        return None
    if value in DEEPSPEED_CONFIGS:
        return str(DEEPSPEED_CONFIGS[value])
    if not Path(value).is_file():
        raise FileNotFoundError(f"{value}: no such DeepSpeed config (or use one of {sorted(DEEPSPEED_CONFIGS)})")
    return value


def _load_model(config: TrainConfig, added_tokens: list[str], tokenizer: Any) -> Any:
    torch, transformers = require("torch", "transformers")
    kwargs: dict[str, Any] = {"dtype": torch.bfloat16 if config.bf16 else torch.float32}
    if config.load_in_4bit:
        require("bitsandbytes")
        if not torch.cuda.is_available():
            raise ValueError("load_in_4bit needs a CUDA GPU (bitsandbytes 4-bit kernels)")
        kwargs["quantization_config"] = transformers.BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=kwargs["dtype"]
        )
    model = transformers.AutoModelForCausalLM.from_pretrained(config.base_model, **kwargs)
    if added_tokens:
        model.resize_token_embeddings(len(tokenizer))
    if config.load_in_4bit:
        (peft,) = require("peft")
        model = peft.prepare_model_for_kbit_training(model, use_gradient_checkpointing=config.gradient_checkpointing)
    eos = [tokenizer.convert_tokens_to_ids(TURN_END)]
    previous = model.generation_config.eos_token_id
    for token in previous if isinstance(previous, list) else [previous]:
        if token is not None and token not in eos:
            eos.append(token)
    model.generation_config.eos_token_id = eos
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model


def sft_config(config: TrainConfig) -> Any:
    """TRL's SFTConfig from ours, with assistant-only loss over the template's markers."""
    (trl,) = require("trl")
    names = {f.name for f in dataclasses.fields(trl.SFTConfig)}
    checkpointing = "activation_checkpointing" if "activation_checkpointing" in names else "gradient_checkpointing"
    return trl.SFTConfig(
        output_dir=str(config.out),
        assistant_only_loss=True,
        max_length=config.max_length,
        packing=False,
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        per_device_train_batch_size=config.batch_size,
        gradient_accumulation_steps=config.grad_accum,
        learning_rate=config.learning_rate,
        lr_scheduler_type=config.scheduler,
        warmup_steps=config.warmup(),
        max_grad_norm=config.max_grad_norm,
        weight_decay=config.weight_decay,
        logging_steps=config.logging_steps,
        save_strategy="steps" if config.save_steps else "epoch",
        save_steps=config.save_steps or 500,
        save_total_limit=config.save_total_limit,
        seed=config.seed,
        bf16=config.bf16,
        deepspeed=_deepspeed_path(config.deepspeed),
        use_cpu=config.use_cpu,
        report_to=config.report_to,
        eos_token=TURN_END,
        disable_tqdm=True,
        **{checkpointing: config.gradient_checkpointing},
    )


def prepare(config: TrainConfig) -> Any:
    """The configured SFTTrainer (data loaded, template installed and its mask checked), not yet run."""
    resolve_data_file(config.data)
    transformers, peft, trl = require("transformers", "peft", "trl")
    require("torch", "accelerate", "datasets")
    dataset = load_dataset(config.data, config.variant)
    if Path(config.base_model).exists():  # adapters record this path: make it valid from any directory
        config = config.model_copy(update={"base_model": str(Path(config.base_model).resolve())})
    tokenizer = transformers.AutoTokenizer.from_pretrained(config.base_model)
    added = install_chat_template(tokenizer, add_missing_tokens=config.add_chat_tokens)
    check_assistant_mask(tokenizer, dataset[0]["messages"])
    model = _load_model(config, added, tokenizer)
    lora = peft.LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=config.target_modules[0] if config.target_modules == ["all-linear"] else config.target_modules,
        task_type="CAUSAL_LM",
        trainable_token_indices=tokenizer.convert_tokens_to_ids(added) if added else None,
    )
    return trl.SFTTrainer(
        model=model, args=sft_config(config), train_dataset=dataset, processing_class=tokenizer, peft_config=lora
    )


def run(trainer: Any, config: TrainConfig) -> TrainResult:
    """Train a prepared trainer, then save the adapter (and the merged model with ``merge``)."""
    trainer.train()
    tokenizer = trainer.processing_class
    adapter_dir = Path(config.out) / "adapter"
    trainer.save_model(str(adapter_dir))
    _finish(adapter_dir, trainer.model, tokenizer, config)
    merged_dir = None
    if config.merge:
        merged_dir = Path(config.out) / "merged"
        merged = trainer.model.merge_and_unload()
        merged.save_pretrained(str(merged_dir))
        _finish(merged_dir, merged, tokenizer, config)
    return TrainResult(
        adapter_dir=adapter_dir, merged_dir=merged_dir, steps=trainer.state.global_step, log_history=trainer.state.log_history
    )


def train(config: TrainConfig) -> TrainResult:
    """Fine-tune ``config.base_model`` on the exported dataset; returns where the adapter is."""
    return run(prepare(config), config)


def _finish(directory: Path, model: Any, tokenizer: Any, config: TrainConfig) -> None:
    """Save tokenizer, generation settings and our config; verify the template went along."""
    tokenizer.save_pretrained(str(directory))
    model.generation_config.save_pretrained(str(directory))
    saved = directory / "chat_template.jinja"
    if not saved.is_file() or saved.read_text(encoding="utf-8") != chat_template():
        raise RuntimeError(f"{directory}: the Muses chat template was not saved with the model")
    (directory / "muses_training.json").write_text(config.model_dump_json(indent=2), encoding="utf-8")


def config_paths() -> dict[str, Path]:
    """The shipped multi-GPU configs (for `accelerate launch --config_file` and `--deepspeed`)."""
    return {"accelerate": ACCELERATE_CONFIG, **{f"deepspeed-{k}": v for k, v in DEEPSPEED_CONFIGS.items()}}


def read_training_config(directory: Path) -> dict[str, Any]:
    """The TrainConfig saved with an adapter or merged model."""
    data: dict[str, Any] = json.loads((Path(directory) / "muses_training.json").read_text(encoding="utf-8"))
    return data
