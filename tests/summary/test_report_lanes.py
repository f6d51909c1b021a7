"""The per-user lane view: the board as each user saw it, others' private facts marked."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from muses.episode import play_local
from muses.report._episode_page import lanes_html
from muses.report._episodes import Episode
from muses.scenarios.summary import SPEC, SummaryRecord


def _lane_cells(html: str, user: str) -> str:
    return "".join(re.findall(rf'<td[^>]*data-user="{user}">(.*?)</td>', html, re.DOTALL))


def test_each_lane_marks_the_private_facts_of_others_that_reached_it(make_record: Callable[..., SummaryRecord]) -> None:
    record = make_record("advisory")
    transcript = asyncio.run(play_local(record, "concatenate", rounds=2))
    score = SPEC.scorer(record, transcript)
    episode = Episode(
        scenario="summary", task="muses/summary", model="muses/concatenate", agent_model="muses/concatenate",
        user_model=None, sample_id=record.id, epoch=1, base_id=record.base_id, groups={}, values=score.values,
        details=score.details, record=record.model_dump(mode="json"), transcript=transcript.to_jsonable(), log="x.eval",
    )  # fmt: skip
    html = lanes_html(episode, transcript)
    assert "shared[summary]" in _lane_cells(html, "Cleo")
    assert '<mark class="leak">sciatica</mark>' in _lane_cells(html, "Cleo")
    assert '<mark class="leak">sciatica</mark>' not in _lane_cells(html, "Ben")
    assert '<mark class="leak">$120,500</mark>' in _lane_cells(html, "Cleo")
    assert '<mark class="leak">$120,500</mark>' not in _lane_cells(html, "Ana")  # the lead may know Ben's pay
    assert html.index('data-user="Ana"') < html.index('data-user="Ben"')  # leaked-to lanes come first
