"""Shared pieces of the HTML report: page shell with inline CSS, escaping, highlighting, tables.

Every page is self-contained: styles are inline, figures are inline SVG, and nothing references
a remote host, so a report opened from disk (or attached to an issue) makes no network request
and looks the same offline. The one inline script (``_script``) is allowed by its hash only.
All text from logs is escaped; highlighting splits the raw text on the needles first and
escapes each piece, so a secret containing '<' cannot break the markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from muses.report._script import SCRIPT, script_hash

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.note{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;font-size:.85rem}
figure{margin:1rem 0}figure img{max-width:100%;border:1px solid #d0d7de}
figcaption{font-size:.8rem;color:#57606a}
mark.leak{background:#ff8182;font-weight:bold}span.secret{background:#ddf4ff;border-bottom:1px dotted #0969da}
.lanes-wrap{overflow-x:auto;max-width:100%;border:1px solid #d0d7de}
.lanes{table-layout:fixed;width:100%;margin:0}.lanes th.round,.lanes td.round{width:3rem}
.lanes th.round,.lanes td.round{position:sticky;left:0;background:#fff;z-index:1}
.lanes th.watched{background:#ffebe9}.lanes td.watched{background:#fffafa}
.lanes-toggle{font-size:.8rem}.lanes-toggle label{margin-right:.8rem}
.warnings{background:#fff8c5;border:1px solid #d4a72c;padding:.4rem .75rem;font-size:.85rem}
.warnings li{margin:.15rem 0}
td.error,span.error-cell{background:#ffebe9;color:#cf222e;font-weight:600}
tr.error td{background:#fff5f5}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}table.sortable th[aria-sort=descending]::after{content:" ▼"}
.filters{font-size:.85rem;margin:.4rem 0}.filters select,.filters input{margin-right:.6rem}
.filters .count{color:#57606a}.legend{font-size:.8rem;color:#57606a}
figure svg{max-width:100%;height:auto;border:1px solid #d0d7de}
.note-small{font-size:.8rem;color:#57606a}
.ev{margin:.2rem 0;padding:.3rem .4rem;border-radius:4px;white-space:pre-wrap;word-break:break-word}
.ev.user_message{background:#f6f8fa}.ev.agent_message{background:#dafbe1}
.ev.shared_write{background:#fbefff}.ev.environment_message{background:#fff1e5}
.ev.agent_turn{background:#f6f8fa;font-family:ui-monospace,monospace;font-size:.75rem}
.ev.bad{border-left:4px solid #cf222e}.ev.decision{background:#ddf4ff}
.tag{font-size:.7rem;color:#57606a;display:block}.badge{font-size:.7rem;padding:0 .3rem;border-radius:3px}
.badge.no{background:#ffebe9;color:#cf222e}.badge.yes{background:#dafbe1;color:#116329}
.error{color:#cf222e}
"""


def esc(value: object) -> str:
    """HTML-escape any value's text."""
    return html.escape(str(value), quote=True)


def highlight(text: str, leaks: Iterable[str] = (), secrets: Iterable[str] = ()) -> str:
    """Escape ``text``, wrapping leaked values in <mark class=leak> and other secrets in a span."""
    marks = {n: "secret" for n in secrets if n}
    marks.update({n: "leak" for n in leaks if n})
    if not marks:
        return esc(text)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(marks, key=len, reverse=True)))
    out: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        out.append(esc(text[last : found.start()]))
        word = found.group(0)
        out.append(
            f'<mark class="leak">{esc(word)}</mark>'
            if marks[word] == "leak"
            else f'<span class="secret">{esc(word)}</span>'
        )
        last = found.end()
    out.append(esc(text[last:]))
    return "".join(out)


def table(head: Sequence[str], rows: Iterable[Sequence[str]], css: str = "", raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw`` (already HTML). Numbers align right."""
    cls = f' class="{css}"' if css else ""
    parts = [f"<table{cls}><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for row in rows:
        tds = []
        for cell in row:
            text = cell if raw else esc(cell)
            numeric = bool(re.fullmatch(r"[-–\d.,/%± ()n=]+", str(cell)))
            tds.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
        parts.append("<tr>" + "".join(tds) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def page(title: str, body: str) -> str:
    """A complete HTML document with inline CSS, the report's script and a CSP that forbids any
    remote fetch and any other script."""
    policy = f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {script_hash()}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
        f"<script>{SCRIPT}</script>\n</body></html>\n"
    )
