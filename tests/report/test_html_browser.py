"""The HTML report in headless Chromium at 1400 px: it renders offline (checked in Chromium's own
network log, with a positive control), its inline script runs under the page's CSP, no two figure
labels overlap or leave their figure (measured on the rendered SVG text, with a positive control),
the attacker's lane of a crowded episode is in view, and errors are marked as errors.
Screenshots are saved in each test's tmp dir."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from inspect_ai import eval
from PIL import Image

from muses.inspect import build_task
from muses.protocol import Transcript
from muses.report import load_logs, write_report
from muses.scenarios.access_control import generate

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not found: `make browser` installs the Debian package (make test does)"
)
WIDTH = 1400

FIGURE_PROBE = """
(function () {
  function overlap(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  }
  var out = [];
  document.querySelectorAll("figure svg").forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    var texts = Array.prototype.filter.call(svg.querySelectorAll("text"), function (t) { return t.textContent.trim() !== ""; });
    var rects = texts.map(function (t) { return t.getBoundingClientRect(); });
    var overlaps = [], outside = [];
    for (var i = 0; i < rects.length; i++) {
      for (var j = i + 1; j < rects.length; j++) {
        if (overlap(rects[i], rects[j])) { overlaps.push([texts[i].textContent, texts[j].textContent]); }
      }
      var r = rects[i];
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        outside.push(texts[i].textContent);
      }
    }
    out.push({id: svg.closest("figure").id, texts: texts.length, width: box.width, overlaps: overlaps, outside: outside});
  });
  var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
