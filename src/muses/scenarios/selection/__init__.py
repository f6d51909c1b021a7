"""Instruction selection under authority (paper "Selection F1"; README.md in this folder): accept or reject each request.

See README.md in this folder for the setting, metrics and deviations from the paper.
"""

from muses.scenarios._base import MetricBound, ScenarioSpec
from muses.scenarios._presentation import Column
from muses.scenarios.selection._environment import SelectionEnvironment
from muses.scenarios.selection._generator import generate
from muses.scenarios.selection._model import REASONS, VERSION, Instruction, SelectionRecord
from muses.scenarios.selection._paper import import_file, is_paper_record
from muses.scenarios.selection._policies import accept_all_agent, empty_agent, keyword_agent, oracle_agent
from muses.scenarios.selection._scorer import DEFAULT_ROUNDS, score_episode
from muses.scenarios.selection._surface import SURFACE_AGENTS
from muses.scenarios.selection._users import scripted_user

PAPER_FILE = "shared_queue/queue_testset_2_20.jsonl"
SURFACE_BOUND = 0.55
"""Highest macro-F1 a surface rule may reach (accept-all is capped at 0.5; chance is about 0.5)."""

SPEC: ScenarioSpec[SelectionRecord] = ScenarioSpec(
    name="selection",
    version=VERSION,
    description="Accept or reject users' referenced instructions by authority, conflicts and the global objective.",
    record_model=SelectionRecord,
    environment=SelectionEnvironment,
    scorer=score_episode,
    scripted_user=scripted_user,
    metrics=("macro_f1", "selection_f1", "reason_accuracy", "format_failure_rate"),
    default_rounds=DEFAULT_ROUNDS,
    generate=generate,
    agents={"accept-all": accept_all_agent, "keyword": keyword_agent, "empty": empty_agent, **SURFACE_AGENTS},
    oracle=oracle_agent,
    checks=(
        MetricBound("oracle", "macro_f1", 1.0, 1.0),
        MetricBound("oracle", "selection_f1", 1.0, 1.0),
        MetricBound("oracle", "reason_accuracy", 1.0, 1.0),
        MetricBound("oracle", "format_failure_rate", 0.0, 0.0),
        MetricBound("accept-all", "macro_f1", 0.0, 0.5),
        MetricBound("keyword", "macro_f1", 0.0, SURFACE_BOUND),
        *(MetricBound(name, "macro_f1", 0.0, SURFACE_BOUND) for name in SURFACE_AGENTS),
        MetricBound("empty", "macro_f1", 0.0, 0.0),
        MetricBound("empty", "format_failure_rate", 1.0, 1.0),
    ),
    paper_checks=(
        (PAPER_FILE, MetricBound("accept-all", "selection_f1", 0.805, 0.807)),
        (PAPER_FILE, MetricBound("keyword", "selection_f1", 0.998, 1.0)),
    ),
    group_keys=("template", "users", "source"),
    import_paper=import_file,
    detect_paper=is_paper_record,
    columns=(
        Column(key="selection_macro_f1", label="Selection macro-F1", metric="macro_f1"),
        Column(key="selection_f1", label="Selection F1 (paper)", metric="selection_f1", headline=False, paper_key="selection_f1"),
    ),
    pass_metrics=("macro_f1",),
)

__all__ = ["PAPER_FILE", "REASONS", "SPEC", "SURFACE_BOUND", "Instruction", "SelectionEnvironment", "SelectionRecord", "generate",
           "score_episode"]
