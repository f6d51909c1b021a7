"""One Inspect scorer for every scenario: it delegates to the scenario's pure scorer."""

from __future__ import annotations

from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState

from muses.protocol import Transcript
from muses.scenarios._base import ScenarioSpec
from muses.inspect._solver import TRANSCRIPT_KEY


def scenario_scorer(spec: ScenarioSpec) -> Scorer:  # type: ignore[type-arg]
    """Build the scorer of a scenario: mean and clustered standard error for each metric.

    Standard errors are clustered by ``base_id`` because variants of one base scenario (the same
    users and secrets under different templates or attacks) are not independent samples.
    """
    metrics = {name: [mean(), stderr(cluster="base_id")] for name in spec.metrics}

    @scorer(metrics=metrics, name=f"{spec.name}_scorer")
    def build() -> Scorer:
        async def score(state: TaskState, target: Target) -> Score:
            record = spec.record_model.model_validate(state.metadata["record"])
            data = state.store.get(TRANSCRIPT_KEY)
            transcript = Transcript.from_jsonable(data) if data else Transcript(principals=list(record.users))
            result = spec.scorer(record, transcript)
            return Score(value=dict(result.values), explanation=result.explanation, metadata=result.details)

        return score

    return build()
