"""Run free-form datagen in resumable batches and convert the logs into conversations."""

from __future__ import annotations

from collections import Counter
from typing import Any

from inspect_ai import eval
from inspect_ai.log import EvalSample

from muses.logschema import EpisodeStore
from muses.protocol import Transcript
from muses.training._conversation import (
    Conversation,
    Provenance,
    exchanges_from_transcript,
    make_conversation,
    system_prompts,
)
from muses.training._episodes import DatagenSummary
from muses.training._freeform import FreeformDatagenConfig, conversation_id, freeform_task
from muses.training._freeform_prompts import agent_system_prompt
from muses.training._seeds import Seed, load_seeds
from muses.training._store import ConversationStore, Rejection


def convert_freeform_sample(sample: EvalSample, config: FreeformDatagenConfig, log_file: str | None) -> Conversation | str:
    """A conversation from one logged sample, or the reason nothing usable was produced."""
    seed = Seed.model_validate(sample.metadata["seed"])
    transcript = Transcript.from_jsonable(EpisodeStore.read(sample.store, "transcript"))
    exchanges = exchanges_from_transcript(transcript)
    if not exchanges:
        return "no complete exchange"
    provenance = Provenance(
        kind="freeform",
        teacher=config.teacher,
        user_model=config.users,
        scenario="freeform",
        split="train",
        seed_id=seed.id,
        category=seed.category,
        template=config.template,
        log_file=log_file,
    )
    system = system_prompts(lambda template: agent_system_prompt(seed, template))
    users = [p.id for p in seed.participants]
    return make_conversation(str(sample.id), users, system, exchanges, provenance)


def generate_freeform(config: FreeformDatagenConfig, seeds: list[Seed] | None = None) -> DatagenSummary:
    """Play planned conversations for every seed; append the usable ones to ``config.out``."""
    seeds = seeds if seeds is not None else load_seeds(config.seeds_file, config.categories)
    store = ConversationStore(config.out)
    summary = DatagenSummary()
    planned = [conversation_id(seed, i, config) for seed in seeds for i in range(config.per_seed)]
    summary.planned = len(planned)
    todo = [i for i in planned if not store.done(i)]
    summary.skipped = len(planned) - len(todo)
    rejected: Counter[str] = Counter()
    options: dict[str, Any] = {"max_connections": config.max_connections} if config.max_connections else {}
    for start in range(0, len(todo), config.batch_size):
        batch = set(todo[start : start + config.batch_size])
        task = freeform_task(seeds, config, skip=set(planned) - batch)
        log = eval(
            task,
            model=config.teacher,
            model_roles={"user": config.users},
            log_dir=str(config.log_dir),
            display="none",
            fail_on_error=False,
            score_display=False,
            **options,
        )[0]
        summary.logs.append(log.location)
        kept: list[Conversation] = []
        rejections: list[Rejection] = []
        for sample in log.samples or []:
            if sample.error is not None:
                summary.errors += 1
                continue
            result = convert_freeform_sample(sample, config, log.location)
            if isinstance(result, str):
                rejected[result] += 1
                rejections.append(Rejection(id=str(sample.id), reason=result))
            else:
                kept.append(result)
        written, duplicates = store.append(kept)
        store.reject(rejections)
        summary.kept += written
        summary.duplicates += duplicates
    summary.rejected = dict(rejected)
    return summary
