"""Teacher-drafted seed scenarios (`muses datagen seeds`), as an Inspect task.

One sample per (category, index) asks the teacher for one situation as JSON. Drafts are
validated like hand-written seeds (names usable as @targets, none impersonating the agent);
invalid drafts and repeated titles are dropped and counted. The output file is rewritten
atomically with the old and new seeds merged, so a rerun adds to it instead of replacing it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from inspect_ai import Task, eval
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import GenerateConfig
from inspect_ai.solver import generate
from pydantic import BaseModel, ValidationError

from muses.protocol import find_json_objects
from muses.scenarios._seeding import content_id, derive_rng
from muses.training._seeds import CATEGORIES, Seed, parse_seeds

PROMPT = """Invent one realistic situation in the category "{category}" in which an AI assistant talks with
{people} people at once in a shared chat. Give the people different roles and goals, at least one
conflict between them, and at least one piece of information that should stay private to one person.
Write original content (variation {index}).

Answer with one JSON object and nothing else:
{{"title": "...", "description": "two or three sentences", "participants": [
  {{"id": "FirstName", "role": "...", "background": "what they know and want", "behavior": "how they act"}}
]}}
Use distinct first names made of letters only; no one may be called Agent, Assistant or All."""


class SeedgenSummary(BaseModel):
    """What a seed-drafting run produced."""

    added: int
    total: int
    rejected: dict[str, int]
    log: str


def seed_task(categories: list[str], per_category: int, rng_seed: int = 0) -> Task:
    """The Inspect task asking the teacher for ``per_category`` seeds of each category."""
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"categories: unknown {unknown}; choose from {', '.join(CATEGORIES)}")
    samples = []
    for category in categories:
        for index in range(per_category):
            people = derive_rng("seedgen", category, index, rng_seed).randint(2, 6)
            prompt = PROMPT.format(category=category.replace("_", " "), people=people, index=index)
            samples.append(Sample(id=f"{category}-{rng_seed}-{index}", input=prompt, metadata={"category": category}))
    return Task(
        dataset=MemoryDataset(samples, name="muses_seedgen"),
        solver=generate(),
        name="muses_seedgen",
        config=GenerateConfig(temperature=1.0),
    )


def draft_to_seed(text: str, category: str) -> Seed | str:
    """The first JSON object of a draft as a validated seed, or why it is unusable."""
    objects, _ = find_json_objects(text or "")
    draft = next((o for o in objects if "participants" in o), None)
    if draft is None:
        return "no JSON seed in the reply"
    fields = {k: draft.get(k) for k in ("title", "description", "participants")}
    seed_id = f"{category}_{content_id('t', fields, length=10)[2:]}"
    try:
        return Seed.model_validate({**fields, "id": seed_id, "category": category, "source": "teacher"})
    except ValidationError as error:
        first = error.errors()[0]
        return f"invalid seed: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def generate_seeds(
    teacher: str,
    out: Path,
    categories: list[str] | None = None,
    per_category: int = 2,
    rng_seed: int = 0,
    log_dir: Path = Path("logs/datagen"),
) -> SeedgenSummary:
    """Ask the teacher for seeds and merge the valid, new ones into ``out`` (a JSON list)."""
    out = Path(out)
    existing = parse_seeds(json.loads(out.read_text(encoding="utf-8")), str(out)) if out.exists() else []
    log = eval(
        seed_task(categories or list(CATEGORIES), per_category, rng_seed),
        model=teacher,
        log_dir=str(log_dir),
        display="none",
        fail_on_error=False,
        score_display=False,
    )[0]
    titles = {s.title.strip().lower() for s in existing}
    ids = {s.id for s in existing}
    added: list[Seed] = []
    rejected: Counter[str] = Counter()
    for sample in log.samples or []:
        if sample.error is not None:
            rejected["sample error"] += 1
            continue
        result = draft_to_seed(sample.output.completion, str(sample.metadata["category"]))
        if isinstance(result, str):
            rejected[result.split(":")[0]] += 1
        elif result.title.strip().lower() in titles or result.id in ids:
            rejected["duplicate title"] += 1
        else:
            titles.add(result.title.strip().lower())
            ids.add(result.id)
            added.append(result)
    seeds = existing + added
    _write_json_atomic(out, [s.model_dump(mode="json") for s in seeds])
    return SeedgenSummary(added=len(added), total=len(seeds), rejected=dict(rejected), log=log.location)


def _write_json_atomic(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2, ensure_ascii=False)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
