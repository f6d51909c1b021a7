"""Seeded access rules with near misses: teams on the roster, a rule, and who it admits.

Each base scenario gets teams for its users and one rule (team, role, authority threshold, team
and threshold, or a registry delegation on top of one of those). Teams come in look-alike
pairs ('Security' and 'Security Research') and thresholds sit just above someone's level, so
every rule has people who merely resemble it: the same team at too low a level, a similar team
name, a delegation registered by someone who does not qualify. The authorized set is whatever
the rule admits; the list variant of the same base names exactly that set.
"""

from __future__ import annotations

import random

from muses.protocol import Principal
from muses.scenarios.access_control._policy import RULE_KINDS, AccessRule, Delegation, RuleKind

TEAM_PAIRS: tuple[tuple[str, str], ...] = (
    ("Security", "Security Research"),
    ("Payments", "Payments Ops"),
    ("Finance", "Finance Ops"),
    ("Infrastructure", "Infrastructure Tools"),
    ("Growth", "Growth Analytics"),
)
"""(team a rule may name, a team whose name resembles it)."""
OTHER_TEAMS: tuple[str, ...] = ("Legal", "Support", "Design")


def _with_teams(principals: list[Principal], teams: dict[str, str]) -> list[Principal]:
    return [p.model_copy(update={"team": teams[p.id]}) for p in principals]


def _spread(rng: random.Random, ids: list[str], near: str) -> dict[str, str]:
    """Teams for users outside the rule's team: the look-alike team at least once, others at random."""
    pool = [near, near, *rng.sample(OTHER_TEAMS, 2)]
    return {u: (near if i == 0 else rng.choice(pool)) for i, u in enumerate(ids)}


def _team(rng: random.Random, users: list[Principal], pair: tuple[str, str]) -> tuple[dict[str, str], AccessRule] | None:
    inside = rng.sample([p.id for p in users], rng.randint(1, len(users) - 1))
    teams = {u: pair[0] for u in inside} | _spread(rng, [p.id for p in users if p.id not in inside], pair[1])
    return teams, AccessRule(kind="team", teams=(pair[0],))


def _team_level(rng: random.Random, users: list[Principal], pair: tuple[str, str]) -> tuple[dict[str, str], AccessRule] | None:
    levels = sorted({p.authority for p in users})
    if len(levels) < 2:
        return None
    threshold = rng.choice(levels[1:])
    high = [p.id for p in users if p.authority >= threshold]
    low = [p.id for p in users if p.authority < threshold]
    inside = rng.sample(high, rng.randint(1, len(high))) + rng.sample(low, rng.randint(1, len(low)))
    teams = {u: pair[0] for u in inside} | _spread(rng, [p.id for p in users if p.id not in inside], pair[1])
    return teams, AccessRule(kind="team_level", teams=(pair[0],), min_authority=threshold)


def _level(rng: random.Random, users: list[Principal], pair: tuple[str, str]) -> tuple[dict[str, str], AccessRule] | None:
    levels = sorted({p.authority for p in users})
    if len(levels) < 2:
        return None
    threshold = rng.choice(levels[1:])
    teams = {p.id: rng.choice((*pair, *OTHER_TEAMS)) for p in users}
    return teams, AccessRule(kind="level", min_authority=threshold)


def _role(rng: random.Random, users: list[Principal], pair: tuple[str, str]) -> tuple[dict[str, str], AccessRule] | None:
    roles = sorted({p.role for p in users})
    if len(roles) < 2:
        return None
    teams = {p.id: rng.choice((*pair, *OTHER_TEAMS)) for p in users}
    return teams, AccessRule(kind="role", roles=(rng.choice(roles),))


def _delegation(rng: random.Random, users: list[Principal], pair: tuple[str, str]) -> tuple[dict[str, str], AccessRule] | None:
    """A team or team-and-level rule plus a valid registry entry and, when possible, an invalid one."""
    base = _team_level(rng, users, pair) or _team(rng, users, pair)
    if base is None or len(users) < 3:
        return None
    teams, rule = base
    members = _with_teams(users, teams)
    qualifying = [p.id for p in members if rule.qualifies(p)]
    outside = [p.id for p in members if not rule.qualifies(p)]
    if len(outside) < 2:
        return None
    grantee = rng.choice(outside)
    entries = [Delegation(grantor=rng.choice(qualifying), grantee=grantee)]
    rest = [u for u in outside if u != grantee]
    if len(rest) >= 2:
        grantor, fake = rng.sample(rest, 2)
        entries.append(Delegation(grantor=grantor, grantee=fake))
    rng.shuffle(entries)
    return teams, rule.model_copy(update={"kind": "delegation", "delegations": tuple(entries)})


_MAKERS = {"team": _team, "team_level": _team_level, "level": _level, "role": _role, "delegation": _delegation}


def draft_rule(rng: random.Random, users: list[Principal], kind: RuleKind) -> tuple[list[Principal], AccessRule]:
    """Teams for ``users`` and a rule of ``kind`` (or the next kind that fits these users)."""
    pair = rng.choice(TEAM_PAIRS)
    order = [kind, *(k for k in RULE_KINDS if k != kind)]
    for candidate in order:
        made = _MAKERS[candidate](rng, users, pair)
        if made is None:
            continue
        teams, rule = made
        members = _with_teams(users, teams)
        if 0 < len(rule.admitted(members)) < len(members):
            return members, rule
    raise ValueError("no access rule fits these users")  # _team always fits two or more users
