"""One Inspect scorer for every scenario: it delegates to the scenario's pure scorer."""

from __future__ import annotations

import asyncio

from inspect_ai.model import get_model
from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState

from muses.logschema import EpisodeStore, SampleMetadata, judge_scorer_name, scorer_name
from muses.protocol import Transcript
from muses.scenarios import ScenarioSpec


def scenario_scorer(spec: ScenarioSpec) -> Scorer:  # type: ignore[type-arg]
    """Build the scorer of a scenario: mean and clustered standard error for each metric.

    Standard errors are clustered by ``base_id`` because variants of one base scenario (the same
    users and secrets under different templates or attacks) are not independent samples.
    """
    metrics = {name: [mean(), stderr(cluster="base_id")] for name in spec.metrics}

    @scorer(metrics=metrics, name=scorer_name(spec.name))
    def build() -> Scorer:
        async def score(state: TaskState, target: Target) -> Score:
            record = spec.record_model.model_validate(state.metadata_as(SampleMetadata).record)
            data = state.store_as(EpisodeStore).transcript
            transcript = Transcript.from_jsonable(data) if data else Transcript(principals=list(record.users))
            result = spec.scorer(record, transcript)
            return Score(value=dict(result.values), explanation=result.explanation, metadata=result.details)

        return score

    return build()


def judge_scorer(spec: ScenarioSpec) -> Scorer:  # type: ignore[type-arg]
    """The scenario's optional LLM-judged metrics, using the `judge` model role.

    Raises at task build time if the scenario has no judge. The role must be bound explicitly
    (``--judge-model`` / ``--model-role judge=...``): an unbound role would silently fall back to
    the model under test grading itself.
    """
    judge = spec.judge
    if judge is None:
        raise ValueError(f"scenario {spec.name} has no LLM judge")
    metrics = {name: [mean(), stderr(cluster="base_id")] for name in judge.metrics}

    @scorer(metrics=metrics, name=judge_scorer_name(spec.name))
    def build() -> Scorer:
        async def score(state: TaskState, target: Target) -> Score:
            record = spec.record_model.model_validate(state.metadata_as(SampleMetadata).record)
            transcript = Transcript.from_jsonable(state.store_as(EpisodeStore).transcript or {"principals": [], "events": []})
            model = get_model(role="judge", required=True)
            requests = judge.requests(record, transcript)
            outputs = await asyncio.gather(*(model.generate(prompt) for prompt in requests.values()))
            answers = {key: out.completion for key, out in zip(requests, outputs, strict=True)}
            result = judge.combine(record, transcript, answers)
            return Score(value=dict(result.values), explanation=result.explanation, metadata=result.details)

        return score

    return build()
