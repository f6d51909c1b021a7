"""`muses list`: every scenario, its typed task parameters (type, choices, default) and its built-in agents.

Read from the scenario specs and their ``TaskParams`` models, so the listing cannot drift from
what `-T` accepts.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from muses.scenarios import ORACLE, agent_names, get_scenario, scenario_names
from muses.scenarios._params import COMMON_FIELDS


def type_name(annotation: Any) -> str:
    """'int', 'bool', 'xml|says|colon' (a Literal's choices), 'int-int' (a range), ... ; '| None' dropped."""
    origin = get_origin(annotation)
    if origin is Literal:
        return "|".join(str(arg) for arg in get_args(annotation))
    if origin in (Union, types.UnionType):
        kept = [type_name(arg) for arg in get_args(annotation) if arg is not type(None)]
        return " or ".join(kept)
    if origin is tuple:
        return "-".join(type_name(arg) for arg in get_args(annotation))
    return getattr(annotation, "__name__", str(annotation))


def _default(field: FieldInfo) -> str:
    value = field.default
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return "-".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def parameter_lines(scenario: str, common: bool) -> list[str]:
    """One line per common (or own) parameter: '    attack: str = all  'all', one attack or ...'."""
    model = get_scenario(scenario).params
    lines = []
    for name, field in model.model_fields.items():
        if (name in COMMON_FIELDS) != common:
            continue
        lines.append(f"    {name}: {type_name(field.annotation)} = {_default(field)}  {field.description or ''}".rstrip())
    return lines


def catalog() -> str:
    """The text of `muses list`."""
    blocks = ["Task parameters of every scenario (-T key=value; applied to the scenarios that take them):"]
    blocks += parameter_lines(scenario_names()[0], common=True)
    blocks.append("    (`muses run` plays --split quick unless told otherwise; `inspect eval muses/<name>` plays split test.)")
    for name in scenario_names():
        spec = get_scenario(name)
        agents = [f"muses/{a}" for a in agent_names(name) if a != ORACLE] + (["muses/oracle"] if ORACLE in agent_names(name) else [])
        lines = [f"\n{name} (v{spec.version}): {spec.description}", f"  agents: {', '.join(agents)}"]
        own = parameter_lines(name, common=False)
        lines += ["  parameters:", *own] if own else ["  parameters: only the common ones"]
        limits = spec.generation
        lines.append(f"  default limits: agent {limits.agent_max_tokens} tokens, users {limits.user_max_tokens} tokens")
        blocks.append("\n".join(lines))
    blocks.append("\nSimulated users: muses/scripted (default) or any model (--user-model).")
    return "\n".join(blocks)