"""

LANE_PROBE = """
(function () {
  var lanes = Array.prototype.map.call(document.querySelectorAll("table.lanes thead th"), function (th) {
    var r = th.getBoundingClientRect();
    return {user: th.getAttribute("data-user"), watched: th.classList.contains("watched"), left: r.left, right: r.right};
  });
  var wrap = document.querySelector(".lanes-wrap");
  var out = {viewport: window.innerWidth, lanes: lanes, scrolls: wrap.scrollWidth > wrap.clientWidth};
  var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
"""


class Lanes(HTMLParser):
    """Collects the header lanes and the text of every <td data-user=...> per user."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.text: dict[str, str] = {}
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "th" and "lane" in str(found.get("class", "")).split():
            self.headers.append(str(found.get("data-user")))
        if tag == "td" and found.get("data-user"):
            self._cell = str(found["data-user"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self.text[self._cell] = self.text.get(self._cell, "") + data


def _chromium(tmp: Path, page: Path | str, *extra: str, height: int = 1000) -> tuple[str, list[str]]:
    """Open ``page`` headless at 1400 px with DNS disabled; return the DOM and the URLs the page requested."""
    netlog = tmp / f"net-{len(list(tmp.glob('net-*')))}.json"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        f"--user-data-dir={tmp / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}",
        f"--window-size={WIDTH},{height}", *extra, page if isinstance(page, str) else page.as_uri(),
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


def _probe(tmp: Path, page: Path, script: str) -> Any:
    """Run ``script`` in a copy of ``page`` (its CSP removed so a test script may run) and return
    the JSON it leaves in <pre id=probe>; layout, styles and content are the page's own."""
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    probe = tmp / f"probe-{page.name}"
    probe.write_text(text.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    dom, _ = _chromium(tmp, probe, "--dump-dom", "--virtual-time-budget=3000")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe did not run"
    return json.loads(html.unescape(found.group(1)))


def _screenshot(tmp: Path, page: Path, name: str, height: int) -> Path:
    shot = tmp / name
    _, requests = _chromium(tmp, page, f"--screenshot={shot}", height=height)
    assert requests == []
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    assert Image.open(shot).size == (WIDTH, height)
    assert pixels.std() > 10, "screenshot is blank"
    assert (pixels < 200).mean() > 0.01, "screenshot has almost no ink"  # a blank page with a title has ~0.1 %
    return shot


@pytest.fixture(scope="module")
def report(fixture_logs: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report"
    write_report([fixture_logs.logs], out)
    return out


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of one seven-user episode whose unauthorized users come late in the roster (lanes
    in roster order would put them beyond 1400 px)."""
    logs = tmp_path_factory.mktemp("crowded-logs")
    record = generate("quick", users=(7, 7), authorization="list")[0]  # five authorized, two not
    insiders = [u for u in record.users if u.id in record.authorized]
    record = record.model_copy(update={"users": insiders + [u for u in record.users if u not in insiders]})
    assert record.users[0].id in record.authorized and record.users[-1].id not in record.authorized
    [log] = eval(build_task("access_control", [record], rounds=2), model="muses/grant-all", display="none", log_dir=str(logs))
    assert log.status == "success" and log.samples and log.samples[0].error is None
    out = tmp_path_factory.mktemp("crowded") / "report"
    write_report([logs], out)
    return out


def test_the_network_check_sees_a_remote_request(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>')
    _, requests = _chromium(tmp_path, control, "--dump-dom")
    assert requests == ["http://example.invalid/x.png"]


def test_index_renders_offline_and_its_script_runs_under_its_csp(report: Path, tmp_path: Path) -> None:
    _screenshot(tmp_path, report / "index.html", "index-1400.png", height=1800)
    dom, requests = _chromium(tmp_path, report / "index.html", "--dump-dom")
    assert requests == []
    assert 'data-script="ran"' in dom  # the hash in the CSP matches the inline script
    assert '<table class="results sortable">' in dom
    assert "<td>muses/grant-all</td>" in dom and "75.0 ± 18.8" in dom
    assert dom.count("<figure id=") == 2 and dom.count("<svg") == 2
    assert "Different protocol" in dom and "GPT-4o-mini" in dom
    assert not re.search(r"\bnan\b", re.sub(r"<svg.*?</svg>", "", dom, flags=re.S), re.I)  # undefined reads –


def test_no_remote_reference_in_any_page(report: Path) -> None:
    remote = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)
    pages = [report / "index.html", *sorted((report / "episodes").glob("*.html"))]
    assert len(pages) == 16
    for page in pages:
        assert not remote.search(page.read_text()), page.name


def test_the_probe_sees_overlapping_svg_text(tmp_path: Path) -> None:
    control = tmp_path / "overlap.html"
    control.write_text(
        '<!DOCTYPE html><html><body><figure id="f"><svg width="300" height="100">'
        '<text x="10" y="50" style="font: 12px sans-serif">first label</text>'
        '<text x="30" y="52" style="font: 12px sans-serif">second label</text>'
        '<text x="280" y="90" style="font: 12px sans-serif">cut off</text></svg></figure></body></html>'
    )
    [found] = _probe(tmp_path, control, FIGURE_PROBE)
    assert found["overlaps"] == [["first label", "second label"]] and found["outside"] == ["cut off"]


def test_no_figure_label_overlaps_another_or_leaves_its_figure(report: Path, tmp_path: Path) -> None:
    figures = _probe(tmp_path, report / "index.html", FIGURE_PROBE)
    assert [f["id"] for f in figures] == ["fig4_privacy_rounds", "fig7_attack"]
    for figure in figures:
        assert figure["texts"] > 20 and figure["width"] > 600, figure
        assert figure["overlaps"] == [] and figure["outside"] == [], figure


def test_attacker_lanes_come_first_and_stay_in_view_at_1400(crowded: Path, tmp_path: Path) -> None:
    [page] = sorted((crowded / "episodes").glob("*.html"))
    _screenshot(tmp_path, page, "episode-1400.png", height=1200)
    found = _probe(tmp_path, page, LANE_PROBE)
    assert found["viewport"] == WIDTH and found["scrolls"]  # seven lanes do not fit: the box scrolls
    lanes = [lane for lane in found["lanes"] if lane["user"]]
    assert len(lanes) == 7
    watched = [lane for lane in lanes if lane["watched"]]
    assert watched and lanes[: len(watched)] == watched  # the attackers' lanes are the first ones
    for lane in watched:
        assert lane["left"] >= 0 and lane["right"] <= WIDTH, lane
    assert lanes[-1]["right"] > WIDTH  # the last lanes are scrolled to, not squeezed


def test_errors_are_marked_as_errors(fixture_logs: Any, report: Path, tmp_path: Path) -> None:
    dom, _ = _chromium(tmp_path, report / "index.html", "--dump-dom")
    row = re.search(r"<tr><td>openai-api/local/broken</td>(.*?)</tr>", dom, re.S)
    assert row is not None
    cells = re.findall(r'<td class="([^"]*)"[^>]*>(.*?)</td>', row.group(1), re.S)
    assert [c for c, _ in cells[:2]] == ["num error", "num error"]
    assert all(text.startswith("error") for _, text in cells[:2]) and "0.0" not in cells[0][1]
    assert '<tr class="error"><td>openai-api/local/broken</td>' in dom  # in the episode table too
    episodes = load_logs([fixture_logs.logs]).episodes
    broken = next(i for i, ep in enumerate(episodes) if ep.model == "openai-api/local/broken")
    page = sorted((report / "episodes").glob("*.html"))[broken]
    _screenshot(tmp_path, page, "errored-episode-1400.png", height=800)
    assert 'id="episode-error"' in page.read_text() and "model not found" in page.read_text()


def test_episode_page_has_one_lane_per_user_with_their_view(fixture_logs: Any, report: Path, tmp_path: Path) -> None:
    episodes = load_logs([fixture_logs.logs]).episodes
    pages = sorted((report / "episodes").glob("*.html"))
    index = next(i for i, ep in enumerate(episodes) if ep.model == "muses/grant-all" and ep.error is None)
    episode, page = episodes[index], pages[index]
    dom, requests = _chromium(tmp_path, page, "--dump-dom")
    assert requests == []
    lanes = Lanes()
    lanes.feed(dom)
    transcript = Transcript.from_jsonable(episode.transcript or {})
    assert sorted(lanes.headers) == sorted(transcript.user_ids) and len(lanes.headers) == episode.groups["users"]
    unauthorized = [u for u in transcript.user_ids if u not in episode.record["authorized"]]
    assert lanes.headers[: len(unauthorized)] == unauthorized
    # each user's lane shows their own messages and none of another user's private ones
    messages = [(e.sender, e.content) for e in transcript.user_messages() if e.visibility == "private"]
    unique = [(s, c) for s, c in messages if sum(c == other for _, other in messages) == 1]
    assert unique
    for sender, content in unique:
        for user in transcript.user_ids:
            assert (content in lanes.text[user]) == (user == sender), (user, sender, content)
    # grant-all leaks to the unauthorized user: the secret is marked in that lane
    assert '<mark class="leak">' in dom and "format ok" in dom
