"""The `muses` command line: a thin layer over the Python API (``muses.runner._run``)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from muses.training._cli import register as register_training

MAX_RETRIES = 3
"""Default of --max-retries (``muses.runner._config.DEFAULT_MAX_RETRIES``; not imported: `muses --help` stays fast)."""
TIMEOUT_S = 600
"""Default of --timeout (``muses.runner._config.DEFAULT_TIMEOUT``)."""

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Muses: benchmark multi-user LLM agents.")


def _parse_params(pairs: list[str] | None, flag: str) -> dict[str, Any]:
    """Parse key=value pairs (values as int, float, bool, a JSON object or list, or str)."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint=flag)
        key, raw = pair.split("=", 1)
        value: Any = raw
        if raw.strip()[:1] in ("{", "["):
            try:
                out[key.strip()] = json.loads(raw)
                continue
            except ValueError as error:
                raise typer.BadParameter(f"{key}: invalid JSON: {error}", param_hint=flag) from None
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
        if raw.lower() in ("true", "false"):
            value = raw.lower() == "true"
        out[key.strip()] = value
    return out


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


RUN_EPILOG = (
    "Scenarios: selection, execution, access_control, meeting, queue. `muses list` shows each one's task "
    "parameters (-T), their choices and defaults, and the built-in agents that play it. Run your own model: "
    "see README.md, section 'Run your own model'."
)


@app.command(epilog=RUN_EPILOG)
def run(
    scenarios: Annotated[list[str] | None, typer.Argument(help="Scenarios to run (default: all).")] = None,
    model: Annotated[
        list[str] | None, typer.Option(help="Agent under test, e.g. openai/gpt-4o-mini (repeat or comma-separate for several).")
    ] = None,
    builtins: Annotated[bool, typer.Option(help="Run every built-in agent on every scenario it plays.")] = False,
    user_model: Annotated[str, typer.Option(help="Model for simulated users (role `user`).")] = "muses/scripted",
    judge_model: Annotated[str | None, typer.Option(help="Optional model for the `judge` role.")] = None,
    data: Annotated[Path | None, typer.Option(help="JSONL of records (muses generate / import-paper).")] = None,
    split: Annotated[str, typer.Option(help="Generated split: quick (small, the default), dev, test (the benchmark), train.")] = "quick",
    seed: Annotated[int, typer.Option(help="Generator seed.")] = 0,
    limit: Annotated[int | None, typer.Option(help="Episodes per scenario.")] = None,
    epochs: Annotated[int, typer.Option(help="Repeats per episode.")] = 1,
    max_tokens: Annotated[int | None, typer.Option(help="Agent reply limit in tokens (default: the scenario's, see `muses list`).")] = None,
    user_max_tokens: Annotated[int | None, typer.Option(help="Simulated-user reply limit in tokens (default: the scenario's).")] = None,
    max_connections: Annotated[
        int | None,
        typer.Option(help="Concurrent model connections (total over --shards; default: what a local server says it serves, else 4 for self-hosted servers, else Inspect's)."),
    ] = None,
    log_dir: Annotated[str | None, typer.Option(help="Inspect log directory or URI (default: OUT/logs).")] = None,
    out: Annotated[Path, typer.Option(help="Run directory (logs and report).")] = Path("results/latest"),
    task_arg: Annotated[list[str] | None, typer.Option("-T", help="Task parameter key=value (see `muses list`).")] = None,
    eval_arg: Annotated[
        list[str] | None,
        typer.Option("-E", help="Agent generation setting or inspect_ai.eval() option key=value, e.g. temperature=0.7, reasoning_effort=low."),
    ] = None,
    user_arg: Annotated[
        list[str] | None, typer.Option("-U", help="Generation setting of the simulated users' model key=value, e.g. temperature=0.9.")
    ] = None,
    model_arg: Annotated[
        list[str] | None, typer.Option("-M", help="Model argument key=value for the agent's provider, e.g. base_url=http://127.0.0.1:8000/v1.")
    ] = None,
    display: Annotated[
        str | None, typer.Option(help="progress (a live line: done/total, errors, ETA; default on a terminal), none (default under CI or when piped), or an Inspect display: rich, plain, full, log.")
    ] = None,
    log_realtime: Annotated[bool, typer.Option(help="Inspect's live sample buffer.")] = False,
    log_model_api: Annotated[bool, typer.Option(help="Log raw provider requests and responses.")] = False,
    log_buffer: Annotated[int | None, typer.Option(help="Finished episodes per log flush (default: 1 up to 1000 per process).")] = None,
    max_retries: Annotated[int, typer.Option(help="Retries per model call before the episode errors.")] = MAX_RETRIES,
    timeout: Annotated[int, typer.Option(help="Seconds a model call may take (each attempt, and its retries together).")] = TIMEOUT_S,
    shards: Annotated[int | None, typer.Option(help="Processes, each on a slice of the samples (0 = one per core).")] = None,
    shard: Annotated[str | None, typer.Option(help="Run only slice i/N (N machines sharing one log dir).")] = None,
    force: Annotated[bool, typer.Option(help="Delete this run's existing logs in the log dir and start over.")] = False,
    report: Annotated[bool, typer.Option(help="Write OUT/report after the run.")] = True,
) -> None:
    """Run the benchmark (default: every scenario, reference agent, scripted users, quick split).

    A run whose log directory already holds logs of the same run continues where it stopped:
    finished episodes are reused, not replayed. Exit code 1 when most episodes errored (the first
    error is printed), 2 for unusable settings.
    """
    from muses.runner import builtin_agents
    from muses.runner._progress import default_display

    models = [m.strip() for entry in model or [] for m in entry.split(",") if m.strip()]
    if builtins:
        models += [m for m in builtin_agents(scenarios or []) if m not in models]
    models = models or ["muses/reference"]
    options: dict[str, Any] = {
        "scenarios": scenarios or [], "model": models[0], "user_model": user_model, "judge_model": judge_model,
        "data": data, "split": split, "seed": seed, "limit": limit, "epochs": epochs, "max_connections": max_connections,
        "log_dir": log_dir or out / "logs", "log_realtime": log_realtime, "log_model_api": log_model_api,
        "log_buffer": log_buffer, "max_retries": max_retries, "timeout": timeout, "max_tokens": max_tokens,
        "user_max_tokens": user_max_tokens, "display": display or default_display(),
    }
    pairs = {"task_args": (task_arg, "-T"), "model_args": (model_arg, "-M"), "eval_options": (eval_arg, "-E"), "user_generate": (user_arg, "-U")}
    options.update({key: _parse_params(values, flag) for key, (values, flag) in pairs.items()})
    config, count = _run_config(options, shards, shard)
    outcomes = _run_agents(config, models, count, force, quiet_skips=builtins)
    _finish_run(config, outcomes, out, report)


