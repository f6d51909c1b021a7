"""One HTML page per episode: the transcript in one lane per user, exactly as that user saw it.

Each user's lane is ``Transcript.view_as(user)``, the same projection the simulated user was
shown during the run, so a reader debugging a leak sees what reached whom rather than the agent's
intent. The agent's lane holds its raw turns (with format failures marked) and decisions. In the
lanes of users not authorized for the secrets, secret values and leak evidence are <mark>ed, and in
every lane the values the scorer lists for that user in ``lane_marks`` (others' private facts).

Watched lanes come first: users the record does not authorize (a record listing ``authorized``
users) and users the scorer found leaks to (score details ``leaks`` naming a ``user``), i.e. the
attackers, whose lane is where a leak shows. The lanes sit in a horizontally scrolling box with
the round column pinned, each lane at least 15rem wide, so at 1400 px the watched lanes are in
view whatever the number of users; a row of checkboxes hides lanes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import ValidationError

from muses.protocol import (
    AgentMessage,
    AgentTurn,
    Decision,
    EnvironmentMessage,
    Event,
    SharedWrite,
    Transcript,
    UserMessage,
)
from muses.report._episodes import Episode
from muses.report._html_common import esc, highlight, page, table


def _secrets(ep: Episode) -> list[str]:
    """Secret values from the score details, else from the record's resource fields."""
    found = ep.details.get("secrets")
    if isinstance(found, dict):
        return [str(v) for v in found.values() if v]
    fields = (ep.record.get("resource") or {}).get("fields") or []
    return [str(f.get("value")) for f in fields if isinstance(f, dict) and f.get("value")]


def _evidence(ep: Episode) -> list[str]:
    """Leak evidence strings (partial leaks, paraphrases) long enough to be meaningful."""
    leaks = ep.details.get("leaks") or []
    return [str(leak["evidence"]) for leak in leaks if isinstance(leak, dict) and len(str(leak.get("evidence", ""))) >= 3]


def lane_marks(ep: Episode) -> dict[str, list[str]]:
    """Per user, values the scorer says that user may not know (score details ``lane_marks``): others'
    private facts, marked wherever they reach that user's lane (e.g. on the shared board)."""
    found = ep.details.get("lane_marks")
    if not isinstance(found, dict):
        return {}
    return {str(user): [str(v) for v in values if v] for user, values in found.items() if isinstance(values, list)}


def _unauthorized(ep: Episode, users: list[str]) -> set[str]:
    authorized = ep.record.get("authorized")
    return {u for u in users if u not in authorized} if isinstance(authorized, list) else set()


def watched_users(ep: Episode, users: list[str]) -> list[str]:
    """Users to show first: not authorized by the record, or leaked to according to the scorer."""
    leaked = {str(x.get("user")) for x in ep.details.get("leaks") or [] if isinstance(x, dict)}
    flagged = _unauthorized(ep, users) | leaked
    return [u for u in users if u in flagged]


def _event_html(event: Event, me: str, leaks: list[str], secrets: list[str]) -> str:
    """One event as seen by ``me``; text is highlighted (leaks for unauthorized lanes)."""
    def text(content: str) -> str:
        return highlight(content, leaks=leaks, secrets=secrets)

    if isinstance(event, UserMessage):
        who = "you → agent" if event.sender == me else f"{event.sender} (public)"
        return f'<div class="ev user_message"><span class="tag">{esc(who)}</span>{text(event.content)}</div>'
    if isinstance(event, AgentMessage):
        tag = "agent → you" + (" (broadcast)" if event.broadcast else "")
        if me == "agent":
            tag = "agent → " + ", ".join(event.recipients)
        return f'<div class="ev agent_message"><span class="tag">{esc(tag)}</span>{text(event.content)}</div>'
    if isinstance(event, SharedWrite):
        tag = f"shared[{event.key}] readers: {', '.join(event.readers)}"
        return f'<div class="ev shared_write"><span class="tag">{esc(tag)}</span>{text(event.content)}</div>'
    if isinstance(event, EnvironmentMessage):
        return f'<div class="ev environment_message"><span class="tag">environment</span>{text(event.content)}</div>'
    if isinstance(event, AgentTurn):
        badge = '<span class="badge yes">format ok</span>' if event.format_ok else '<span class="badge no">format failure</span>'
        errors = "".join(f'<span class="tag error">{esc(e)}</span>' for e in event.errors)
        bad = "" if event.format_ok else " bad"
        return f'<div class="ev agent_turn{bad}"><span class="tag">raw turn {badge}</span>{errors}{text(event.raw)}</div>'
    if isinstance(event, Decision):
        payload = json.dumps(event.payload, ensure_ascii=False)
        return f'<div class="ev decision"><span class="tag">decision</span>{esc(payload)}</div>'
    return ""


def _lane_head(transcript: Transcript, user: str, unauthorized: set[str], watched: bool) -> str:
    principal = transcript.principal(user)
    status = " · unauthorized" if user in unauthorized else (" · leaked to" if watched else "")
    css = "lane watched" if watched else "lane"
    return (
        f'<th class="{css}" data-user="{esc(user)}">{esc(user)}<span class="tag">{esc(principal.role)}'
        f" · authority {principal.authority}{status}</span></th>"
    )


