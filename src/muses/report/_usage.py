"""Token usage and cost per model and role, per-epoch metrics and pass^k, from the logs.

Inspect records usage per provider model (``stats.model_usage``) and per bound role
(``stats.role_usage``: user, judge); the agent under test is the task's model and has no role, so
its usage is its model's total minus what roles bound to the same model used. Repeated epochs of
the same episodes show run-to-run variance: per-epoch means, and pass^k (all k tries pass).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from muses.report._columns import pass_rules, table_columns
from muses.report._episodes import Episode, RunInfo
from muses.report._stats import Estimate, estimate, pass_hat_k

_FIELDS = ("input_tokens", "output_tokens", "total_tokens", "reasoning_tokens", "input_tokens_cache_read")


class UsageRow(BaseModel):
    """Tokens and cost of one role of one model row, summed over its logs."""

    model: str
    role: str
    provider_model: str
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    reasoning_tokens: int = 0
    input_tokens_cache_read: int = 0
    cost: float | None = None
    episodes: int = 0
    note: str = Field(default="", description="Why a row shows no tokens, when it shows none.")


class EpochRow(BaseModel):
    """One table column of one model, per epoch."""

    model: str
    column: str
    epochs: dict[int, Estimate]


class PassRow(BaseModel):
    """pass^k of one model on one scenario, k = 1..max tries."""

    model: str
    scenario: str
    tasks: int
    pass_k: dict[int, float]


def _add(row: UsageRow, usage: dict[str, Any], sign: int = 1) -> None:
    for field in _FIELDS:
        setattr(row, field, getattr(row, field) + sign * int(usage.get(field) or 0))
    cost = usage.get("total_cost")
    if cost is not None:
        row.cost = (row.cost or 0.0) + sign * float(cost)


def usage_rows(runs: list[RunInfo], episodes: list[Episode]) -> list[UsageRow]:
    """Usage per (model row, role) over every log; roles: agent, user, judge, ..."""
    labels = {(ep.agent_model, ep.user_model): ep.model for ep in episodes}
    counts: dict[str, int] = {}
    for ep in episodes:
        counts[ep.model] = counts.get(ep.model, 0) + 1
    rows: dict[tuple[str, str, str], UsageRow] = {}

    def row(label: str, role: str, provider: str) -> UsageRow:
        key = (label, role, provider)
        if key not in rows:
            rows[key] = UsageRow(model=label, role=role, provider_model=provider, episodes=counts.get(label, 0))
        return rows[key]

    for run in runs:
        label = run.label or labels.get((run.model, run.roles.get("user")), run.model)
        model_usage: dict[str, Any] = run.stats.get("model_usage") or {}
        role_usage: dict[str, Any] = run.stats.get("role_usage") or {}
        agent = row(label, "agent", run.model)
        _add(agent, model_usage.get(run.model) or {})
        for role, provider in run.roles.items():
            row(label, role, provider)  # listed even when it used nothing, with the reason
        for role, usage in role_usage.items():
            provider = run.roles.get(role, "?")
            _add(row(label, role, provider), usage)
            if provider == run.model:
                _add(agent, usage, sign=-1)
    for found in rows.values():
        found.note = _note(found)
    return sorted(rows.values(), key=lambda r: (r.model, r.role != "agent", r.role))


BUILT_IN = "muses/"
"""Provider prefix of the built-in participants (rule-based policies, no language model)."""


def _note(row: UsageRow) -> str:
    """Why a row has no tokens: a built-in participant calls no model; others reported none."""
    if row.total_tokens:
        return ""
    if row.provider_model.startswith(BUILT_IN):
        return "built-in participant: rule-based, calls no language model, so it uses no tokens"
    return "the provider reported no token usage"


def epoch_rows(episodes: list[Episode]) -> list[EpochRow]:
    """Each table column's estimate per epoch, for models run with more than one epoch."""
    out: list[EpochRow] = []
    for model in sorted({ep.model for ep in episodes}):
        mine = [ep for ep in episodes if ep.model == model]
        if len({ep.epoch for ep in mine}) < 2:
            continue
        for column in table_columns():
            per: dict[int, list[tuple[float, str]]] = {}
            for ep in mine:
                value = ep.metric(column.metric, 0.0 if column.higher_is_better else None) if ep.scenario == column.scenario else None
                if value is not None:
                    per.setdefault(ep.epoch, []).append((value, ep.base_id))
            if per:
                epochs = {e: estimate([v for v, _ in p], [c for _, c in p]) for e, p in sorted(per.items())}
                out.append(EpochRow(model=model, column=column.label, epochs=epochs))
    return out


def passed(ep: Episode, rules: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Whether an episode meets its scenario's pass rule (errors never pass)."""
    rule = (pass_rules() if rules is None else rules).get(ep.scenario, ())
    return ep.values is not None and bool(rule) and all((ep.metric(m) or 0.0) >= 1.0 - 1e-9 for m in rule)


def pass_rows(episodes: list[Episode]) -> list[PassRow]:
    """pass^k per model and scenario wherever some episode was tried more than once."""
    tries: dict[tuple[str, str], dict[tuple[str, str], list[bool]]] = {}
    rules = pass_rules()
    for ep in episodes:
        if ep.scenario in rules:
            task = (ep.sample_id, str(ep.groups.get("template", "")))
            tries.setdefault((ep.model, ep.scenario), {}).setdefault(task, []).append(passed(ep, rules))
    out: list[PassRow] = []
    for (model, scenario), tasks in sorted(tries.items()):
        most = max(len(t) for t in tasks.values())
        if most < 2:
            continue
        values = {k: v for k in range(1, most + 1) if (v := pass_hat_k(list(tasks.values()), k)) is not None}
        out.append(PassRow(model=model, scenario=scenario, tasks=len(tasks), pass_k=values))
    return out
