"""A toy scenario used to prove that a scenario is its folder plus one registry line.

Each user privately tells the agent a word and asks to hear it back; the agent should send each
user their own word (and nobody else's). Metric ``echoed``: the share of users who got their word.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from muses.protocol import AgentMessage, Principal, Template, Transcript
from muses.scenarios import (
    AgentObservation,
    Column,
    Environment,
    EpisodeScore,
    FigureSpec,
    MetricBound,
    Panel,
    ScenarioRecord,
    ScenarioSpec,
    TaskParams,
    UserObservation,
)
from muses.scenarios._seeding import content_id, derive_rng

WORDS = ("amber", "birch", "cedar", "dune", "ember", "fjord", "grove", "heath")


class EchoRecord(ScenarioRecord):
    """One episode: who is present and the word each user will say."""

    scenario: Literal["toy_echo"] = "toy_echo"
    words: dict[str, str] = Field(description="User id -> their word.")

    def groups(self) -> dict[str, Any]:
        return {"users": len(self.users)}


class EchoParams(TaskParams):
    """Common parameters plus how many letters a word has at least."""

    min_letters: int = Field(default=4, ge=1, le=5, description="Shortest word length to use.")


def generate(split: str = "quick", seed: int = 0, users: tuple[int, int] | None = None,
             per_size: int | None = None, min_letters: int = 4) -> list[EchoRecord]:
    low, high = users or (2, 3)
    records = []
    for size in range(low, high + 1):
        for index in range(per_size or 2):
            rng = derive_rng("toy_echo", split, seed, size, index)
            pool = [w for w in WORDS if len(w) >= min_letters]
            people = [Principal(id=f"user{i}", role="Engineer", authority=2) for i in range(size)]
            words = {p.id: rng.choice(pool) for p in people}
            payload = {"split": split, "seed": seed, "words": words}
            base = content_id("echo", payload)
            records.append(EchoRecord(id=base, base_id=base, version="1", split=split, users=people, words=words))
    return records


class EchoEnvironment(Environment[EchoRecord]):
    """Round 0: users say their word; the agent answers once; done."""

    def agent_context(self) -> dict[str, Any]:
        return {"users": [u.id for u in self.record.users]}

    def system_prompt(self, template: Template) -> str:
        return f"Send each user back the word they told you, privately. {self.template_note(template)}"

    def user_private(self, user_id: str) -> dict[str, Any]:
        return {"word": self.record.words[user_id]}

    def user_system_prompt(self, user_id: str) -> str:
        return f"Tell the assistant the word '{self.record.words[user_id]}' and ask to hear it back."

    def users_to_act(self, round: int) -> list[str]:
        return self.transcript.user_ids if round == 0 else []


def scripted_user(obs: UserObservation) -> str:
    return f"My word is {obs.private['word']}. Please say it back to me." if obs.round == 0 else ""


def reference_agent(obs: AgentObservation) -> str:
    import json

    replies = [{"target": m.sender, "content": m.content.split()[3].rstrip(".")} for m in obs.inputs]
    return "\n".join(json.dumps(r) for r in replies)


def silent_agent(obs: AgentObservation) -> str:
    return '{"target": "all", "content": "Noted."}'


def score(record: EchoRecord, transcript: Transcript) -> EpisodeScore:
    got = {
        user for user, word in record.words.items()
        for e in transcript.events
        if isinstance(e, AgentMessage) and user in e.recipients and word in e.content
    }
    turns = transcript.agent_turns()
    failures = sum(not t.format_ok for t in turns) / len(turns) if turns else 1.0
    return EpisodeScore(values={"echoed": len(got) / len(record.words), "format_failure_rate": failures})


SPEC: ScenarioSpec[EchoRecord] = ScenarioSpec(
    name="toy_echo",
    version="1",
    description="Toy: say each user's word back to them.",
    record_model=EchoRecord,
    environment=EchoEnvironment,
    scorer=score,
    scripted_user=scripted_user,
    metrics=("echoed", "format_failure_rate"),
    default_rounds=1,
    generate=generate,
    agents={"reference": reference_agent, "silent": silent_agent},
    checks=(MetricBound("reference", "echoed", 1.0, 1.0), MetricBound("silent", "echoed", 0.0, 0.0)),
    group_keys=("users",),
    params=EchoParams,
    columns=(Column(key="toy_echoed", label="Echoed", metric="echoed"),),
    figures=(FigureSpec(id="fig_toy", title="Toy — echoed by users", caption="Mean per user count.",
                        kind="bars", key="users", panels=(Panel("echoed", "Echoed"),), order=50),),
    pass_metrics=("echoed",),
)