def _toggles(order: list[str], watched: list[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" checked data-lane="{esc(u)}"> {esc(u)}{" (watched)" if u in watched else ""}</label>'
        for u in order
    )
    return f'<p class="lanes-toggle">Lanes: {boxes}</p>'


def lanes_html(ep: Episode, transcript: Transcript) -> str:
    """The lanes table: a row per round, a column per user (their view, watched users first) and
    one for the agent, in a scrolling box whose round column stays pinned."""
    users = transcript.user_ids
    unauthorized = _unauthorized(ep, users)
    watched = watched_users(ep, users)
    order = watched + [u for u in users if u not in watched]
    secrets, evidence, marks = _secrets(ep), _evidence(ep), lane_marks(ep)
    views = {u: transcript.view_as(u) for u in users}
    agent_events = [e for e in transcript.events if isinstance(e, AgentTurn | Decision)]
    head = ['<th class="round">Round</th>', *[_lane_head(transcript, u, unauthorized, u in watched) for u in order]]
    head.append('<th class="lane-agent">Agent (raw turns)</th>')
    body = []
    for number in sorted({e.round for e in transcript.events}):
        cells = [f'<td class="round">{number + 1}</td>']
        for user in order:
            leaks = (secrets + evidence if user in unauthorized else []) + marks.get(user, [])
            shown = secrets if user not in unauthorized else []
            events = "".join(_event_html(e, user, leaks, shown) for e in views[user] if e.round == number)
            css = ' class="watched"' if user in watched else ""
            cells.append(f'<td{css} data-user="{esc(user)}">{events}</td>')
        agent = "".join(_event_html(e, "agent", [], secrets) for e in agent_events if e.round == number)
        cells.append(f"<td>{agent}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    width = f"calc(3rem + {len(order) + 1} * 15rem)"
    lanes = (
        f'<table class="lanes" style="min-width:{width}"><thead><tr>{"".join(head)}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
    )
    return _toggles(order, watched) + f'<div class="lanes-wrap">{lanes}</div>'


def _value(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _score_html(ep: Episode) -> str:
    if ep.error is not None:
        return ""
    values = table(["metric", "value"], [[k, _value(v)] for k, v in (ep.values or {}).items()])
    leaks: list[dict[str, Any]] = [x for x in ep.details.get("leaks") or [] if isinstance(x, dict)]
    leak_rows = [
        [str(x["round"] + 1) if isinstance(x.get("round"), int) else "", *[str(x.get(k, "")) for k in ("user", "field", "kind", "channel", "evidence")]]
        for x in leaks
    ]
    if "leaks" not in ep.details:  # scenarios without secrets have no leak section
        return f"<h2>Score</h2>{values}"
    leak_table = table(["round", "to user", "field", "kind", "channel", "evidence"], leak_rows) if leaks else "<p>No leaks.</p>"
    return f"<h2>Score</h2>{values}<h2>Leaks</h2>{leak_table}"


def _summary_html(ep: Episode) -> str:
    """The verdict first: the error, or the explanation and the metrics on one line."""
    if ep.error is not None:
        return (
            '<p class="error" id="episode-error">Error: this episode did not finish and counts as a failure (0) '
            f"on every rate metric. {esc(ep.error)}</p>"
        )
    metrics = " · ".join(f"{esc(k)} {_value(v)}" for k, v in (ep.values or {}).items())
    return f"<p>{esc(ep.explanation)}</p><p class=\"note-small\">{metrics}</p>"


def _issues_html(ep: Episode) -> str:
    """Model turns that did not end normally (truncated, context overflow, error text as output)."""
    if not ep.turn_issues:
        return ""
    rows = [[str(int(i.get("round", 0)) + 1), str(i.get("role", "")), str(i.get("kind", "")), str(i.get("detail", ""))]
            for i in ep.turn_issues]  # fmt: skip
    return '<h2 id="turn-issues">Turns that did not end normally</h2>' + table(["round", "role", "kind", "detail"], rows)


def _transcript_html(ep: Episode) -> str:
    try:
        transcript = Transcript.from_jsonable(ep.transcript) if ep.transcript else None
    except ValidationError as error:
        return f'<p class="error">Transcript could not be read: {esc(error)}</p>'
    if transcript is None:
        return "<p>No transcript was recorded for this sample.</p>"
    legend = (
        ' <mark class="leak">Marked</mark> text is secret data in the lane of an unauthorized user; '
        '<span class="secret">underlined</span> text is secret data where it was allowed.'
    )
    secrets = legend if _secrets(ep) else ""
    intro = f"<p>Each lane is <code>view_as(user)</code>: only what reached that user.{secrets}</p>"
    return intro + lanes_html(ep, transcript)


def episode_page(ep: Episode) -> str:
    """The complete, self-contained page of one episode: verdict, transcript lanes, then details."""
    meta = {"scenario": ep.scenario, "model": ep.model, "user model": ep.user_model or "default (muses/scripted)",
            "sample": ep.sample_id, "epoch": ep.epoch, "base scenario": ep.base_id, **ep.groups, "log": ep.log}  # fmt: skip
    groups = " · ".join(f"{k} {v}" for k, v in ep.groups.items())
    parts = [
        '<p><a href="../index.html">← report</a></p>',
        f"<h1>{esc(ep.scenario)} · {esc(ep.sample_id)} · epoch {ep.epoch}</h1>",
        f'<p class="note-small">{esc(ep.model)} · {esc(groups)}</p>',
        _summary_html(ep),
        _issues_html(ep),
        "<h2>Transcript: what each user saw</h2>",
        _transcript_html(ep),
        _score_html(ep),
        "<h2>Episode</h2>",
        table(["field", "value"], [[str(k), str(v)] for k, v in meta.items()]),
    ]
    return page(f"{ep.scenario} {ep.sample_id} · {ep.model}", "\n".join(parts))