def _run_config(options: dict[str, Any], shards: int | None, shard: str | None) -> tuple[Any, int]:
    """The RunConfig and the number of local processes; exit 2 with one line for unusable settings."""
    from pydantic import ValidationError

    from muses.runner import RunConfig, parse_shard, shard_count

    try:
        config = RunConfig(**options, shard=parse_shard(shard) if shard else None)
        count = shard_count(shards) if shards is not None else 1
        if count > 1 and config.shard is not None:
            raise ValueError("--shards N runs every slice here; --shard i/N runs one: give only one of them")
    except ValidationError as error:
        _fail("; ".join(str(item["msg"]).removeprefix("Value error, ") for item in error.errors()))
    except (ValueError, OSError) as error:
        _fail(str(error))
    return config, count


def _run_agents(config: Any, models: list[str], count: int, force: bool, quiet_skips: bool) -> list[Any]:
    """Run each agent; an agent with nothing to play is skipped with a note when others run."""
    from inspect_ai._util.error import PrerequisiteError

    from muses.runner import RunError, ShardFailure, execute_sharded

    outcomes, skipped = [], []
    for agent in models:
        try:
            outcome = execute_sharded(config.model_copy(update={"model": agent}), count, force=force)
        except RunError as error:
            if len(models) > 1 and str(error).startswith("nothing to run"):
                skipped.append(str(error))
                typer.echo(f"note: skipping {agent}: {str(error).split(': ', 1)[1]}")
                continue
            _fail(f"{agent}: {error}" if len(models) > 1 else str(error))
        except ShardFailure as error:
            _fail(str(error))
        except PrerequisiteError as error:
            _fail(_prerequisite_message(error))
        outcomes.append(outcome)
        for note in outcome.notes:
            if not (quiet_skips and "does not play" in note):
                typer.echo(f"note: {note}")
    if not outcomes:
        _fail("nothing to run: " + "; ".join(skipped))
    return outcomes


def _prerequisite_message(error: Exception) -> str:
    """Inspect's prerequisite error without markup; the install hint only when a package is missing."""
    plain = re.sub(r"\[/?[a-z ]+\]", "", str(getattr(error, "message", error))).replace("ERROR: ", "")
    plain = " ".join(plain.split())
    return plain if "pip install" in plain or "install" not in plain.lower() else f"{plain} (pip install 'muses[llm]')"


def _finish_run(config: Any, outcomes: list[Any], out: Path, report: bool) -> None:
    """Table, log location, report, failures; exit 1 when most episodes errored or a log failed."""
    from muses.report import format_table

    typer.echo(format_table([row for outcome in outcomes for row in outcome.rows()]))
    scope = f" (slice {config.shard} only)" if config.shard else ""
    typer.echo(f"\nlogs: {config.log_dir}{scope}")
    if report:
        _write_run_report([loc for outcome in outcomes for loc in outcome.locations], out / "report")
    for line in [line for outcome in outcomes for line in outcome.failures()]:
        typer.secho(line, fg=typer.colors.RED)
    errored = sum(outcome.episode_errors()[0] for outcome in outcomes)
    total = sum(outcome.episode_errors()[1] for outcome in outcomes)
    first = next((error for outcome in outcomes if (error := outcome.first_error())), "")
    if errored and errored * 2 > total:
        typer.secho(f"error: {errored} of {total} episodes failed; first error: {first}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    if errored:
        typer.secho(
            f"warning: {errored} of {total} episodes failed (run the same command again to retry them); first error: {first}",
            fg=typer.colors.YELLOW, err=True,
        )
    if not all(outcome.ok for outcome in outcomes):
        raise typer.Exit(1)


def _write_run_report(logs: list[str], out: Path) -> None:
    """Write the report of the logs a run just made; a report failure never fails the run."""
    from muses.report import write_report

    try:
        files = write_report(logs, out)
    except (ValueError, OSError) as error:
        typer.secho(f"report not written: {error}", fg=typer.colors.YELLOW, err=True)
        return
    for warning in files.warnings:
        typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"report: {files.index}")


