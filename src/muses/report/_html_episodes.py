"""The episode tables of the index page: one per scenario, sortable and filterable.

A table per scenario, because scenarios have different break-down keys and metrics: columns are
model, episode, epoch, status, the scenario's group keys and its metrics (table columns first).
Undefined values (NaN, e.g. a conflict metric in an episode without conflicts) read '–', never
'nan'; errored episodes read 'error' in every metric and their row is marked. Filters: free text
over the whole row, and a choice per model, status and group key.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from muses.report._columns import scenario_label, table_columns
from muses.report._episodes import Episode
from muses.report._html_common import esc
from muses.scenarios import get_scenario, scenario_names


def _ordered(found: Iterable[str], preferred: Iterable[str]) -> list[str]:
    found = set(found)
    first = [name for name in dict.fromkeys(preferred) if name in found]
    return first + sorted(found - set(first))


def _metrics(scenario: str, episodes: list[Episode]) -> list[str]:
    declared = [c.metric for c in table_columns() if c.scenario == scenario]
    if scenario in scenario_names():
        declared += list(get_scenario(scenario).metrics)
    columns = [c.metric for c in table_columns() if c.scenario == scenario]
    return _ordered([*columns, *(k for ep in episodes for k in ep.values or {})], declared)


def _group_keys(scenario: str, episodes: list[Episode]) -> list[str]:
    declared = list(get_scenario(scenario).group_keys) if scenario in scenario_names() else []
    return _ordered((k for ep in episodes for k in ep.groups), declared)


def status(ep: Episode) -> str:
    """'error', 'turns cut off' (truncated, overflowed or error text), 'format failures' or 'ok'."""
    if ep.error is not None:
        return "error"
    if ep.turn_issues:
        return "turns cut off"
    if (ep.values or {}).get("format_failure_rate", 0.0) > 0:
        return "format failures"
    return "ok"


def _value_td(ep: Episode, metric: str) -> str:
    if ep.values is None:
        return '<td class="num error">error</td>'
    value = ep.values.get(metric)
    if value is None or math.isnan(value):
        return '<td class="num" title="undefined for this episode">–</td>'
    return f'<td class="num" data-v="{value}">{value:.3f}</td>'


def _row(ep: Episode, page: str, keys: list[str], metrics: list[str]) -> str:
    link = f'<a href="episodes/{esc(page)}">{esc(ep.sample_id)}</a>'
    state = status(ep)
    tip = f' title="{esc(ep.error)}"' if ep.error else ""
    cells = [f"<td>{esc(ep.model)}</td>", f"<td>{link}</td>", f'<td class="num" data-v="{ep.epoch}">{ep.epoch}</td>']
    cells.append(f'<td class="{"error" if state == "error" else ""}"{tip}>{state}</td>')
    for key in keys:
        value = ep.groups.get(key)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        sort = f' data-v="{value}"' if number else ""
        cells.append(f"<td{sort}>{esc('' if value is None else value)}</td>")
    cells += [_value_td(ep, metric) for metric in metrics]
    marked = ' class="error"' if state == "error" else ""
    return f"<tr{marked}>" + "".join(cells) + "</tr>"


def _filters(table_id: str, head: list[str], rows: list[list[str]], choice_columns: list[int]) -> str:
    selects = []
    for col in choice_columns:
        values = sorted({r[col] for r in rows if r[col] != ""})
        if len(values) < 2:
            continue
        options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        selects.append(f'<select data-col="{col}" aria-label="{esc(head[col])}"><option value="">{esc(head[col])}: all</option>{options}</select>')
    search = '<input type="search" size="32" placeholder="filter: text anywhere in the row" aria-label="filter">'
    count = f'<span class="count">{len(rows)} of {len(rows)} shown</span>'
    return f'<div class="filters" data-filter="{esc(table_id)}">{search}{"".join(selects)}{count}</div>'


def episodes_html(episodes: list[Episode], pages: dict[int, str]) -> str:
    """The Episodes section: one sortable, filterable table per scenario."""
    out = ['<h2 id="episodes">Episodes</h2><p>Click a header to sort; filter by text or by value. '
           "– marks a metric undefined for that episode; errored episodes are marked.</p>"]  # fmt: skip
    by_scenario: dict[str, list[tuple[int, Episode]]] = {}
    for index, ep in enumerate(episodes):
        by_scenario.setdefault(ep.scenario, []).append((index, ep))
    for scenario, items in by_scenario.items():
        eps = [ep for _, ep in items]
        keys, metrics = _group_keys(scenario, eps), _metrics(scenario, eps)
        head = ["model", "episode", "epoch", "status", *keys, *metrics]
        plain = [[ep.model, ep.sample_id, str(ep.epoch), status(ep), *[str(ep.groups.get(k, "")) for k in keys]] for ep in eps]
        table_id = f"episodes-{scenario}"
        choices = [0, 3, *range(4, 4 + len(keys))]
        body = "".join(_row(ep, pages[index], keys, metrics) for index, ep in items)
        ths = "".join(f"<th>{esc(h)}</th>" for h in head)
        out.append(
            f"<h3>{esc(scenario_label(scenario))} ({len(eps)})</h3>{_filters(table_id, head, plain, choices)}"
            f'<table class="sortable episodes" id="{esc(table_id)}"><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>'
        )
    return "".join(out)
