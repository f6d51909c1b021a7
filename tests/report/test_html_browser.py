"""The HTML report in headless Chromium: it renders, holds the table and one lane per user, and
makes no network request (checked in Chromium's own network log, with a positive control)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from muses.protocol import Transcript
from muses.report import load_logs, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not found: `make browser` installs the Debian package (make test does)"
)


class Lanes(HTMLParser):
    """Collects the header lanes and the text of every <td data-user=...> per user."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.text: dict[str, str] = {}
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "th" and found.get("class") == "lane":
            self.headers.append(str(found.get("data-user")))
        if tag == "td" and found.get("data-user"):
            self._cell = str(found["data-user"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self.text[self._cell] = self.text.get(self._cell, "") + data


def _chromium(tmp: Path, page: Path | str, *extra: str) -> tuple[str, list[str]]:
    """Open ``page`` headless with DNS disabled; return the DOM and the URLs the page requested."""
    netlog = tmp / f"net-{len(list(tmp.glob('net-*')))}.json"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}", *extra,
        page if isinstance(page, str) else page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)
    return done.stdout, _page_requests(netlog)


def _page_requests(netlog: Path) -> list[str]:
    """URLs the page itself requested; Chromium's own background fetches have no origin."""
    data = json.loads(netlog.read_text())
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in data["events"]:
        params = event.get("params") or {}
        if event["type"] == start and params.get("url") and params.get("initiator") != "not an origin":
            urls.append(str(params["url"]))
    return [u for u in urls if not u.startswith(("file:", "data:"))]


def _non_blank(png: Path) -> None:
    pixels = np.asarray(Image.open(png).convert("L"), dtype=float)
    assert pixels.std() > 10, "screenshot is blank"
    assert (pixels < 200).mean() > 0.02, "screenshot has almost no ink"


@pytest.fixture(scope="module")
def report(fixture_logs: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report"
    write_report([fixture_logs.logs], out)
    return out


def test_the_network_check_sees_a_remote_request(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>')
    _, requests = _chromium(tmp_path, control, "--dump-dom")
    assert requests == ["http://example.invalid/x.png"]


def test_index_renders_the_table_and_figures_offline(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    _, requests = _chromium(tmp_path, report / "index.html", f"--screenshot={shot}", "--window-size=1280,1800")
    assert requests == []
    _non_blank(shot)
    dom, requests = _chromium(tmp_path, report / "index.html", "--dump-dom")
    assert requests == []
    assert '<table class="results">' in dom
    assert "<td>muses/grant-all</td>" in dom and "75.0 ± 18.8 (n=4)" in dom
    assert dom.count('src="data:image/png;base64,') == 4
    assert "Different protocol" in dom and "GPT-4o-mini" in dom


def test_no_remote_reference_in_any_page(report: Path) -> None:
    remote = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)
    pages = [report / "index.html", *sorted((report / "episodes").glob("*.html"))]
    assert len(pages) == 14
    for page in pages:
        assert not remote.search(page.read_text()), page.name


def test_episode_page_has_one_lane_per_user_with_their_view(fixture_logs: Any, report: Path, tmp_path: Path) -> None:
    episodes = load_logs([fixture_logs.logs]).episodes
    pages = sorted((report / "episodes").glob("*.html"))
    index = next(i for i, ep in enumerate(episodes) if ep.model == "muses/grant-all" and ep.error is None)
    episode, page = episodes[index], pages[index]
    shot = tmp_path / "episode.png"
    dom, requests = _chromium(tmp_path, page, "--dump-dom", f"--screenshot={shot}", "--window-size=1400,1200")
    assert requests == []
    _non_blank(shot)
    lanes = Lanes()
    lanes.feed(dom)
    transcript = Transcript.from_jsonable(episode.transcript or {})
    assert lanes.headers == transcript.user_ids and len(lanes.headers) == episode.groups["users"]
    # each user's lane shows their own messages and none of another user's private ones
    messages = [(e.sender, e.content) for e in transcript.user_messages() if e.visibility == "private"]
    unique = [(s, c) for s, c in messages if sum(c == other for _, other in messages) == 1]
    assert unique
    for sender, content in unique:
        for user in transcript.user_ids:
            assert (content in lanes.text[user]) == (user == sender), (user, sender, content)
    # grant-all leaks to the unauthorized user: the secret is marked in that lane
    assert '<mark class="leak">' in dom and "format ok" in dom