@app.command()
def report(
    logs: Annotated[list[Path], typer.Argument(help="Inspect log files or folders (shards are merged).")],
    out: Annotated[Path, typer.Option(help="Report directory (table, figures, index.html).")],
    merge: Annotated[
        bool,
        typer.Option(
            help="Pool runs of one model and scenario made with different settings (split, rounds, template, "
            "data, version) into one row; by default each settings gets its own row."
        ),
    ] = False,
) -> None:
    """Write Table 2, Figures 3-9, per-user transcripts (HTML) and the paper side-by-side from logs."""
    from muses.report import write_report

    try:
        files = write_report(logs, out, merge=merge)
    except (ValueError, OSError) as error:
        _fail(str(error))
    typer.echo(files.table_markdown.read_text(encoding="utf-8"))
    typer.echo(f"{files.episodes} episodes, {len(files.figures) // 2} figures")
    typer.echo(f"report: {files.index}")


@app.command()
def check(
    scenarios: Annotated[list[str] | None, typer.Argument(help="Scenarios to check (default: all).")] = None,
    log_dir: Annotated[Path, typer.Option(help="Where the check's logs go.")] = Path("results/check/logs"),
) -> None:
    """Verify oracle and baselines bracket every metric; non-zero exit if not."""
    from muses.runner import RunConfig
    from muses.runner import check as run_check

    results = run_check(RunConfig(scenarios=scenarios or [], log_dir=log_dir))
    for result in results:
        typer.echo(result.line())
    bad = [r for r in results if not r.ok]
    typer.echo(f"\n{len(results) - len(bad)} passed, {len(bad)} failed")
    if bad:
        raise typer.Exit(1)


@app.command()
def generate(
    scenario: Annotated[str, typer.Argument(help="Scenario name.")],
    out: Annotated[Path, typer.Option(help="Output JSONL file.")],
    split: Annotated[str, typer.Option(help="quick (small, the default, as in `muses run`), dev, test (the benchmark) or train.")] = "quick",
    seed: Annotated[int, typer.Option(help="Generator seed.")] = 0,
    users: Annotated[str | None, typer.Option(help="N or LOW-HIGH users.")] = None,
    per_size: Annotated[int | None, typer.Option(help="Base scenarios per user count.")] = None,
    param: Annotated[list[str] | None, typer.Option("-P", help="Scenario parameter key=value.")] = None,
) -> None:
    """Generate episodes with the seeded generator (same seed, same bytes)."""
    from muses.scenarios import get_scenario, parse_range
    from muses.scenarios._io import write_records

    try:
        params = _parse_params(param, "-P")
        if users:
            params["users"] = parse_range(users, "--users")
        if per_size is not None:
            params["per_size"] = per_size
        records = get_scenario(scenario).generate(split=split, seed=seed, **params)
        count = write_records(out, records)
    except (ValueError, TypeError, OSError) as error:
        _fail(str(error))
    typer.echo(f"wrote {count} {scenario} records to {out}")


@app.command("import-paper")
def import_paper(
    paths: Annotated[list[Path], typer.Argument(help="The paper's JSONL files.")],
    out: Annotated[Path, typer.Option(help="Output JSONL file (our record format).")],
) -> None:
    """Convert the paper's published JSONL sets into Muses records, one per line."""
    from muses.scenarios._io import write_records
    from muses.scenarios._paper import import_paper_files

    try:
        records = import_paper_files(paths)
        count = write_records(out, records)
    except (ValueError, OSError) as error:
        _fail(str(error))
    typer.echo(f"wrote {count} records to {out}")


@app.command("list")
def list_scenarios() -> None:
    """Scenarios, their task parameters (-T) with types, choices and defaults, and the built-in agents of each."""
    from muses.runner._catalog import catalog

    typer.echo(catalog())


register_training(app)  # `muses datagen ...` and `muses train` (src/muses/training/_cli.py)


def main() -> None:
    """Console-script entry point.

    Inspect's trace file records ~3 lines per model call at its default level; at "warning" it
    keeps only problems, which saved ~9% CPU per call in BENCHMARKS.md. An explicit setting wins.
    """
    os.environ.setdefault("INSPECT_TRACE_LEVEL", "warning")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
