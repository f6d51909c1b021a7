"""The log contract: what a Muses episode writes into an Inspect log, and how every reader reads it.

One definition, written by the solver and the task builder and read by the report, resume and
training, so that a key cannot drift between writer and reader:

- ``SampleMetadata``: each sample's metadata (scenario, cluster id, template, break-down groups and
  the full record). Inspect's clustered standard error reads ``base_id`` from here.
- ``EpisodeStore``: the sample store (an Inspect ``StoreModel``): the final transcript, which
  decides who saw what, and the episode's turn problems (truncations, overflows).
- ``RunStamp``: task metadata that identifies a `muses run` and the settings its episodes depend
  on, so a resumed run never mixes episodes made under other settings.
- ``scorer_name``: the name of a scenario's deterministic scorer in ``sample.scores``.

This module depends on pydantic and Inspect's store only, so every layer may import it.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.util import StoreModel
from pydantic import BaseModel, ConfigDict, Field

GroupValue = str | int | float | bool
"""A break-down key's value (attack, difficulty, users, ...)."""


class SampleMetadata(BaseModel):
    """Sample metadata of one episode (``Sample.metadata``, ``EvalSample.metadata``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    scenario: str = Field(description="Registered scenario name.")
    base_id: str = Field(description="Cluster for standard errors: variants of one base scenario share it.")
    template: str = Field(description="User-turn template the agent saw (xml, says, colon, bracket, native).")
    users: int = Field(description="Number of principals in the episode.")
    version: str = Field(description="Version of the scenario's content the record was made with.")
    source: str = Field(default="muses", description="'muses' (generated) or 'paper' (imported).")
    groups: dict[str, GroupValue] = Field(
        default_factory=dict, description="Break-down keys for reports (template and users included)."
    )
    record: dict[str, Any] = Field(description="The full record, ground truth included (never sent in messages).")
    turn_issues: dict[str, int] = Field(
        default_factory=dict,
        description="Set by the solver: turns that did not end normally, counted by 'role:kind' "
        "(agent:max_tokens, user:out_of_role, ...); the details are in EpisodeStore.turn_issues.",
    )

    @classmethod
    def of(cls, metadata: dict[str, Any] | None) -> SampleMetadata:
        """Read a sample's metadata dict (ValueError naming the missing keys if it is not ours)."""
        return cls.model_validate(metadata or {})


class TurnIssue(BaseModel):
    """A model turn that did not end normally (truncated, context overflow, error text as output)."""

    round: int
    role: str = Field(description="'agent' or 'user:<id>'.")
    kind: str = Field(description="'max_tokens', 'model_length', 'content_filter', 'error_text', ...")
    detail: str = ""


class EpisodeStore(StoreModel):
    """The sample store of one episode (``state.store_as(EpisodeStore)``)."""

    transcript: dict[str, Any] | None = Field(default=None, description="Transcript.to_jsonable() at the end.")
    turn_issues: list[dict[str, Any]] = Field(
        default_factory=list, description="TurnIssue dicts: turns that were truncated or overflowed."
    )

    @classmethod
    def key(cls, field: str) -> str:
        """The raw store key of a field, for readers of ``EvalSample.store`` (a plain dict)."""
        return f"{cls.__name__}:{field}"

    @classmethod
    def read(cls, store: dict[str, Any] | None, field: str, default: Any = None) -> Any:
        """A field's value from a logged sample's store dict, without copying the store."""
        return (store or {}).get(cls.key(field), default)


class RunIdentity(BaseModel):
    """What a log is a run *of*: the task and the models in each role."""

    model_config = ConfigDict(frozen=True)

    task: str
    model: str
    user_model: str


class RunStamp(BaseModel):
    """Task metadata (key ``RUN_KEY``) identifying a run and the settings its episodes depend on."""

    identity: RunIdentity
    shard: int = Field(default=0, description="Slice index of a sharded run (0 when unsharded).")
    settings: dict[str, Any] = Field(
        description="Everything that changes episodes: records, task parameters, generation settings, "
        "model arguments, endpoint, scenario content, package version, ..."
    )

    @classmethod
    def of(cls, metadata: dict[str, Any] | None) -> RunStamp | None:
        """The stamp in a log's task metadata, or None for logs not made by `muses run`."""
        value = (metadata or {}).get(RUN_KEY)
        if not isinstance(value, dict):
            return None
        try:
            return cls.model_validate(value)
        except ValueError:
            return None


RUN_KEY = "muses_run"
"""Task-metadata key holding the ``RunStamp``."""


def scorer_name(scenario: str) -> str:
    """Name of a scenario's deterministic scorer in ``sample.scores``."""
    return f"{scenario}_scorer"


def judge_scorer_name(scenario: str) -> str:
    """Name of a scenario's optional LLM-judge scorer in ``sample.scores``."""
    return f"{scenario}_judge"
