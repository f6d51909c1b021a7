"""The Inspect tasks `muses/<scenario>`: ``inspect eval muses/access_control --model ...``.

Each task generates its episodes from a seed (or reads a data file made by ``muses generate`` or
``muses import-paper``) and plays them with the agent under test and the `user` model role.
"""

from __future__ import annotations

from inspect_ai import Task, task

from muses.inspect._tasks import scenario_task


@task
def selection(
    users: str | None = None,
    split: str = "test",
    seed: int = 0,
    limit: int | None = None,
    per_size: int | None = None,
    data: str | None = None,
    template: str | None = None,
) -> Task:
    """Instruction selection: accept or reject users' referenced instructions, with reasons.

    Args:
        users: Number of users, 'N' or 'LOW-HIGH' (default: the split's, 2-10; up to 30).
        split: quick, dev, test or train.
        seed: Generator seed.
        limit: Keep only the first N episodes.
        per_size: Episodes per user count (default: the split's).
        data: A JSONL file of records to run instead of generating (e.g. the imported paper set).
        template: User-turn template: xml, says, colon, bracket or native (default: xml).
    """
    return scenario_task(
        "selection", data=data, split=split, seed=seed, users=users, per_size=per_size, limit=limit, template=template
    )


@task
def execution(
    variant: str = "all",
    users: str | None = None,
    split: str = "test",
    seed: int = 0,
    limit: int | None = None,
    per_size: int | None = None,
    data: str | None = None,
    template: str | None = None,
) -> Task:
    """Instruction execution: one deliverable meeting every user's constraints, conflicts by authority.

    Args:
        variant: 'all', 'aligned' or 'conflict' (also filters records read with ``data``).
        users: Number of users, 'N' or 'LOW-HIGH' (default: the split's, 2-10; up to 30).
        split: quick, dev, test or train.
        seed: Generator seed.
        limit: Keep only the first N episodes.
        per_size: Base episodes per user count (each in every requested variant; default: the split's).
        data: A JSONL file of records to run instead of generating (e.g. the imported paper sets).
        template: User-turn template: xml, says, colon, bracket or native (default: xml).
    """
    from muses.scenarios.execution import parse_variants

    return scenario_task(
        "execution", data=data, split=split, seed=seed, users=users, per_size=per_size, limit=limit,
        template=template, variant=variant,
        select=lambda records: [r for r in records if r.variant in parse_variants(variant)],
    )


@task
def access_control(
    template: str | None = None,
    attack: str = "all",
    rounds: int | None = None,
    users: str | None = None,
    split: str = "test",
    seed: int = 0,
    limit: int | None = None,
    per_size: int | None = None,
    data: str | None = None,
    judge: bool = False,
) -> Task:
    """Cross-user access control: serve authorized users, refuse the rest, over many rounds.

    Args:
        template: User-turn template: xml, says, colon, bracket or native (default: xml, or the
            record's own for imported paper data).
        attack: 'all', one attack or a comma-separated list: none, pressure, roleplaying,
            fake_authorized, spoof_format, partial, indirect.
        rounds: Rounds per episode (default 10).
        users: Number of users, 'N' or 'LOW-HIGH' (default: the split's, 2-10).
        split: quick, dev, test or train.
        seed: Generator seed.
        limit: Keep only the first N episodes.
        per_size: Base scenarios per user count (default: the split's).
        data: A JSONL file of records to run instead of generating.
        judge: Add the LLM-judged paraphrase-leak metric (bind the `judge` model role).
    """
    from muses.scenarios.access_control._generator import parse_attacks

    return scenario_task(
        "access_control", data=data, split=split, seed=seed, users=users, per_size=per_size, limit=limit,
        template=template, rounds=rounds, judge=judge, attack=attack,
        select=lambda records: [r for r in records if r.attack in parse_attacks(attack)],
    )


@task
def queue(
    template: str | None = None,
    load: str = "all",
    rounds: int | None = None,
    users: str | None = None,
    split: str = "test",
    seed: int = 0,
    limit: int | None = None,
    per_size: int | None = None,
    data: str | None = None,
) -> Task:
    """Shared LLM inference queue: schedule users' jobs onto workers, unmoved by inflated urgency.

    Args:
        template: User-turn template: xml, says, colon, bracket or native (default: xml).
        load: 'all', one load level or a comma-separated list: light, moderate, heavy, overloaded.
        rounds: Cap on steps per episode (default: each record's own T).
        users: Number of users, 'N' or 'LOW-HIGH' (default: the split's, 2-20).
        split: quick, dev, test or train.
        seed: Generator seed.
        limit: Keep only the first N episodes (use an even N: honest/inflated pairs are adjacent).
        per_size: Base scenarios per (user count, load) (default: the split's).
        data: A JSONL file of records to run instead of generating.
    """
    return scenario_task(
        "queue", data=data, split=split, seed=seed, users=users, per_size=per_size, limit=limit,
        template=template, rounds=rounds, load=load,
        select=lambda records: records if load == "all" else [r for r in records if r.load in load.split(",")],
    )


@task
def meeting(
    disclosure: str = "all",
    users: str | None = None,
    difficulty: str = "all",
    template: str | None = None,
    rounds: int | None = None,
    split: str = "test",
    seed: int = 0,
    limit: int | None = None,
    per_size: int | None = None,
    data: str | None = None,
) -> Task:
    """Multi-user meeting coordination: elicit availability, negotiate and finalize one slot.

    Args:
        disclosure: 'all', 'full' (everyone states availability up front) or 'partial'.
        users: Number of users, 'N' or 'LOW-HIGH' (default: the split's, 2-10; up to 30).
        difficulty: 'all' or a comma-separated list of consensus, negotiation, partial.
        template: User-turn template: xml, says, colon, bracket or native (default: xml, or the
            record's own for imported paper data).
        rounds: Maximum agent turns per episode (default 10).
        split: quick, dev, test or train.
        seed: Generator seed.
        limit: Keep only the first N episodes.
        per_size: Base scenarios per user count and difficulty (default: the split's).
        data: A JSONL file of records to run instead of generating.
    """
    from muses.scenarios.meeting import select

    return scenario_task(
        "meeting", data=data, split=split, seed=seed, users=users, per_size=per_size, limit=limit,
        template=template, rounds=rounds, disclosure=disclosure, difficulty=difficulty,
        select=lambda records: select(records, disclosure, difficulty),
    )
