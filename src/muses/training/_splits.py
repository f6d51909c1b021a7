"""Training episodes must never be evaluation episodes: the disjointness check behind datagen.

A model fine-tuned on benchmark episodes is only worth evaluating if none of them reappears
in an evaluation split. Generators hash the split into every id, which makes overlap unlikely
but not impossible (a generator that ignored its split would silently leak), so datagen checks
it: every training record is compared with the quick, dev and test splits generated for the
same seeds (and seed 0, the benchmark's default), both by id and by content, and any overlap is
an error that names the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from muses.inspect import task_params, task_records
from muses.scenarios import ScenarioRecord, get_scenario
from muses.scenarios._seeding import content_id

EVAL_SPLITS: tuple[str, ...] = ("quick", "dev", "test")
TRAIN_SPLIT = "train"
_NOT_CONTENT = {"id", "base_id", "split"}


class SplitOverlapError(ValueError):
    """Training records overlap an evaluation split."""


def fingerprint(record: ScenarioRecord) -> str:
    """Hash of a record's content without its id, base id and split label."""
    payload = {k: v for k, v in record.model_dump(mode="json").items() if k not in _NOT_CONTENT}
    return content_id("content", payload, length=24)


def train_records(scenario: str, seeds: Iterable[int], params: dict[str, Any]) -> list[ScenarioRecord]:
    """Records of the train split for every seed, checked disjoint from the evaluation splits."""
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds: at least one generator seed is needed")
    records: list[ScenarioRecord] = []
    for seed in seeds:
        typed = task_params(scenario, {**params, "split": TRAIN_SPLIT, "seed": seed})
        records.extend(task_records(scenario, typed))
    check_disjoint(scenario, records, seeds, params)
    return records


def check_disjoint(
    scenario: str, records: list[ScenarioRecord], seeds: Iterable[int], params: dict[str, Any]
) -> None:
    """Raise SplitOverlapError if any record is labelled otherwise or appears in an eval split.

    Evaluation splits are generated for each seed in ``seeds`` plus seed 0, once with their
    default parameters (what `muses run` uses) and once with ``params`` (what a custom run with
    the same options would use).
    """
    mislabelled = [r.id for r in records if r.split != TRAIN_SPLIT]
    if mislabelled:
        raise SplitOverlapError(
            f"{scenario}: records {mislabelled[:5]} are labelled with a split other than {TRAIN_SPLIT!r}"
        )
    ids = {r.id: r for r in records}
    prints = {fingerprint(r): r for r in records}
    spec = get_scenario(scenario)
    variants = [{}, params] if params else [{}]
    for split in EVAL_SPLITS:
        for seed in sorted({0, *seeds}):
            for variant in variants:
                clashes = []
                for other in spec.generate(split=split, seed=seed, **variant):
                    mine = ids.get(other.id) or prints.get(fingerprint(other))
                    if mine is not None:
                        clashes.append(f"{mine.id} = {split}:{other.id}")
                if clashes:
                    raise SplitOverlapError(
                        f"{scenario}: {len(clashes)} training records also appear in the {split!r} split "
                        f"(seed {seed}{', params ' + repr(variant) if variant else ''}): {', '.join(clashes[:5])}. "
                        "Refusing to generate training data that overlaps an evaluation split."
                    )
