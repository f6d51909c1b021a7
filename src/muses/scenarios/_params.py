"""Typed task parameters: one pydantic model per scenario, one parser for every entry point.

`inspect eval muses/<scenario> -T key=value`, `muses run -T key=value`, `muses check` and training
datagen all turn raw values into a scenario's ``TaskParams`` with ``parse_task_params`` and get
their episodes from ``TaskParams.records``-style helpers in ``muses.inspect``. One parser means one
set of rules (types, ranges, choices) and one error format: the parameter, the value given and
what is valid.

A scenario subclasses ``TaskParams`` with its own fields. A field named in ``choices`` (attack,
disclosure, ...) takes 'all' or a comma-separated list of its options, and narrows records by the
record attribute of the same name; fields listed in ``not_generator_args`` (e.g. ``judge``) are
not passed to the generator.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from muses.protocol import Template

Split = Literal["quick", "dev", "test", "train"]

COMMON_FIELDS: frozenset[str] = frozenset({"template", "rounds", "users", "split", "seed", "limit", "per_size", "data"})
"""Parameters every scenario takes; the rest are the scenario's own."""


def parse_range(text: str | int | Sequence[int], name: str = "users") -> tuple[int, int]:
    """'2-10', '5', 5 or (2, 10) -> an inclusive (low, high) range; ValueError naming ``name``."""
    if isinstance(text, int) and not isinstance(text, bool):
        return text, text
    if isinstance(text, Sequence) and not isinstance(text, str) and len(text) == 2:
        low, high = int(text[0]), int(text[1])
    else:
        parts = str(text).strip().split("-")
        try:
            low, high = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (-1, -2)
        except ValueError:
            low, high = -1, -2
    if low < 1 or low > high:
        raise ValueError(f"{name}: expected N or LOW-HIGH with 1 <= LOW <= HIGH, got {text!r}")
    return low, high


def choice_list(value: str, choices: Sequence[str], name: str) -> str:
    """Validate 'all', one choice or a comma-separated list of choices; returns it normalised."""
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    if parts == ["all"]:
        return "all"
    bad = [p for p in parts if p not in choices]
    if bad or not parts:
        raise ValueError(f"{name}: {value!r} is not 'all' or a comma-separated list of: {', '.join(choices)}")
    return ",".join(parts)


def chosen(value: str, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices a validated ``choice_list`` value selects ('all' = every choice, in order)."""
    if value == "all":
        return tuple(choices)
    wanted = set(value.split(","))
    return tuple(c for c in choices if c in wanted)


class TaskParams(BaseModel):
    """Parameters every scenario task takes (`-T key=value`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    template: Template | None = Field(
        default=None, description="User-turn template: xml, says, colon, bracket or native (default: xml, or the record's own)."
    )
    rounds: int | None = Field(default=None, ge=1, le=1000, description="Maximum rounds per episode (default: the scenario's).")
    users: tuple[int, int] | None = Field(default=None, description="Number of users, 'N' or 'LOW-HIGH' (default: the split's).")
    split: Split = Field(default="test", description="Generated split: quick, dev, test or train.")
    seed: int = Field(default=0, description="Generator seed.")
    limit: int | None = Field(default=None, ge=0, description="Keep only the first N episodes.")
    per_size: int | None = Field(default=None, ge=1, description="Base scenarios per user count (default: the split's).")
    data: str | None = Field(default=None, description="A JSONL file of records to run instead of generating.")

    not_generator_args: ClassVar[frozenset[str]] = frozenset()
    """Scenario fields that configure the task, not the generator (e.g. ``judge``)."""
    choices: ClassVar[dict[str, tuple[str, ...]]] = {}
    """Field -> its options: 'all' or a comma-separated list, matched against the record's attribute."""

    @field_validator("users", mode="before")
    @classmethod
    def _users(cls, value: Any) -> Any:
        return None if value is None else parse_range(value, "users")

    @field_validator("*")
    @classmethod
    def _choices(cls, value: Any, info: ValidationInfo) -> Any:
        options = cls.choices.get(str(info.field_name))
        return value if options is None else choice_list(value, options, str(info.field_name))

    def generator_args(self) -> dict[str, Any]:
        """Keyword arguments for the scenario's ``generate`` (besides split and seed)."""
        own = set(type(self).model_fields) - COMMON_FIELDS - self.not_generator_args
        args: dict[str, Any] = {name: getattr(self, name) for name in sorted(own)}
        if self.users is not None:
            args["users"] = self.users
        if self.per_size is not None:
            args["per_size"] = self.per_size
        return args

    def select(self, records: list[Any]) -> list[Any]:
        """Narrow records (from a data file or the generator) to this task's choice parameters."""
        for name, options in self.choices.items():
            wanted = chosen(getattr(self, name), options)
            records = [r for r in records if str(getattr(r, name)) in wanted]
        return records

    def given(self) -> dict[str, Any]:
        """The parameters set explicitly (for logs and run stamps), JSON-compatible."""
        return self.model_dump(mode="json", exclude_unset=True)


def parameter_names(model: type[TaskParams]) -> list[str]:
    """Every parameter a scenario's task takes, in declaration order."""
    return list(model.model_fields)


def parse_task_params(model: type[TaskParams], raw: dict[str, Any], scenario: str) -> TaskParams:
    """Validate raw `-T` values into ``model``; ValueError naming each bad parameter and what is valid."""
    unknown = sorted(set(raw) - set(model.model_fields))
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        raise ValueError(f"unknown task parameter {names} for {scenario}; valid: {', '.join(parameter_names(model))}")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ValueError(format_errors(error, raw, scenario)) from None


def format_errors(error: ValidationError, raw: dict[str, Any], scenario: str) -> str:
    """One line per invalid parameter: 'task parameter rounds='abc' for meeting: <what is valid>'."""
    lines = []
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "?"
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"task parameter {name}={raw.get(name)!r} for {scenario}: {message}")
    return "\n".join(lines)


def describe_params(model: type[TaskParams]) -> list[tuple[str, str, str]]:
    """(name, default, help) per parameter, for `muses list` and task docstrings."""
    rows = []
    for name, field in model.model_fields.items():
        default = field.default
        shown = "-" if default is None else (f"{default[0]}-{default[1]}" if isinstance(default, tuple) else str(default))
        rows.append((name, shown, field.description or ""))
    return rows
