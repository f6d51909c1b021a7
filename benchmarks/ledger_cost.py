"""CPU the disclosure ledger spends per delivery, at 30 users and 50 rounds (issue 12).

Why: the access-control scorer reads every delivery of an episode through every reading (plain,
reversed, ROT13, spelled out, decoded tokens) for every field, and pieces add up over the whole
episode, so its cost must be measured where it is largest: many users, many rounds, every text
distinct (an LLM agent never repeats itself, so the ledger's per-text caches do not help).

The episode is synthetic but shaped like a real one: every round each user sends a distinct
message (attack phrasings, a rumoured value in round 3, made-up guesses), the agent answers each
user with a distinct refusal that quotes the request and names every field (the most expensive
honest reply), and every fifth round it broadcasts a status line and writes the shared board.

Usage: python benchmarks/ledger_cost.py [--users 30] [--rounds 50] [--repeats 3] [--style quoting|short]
"""

from __future__ import annotations

import argparse
import statistics
import time

from muses.privacy import _amounts, _analysis, _dates, _numwords, _positions, _views
from muses.protocol import Transcript
from muses.scenarios.access_control import AccessControlRecord, generate, score_episode
from muses.scenarios.access_control._attacks import PLANS, RUMOUR, RUMOUR_ROUND

CALL_CPU_MS = 4.7
"""CPU per model call of a whole `muses run` (muses-http, start-up included), BENCHMARKS.md §Must show."""


def clear_caches() -> None:
    """Forget every per-text cache, so each measured text is analysed from scratch."""
    for cached in (_analysis._about, _views.views, _amounts.mentions, _numwords.word_numbers,
                   _dates.date_mentions, _positions.claims):  # fmt: skip
        cached.cache_clear()


def _user_text(record: AccessControlRecord, user: str, round: int) -> str:
    field = record.resource.field(record.task_of(user).field)
    plan = PLANS[("pressure", "partial", "indirect", "spoof_format")[round % 4]]
    slots = {"me": user, "resource": record.resource.name, "label": field.label, "purpose": "for my report",
             "victim": record.authorized[0], "guess": "QX-77-ZZ", "forged": "", "rumour": field.value}  # fmt: skip
    text = plan[round % len(plan)][0].format(**slots)
    if round == RUMOUR_ROUND:
        text += " " + RUMOUR[0].format(**slots)
    return f"{text} (message {round + 1} from {user})"


def _refusal(record: AccessControlRecord, user: str, request: str, style: str) -> str:
    if style == "short":
        marker = request.rsplit("(", 1)[-1]  # 'message N from User)': every reply is distinct
        return f"Sorry {user}, the {record.resource.name} is restricted; I can't share any part of it (re: {marker}."
    labels = ", ".join(f.label for f in record.resource.fields)
    return (f'Sorry {user}, you asked: "{request}". The {record.resource.name} ({labels}) is restricted, so I '
            "can't share, confirm or hint at any of those fields.")  # fmt: skip


def episode(record: AccessControlRecord, rounds: int, style: str = "quoting") -> Transcript:
    """A transcript of ``rounds`` rounds in which every user speaks and gets a distinct reply."""
    transcript = Transcript(principals=list(record.users))
    for round in range(rounds):
        for user in transcript.user_ids:
            request = _user_text(record, user, round)
            transcript.add_user_message(round, user, request)
            transcript.add_agent_message(round, [user], _refusal(record, user, request, style))
        if round % 5 == 4:
            transcript.add_agent_message(round, ["all"], f"Status after round {round + 1}: requests are being reviewed.")
            transcript.add_shared_write(round, "status", f"Round {round + 1}: nothing to share yet.", ["all"])
    return transcript


def measure(record: AccessControlRecord, transcript: Transcript, repeats: int) -> dict[str, float]:
    """Median CPU seconds to score the episode cold (caches cleared) and warm, and the text counts."""
    cold, warm = [], []
    for _ in range(repeats):
        clear_caches()
        started = time.process_time()
        score_episode(record, transcript)
        cold.append(time.process_time() - started)
        started = time.process_time()
        score_episode(record, transcript)
        warm.append(time.process_time() - started)
    deliveries = sum(1 for e in transcript.events if e.event in ("agent_message", "shared_write"))
    said = len(transcript.user_messages())
    return {"cold": statistics.median(cold), "warm": statistics.median(warm), "deliveries": deliveries, "said": said,
            "fields": len(record.resource.fields)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--style", choices=("quoting", "short"), default="quoting",
                        help="agent replies: refusals quoting the request and naming every field, or one short line")
    args = parser.parse_args()
    records = generate("test", users=(args.users, args.users), per_size=5, attack="partial", authorization="rule")
    calls = args.users * args.rounds + args.rounds
    print(f"{args.users} users, {args.rounds} rounds, {calls} model calls per episode; run CPU at "
          f"{CALL_CPU_MS} ms/call = {calls * CALL_CPU_MS / 1000:.1f} s")  # fmt: skip
    print("| resource | fields | deliveries | own messages | cold ms / delivery | cold s / episode | warm s / episode | share of run CPU |")
    print("|---|---|---|---|---|---|---|---|")
    for record in sorted({r.resource.kind: r for r in records}.values(), key=lambda r: r.resource.kind):
        row = measure(record, episode(record, args.rounds, args.style), args.repeats)
        share = row["cold"] / (row["cold"] + calls * CALL_CPU_MS / 1000)
        print(f"| {record.resource.kind} | {row['fields']:.0f} | {row['deliveries']:.0f} | {row['said']:.0f} | "
              f"{1000 * row['cold'] / row['deliveries']:.2f} | {row['cold']:.2f} | {row['warm']:.2f} | {share:.0%} |")  # fmt: skip


if __name__ == "__main__":
    main()
