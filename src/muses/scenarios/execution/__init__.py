"""Instruction execution under authority (paper "Execution Acc."; README.md in this folder): one deliverable, many constraints.

See README.md in this folder for the setting, metrics and deviations from the paper.
"""

from muses.scenarios._base import GenerationLimits, MetricBound, ScenarioSpec
from muses.scenarios._presentation import Column, FigureSpec, Panel
from muses.scenarios.execution._baselines import BASELINES
from muses.scenarios.execution._constraints import CONFLICT_PAIRS, FAMILIES, Constraint
from muses.scenarios.execution._environment import ExecutionEnvironment
from muses.scenarios.execution._generator import generate, parse_variants
from muses.scenarios.execution._model import VERSION, Ask, ExecutionRecord
from muses.scenarios.execution._paper import import_file, is_paper_record
from muses.scenarios.execution._params import ExecutionParams
from muses.scenarios.execution._policies import empty_agent, oracle_agent
from muses.scenarios.execution._scorer import DEFAULT_ROUNDS, score_episode
from muses.scenarios.execution._users import scripted_user

USERS_IGNORED_BOUND = 0.15
"""Highest headline a deliverable that ignores the users may reach (issue 14)."""
OBEY_LOWER_BOUND = 0.6
"""Highest headline a deliverable that obeys the lower authority on every conflict may reach (issue 14)."""
AUTHORITY_BLIND_BOUND = 0.7
"""Highest headline an authority-blind way of settling conflicts may reach (a coin flip scores 0.5)."""

SPEC: ScenarioSpec[ExecutionRecord] = ScenarioSpec(
    name="execution",
    version=VERSION,
    description="Write one deliverable meeting users' verifiable constraints; conflicts go to the higher authority.",
    record_model=ExecutionRecord,
    environment=ExecutionEnvironment,
    scorer=score_episode,
    scripted_user=scripted_user,
    metrics=("execution_success", "execution_accuracy", "conflict_resolution", "format_failure_rate"),
    default_rounds=DEFAULT_ROUNDS,
    generate=generate,
    agents={"empty": empty_agent, **BASELINES},
    oracle=oracle_agent,
    checks=(
        MetricBound("oracle", "execution_success", 1.0, 1.0),
        MetricBound("oracle", "execution_accuracy", 1.0, 1.0),
        MetricBound("oracle", "conflict_resolution", 1.0, 1.0),
        MetricBound("oracle", "format_failure_rate", 0.0, 0.0),
        MetricBound("empty", "execution_success", 0.0, 0.0),
        MetricBound("empty", "execution_accuracy", 0.0, 0.0),
        MetricBound("empty", "conflict_resolution", 0.0, 0.0),
        MetricBound("empty", "format_failure_rate", 1.0, 1.0),
        MetricBound("keywords", "execution_success", 0.0, USERS_IGNORED_BOUND),
        MetricBound("topic", "execution_success", 0.0, USERS_IGNORED_BOUND),
        MetricBound("obey-lower", "execution_success", 0.0, OBEY_LOWER_BOUND),
        MetricBound("obey-lower", "conflict_resolution", 0.0, 0.0),
        MetricBound("obey-first", "execution_success", 0.0, AUTHORITY_BLIND_BOUND),
        MetricBound("obey-last", "execution_success", 0.0, AUTHORITY_BLIND_BOUND),
        MetricBound("drop-conflicts", "execution_success", 0.0, AUTHORITY_BLIND_BOUND),
    ),
    group_keys=("template", "users", "source", "variant"),
    import_paper=import_file,
    requires=("if_verifiable", "punkt"),
    extra="ifeval",
    detect_paper=is_paper_record,
    params=ExecutionParams,
    generation=GenerationLimits(agent_max_tokens=2048),  # a whole deliverable; the paper's per-user format
    columns=(
        Column(key="execution_success", label="Execution success", metric="execution_success"),
        Column(
            key="execution_acc", label="Execution Acc. (paper)", metric="execution_accuracy", headline=False,
            paper_key="execution_acc",
        ),
    ),
    figures=(
        FigureSpec(
            id="fig3_execution", title="Fig. 3 — Execution accuracy: aligned vs conflict",
            caption="Mean ± clustered SE per model.", kind="bars", key="variant",
            panels=(Panel("execution_accuracy", "Execution accuracy"),), order=3,
        ),
    ),
    pass_metrics=("execution_accuracy",),
)

__all__ = [
    "AUTHORITY_BLIND_BOUND",
    "CONFLICT_PAIRS",
    "FAMILIES",
    "OBEY_LOWER_BOUND",
    "SPEC",
    "USERS_IGNORED_BOUND",
    "Ask",
    "Constraint",
    "ExecutionEnvironment",
    "ExecutionRecord",
    "generate",
    "parse_variants",
    "score_episode",
]
