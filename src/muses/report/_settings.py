"""The settings a log's episodes were made under, and row labels that keep different settings apart.

A mean over episodes made with 3 rounds and with 10, or over the quick split and a data file, is
not a number about anything. Each log says what it ran: its task metadata holds the scenario's
task parameters (``params``, as given) and the scenario version, and logs made by `muses run`
also carry a ``RunStamp`` with the generation settings and model arguments. The given parameters
are completed with the scenario's defaults (``TaskParams``), so a run that left ``split`` unset and
one that set it to its default compare equal. ``limit`` is left out (it only shortens the list of
episodes), and so are settings that identify a run rather than its episodes (shards, endpoints,
package version): those are provenance, not settings.

Two logs of the same model and scenario whose settings differ get different rows: the row label
names the settings that differ ("muses/reference · rounds=3"). ``merge=True`` pools them instead
(and the report warns).
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from muses.logschema import RunStamp, SampleMetadata
from muses.scenarios import get_scenario, scenario_names

Settings = dict[str, Any]
"""Setting name -> value (JSON-compatible)."""

_NOT_SETTINGS = frozenset({"limit"})
_GENERATION_ONLY = ("split", "seed", "per_size", "users")
"""Generator parameters: meaningless when the episodes come from a data file."""


def effective_params(scenario: str, given: dict[str, Any]) -> Settings:
    """The task parameters a log ran with, defaults filled in (the given ones if unparseable)."""
    params: Settings = dict(given)
    if scenario in scenario_names():
        spec = get_scenario(scenario)
        try:
            params = spec.params.model_validate(given).model_dump(mode="json")
        except ValueError:
            params = dict(given)
        if params.get("rounds") is None:
            params["rounds"] = spec.default_rounds
    for name in _NOT_SETTINGS:
        params.pop(name, None)
    if params.get("data"):
        params["data"] = PurePath(str(params["data"])).name
        for name in _GENERATION_ONLY:
            params.pop(name, None)
    else:
        params.pop("data", None)
    return params


def run_settings(metadata: dict[str, Any] | None, task_version: str, samples: list[SampleMetadata]) -> Settings:
    """Everything in a log that changes what its episodes measure.

    The samples say what actually ran where the task's parameters cannot: the records' split (a
    task built from given records), their content version, and each record's own template when
    the task set none.
    """
    metadata = metadata or {}
    scenario = str(metadata.get("scenario") or "")
    settings = effective_params(scenario, dict(metadata.get("params") or {}))
    splits = {str(s.record["split"]) for s in samples if s.record.get("split")}
    if splits:
        settings["split"] = ",".join(sorted(splits))
    templates = {s.template for s in samples if s.template}
    if settings.get("template") is None and templates:
        settings["template"] = ",".join(sorted(templates))
    version = str(metadata.get("scenario_version") or task_version)
    settings["version"] = version
    versions = {s.version for s in samples if s.version}
    if versions and versions != {version}:
        settings["record_version"] = ",".join(sorted(versions))
    stamp = RunStamp.of(metadata)
    if stamp is not None:
        for name in ("generation", "model_args"):
            if stamp.settings.get(name):
                settings[name] = stamp.settings[name]
    return settings


def signature(settings: Settings) -> str:
    """A canonical text of settings: equal settings, equal text."""
    return json.dumps(settings, sort_keys=True, default=str)


def show(value: Any) -> str:
    """A setting's value as printed: '2-3' for a range, 'default' for unset, compact JSON otherwise."""
    if value is None:
        return "default"
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return f"{value[0]}-{value[1]}" if value[0] != value[1] else str(value[0])
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def describe(settings: Settings, keys: list[str] | None = None) -> str:
    """'rounds=3, split=quick' for ``keys`` (default: all), in a stable order."""
    names = sorted(settings) if keys is None else keys
    return ", ".join(f"{name}={show(settings.get(name))}" for name in names)


def differing(all_settings: list[Settings]) -> list[str]:
    """Names of the settings whose values are not the same in every one of ``all_settings``."""
    names = sorted({name for settings in all_settings for name in settings})
    return [n for n in names if len({signature({"v": s.get(n)}) for s in all_settings}) > 1]


def row_labels(runs: list[tuple[str, str, Settings]], merge: bool = False) -> list[str]:
    """The row label of each run, given (model label, scenario, settings) per run.

    The settings that differ between runs of one model and scenario split that model's rows: each
    run's label is the model plus its values of those settings, for every scenario of the model,
    so runs of other scenarios made with the same values share the row ("m · rounds=3"). When
    nothing differs (or with ``merge``) the label is the model alone.
    """
    variants: dict[tuple[str, str], dict[str, Settings]] = {}
    for model, scenario, settings in runs:
        variants.setdefault((model, scenario), {})[signature(settings)] = settings
    split: dict[str, set[str]] = {}
    for (model, _), found in variants.items():
        split.setdefault(model, set()).update(differing(list(found.values())))
    labels = []
    for model, _, settings in runs:
        keys = sorted(k for k in split[model] if k in settings)
        labels.append(model if merge or not keys else f"{model} · {describe(settings, keys)}")
    return labels
