"""Multi-user meeting coordination (DESIGN §5.2, paper Scenario 3): find a time that works.

See README.md in this folder for the dynamics, metrics and deviations from the paper.
"""

from muses.scenarios._base import MetricBound, ScenarioSpec
from muses.scenarios._presentation import Column, FigureSpec, Panel
from muses.scenarios.meeting._environment import DEFAULT_TURNS, MeetingEnvironment
from muses.scenarios.meeting._generator import generate, select
from muses.scenarios.meeting._model import (
    DIFFICULTIES,
    DISCLOSURES,
    VERSION,
    MeetingRecord,
    UserConstraints,
)
from muses.scenarios.meeting._paper import import_file, is_paper_record
from muses.scenarios.meeting._params import MeetingParams
from muses.scenarios.meeting._policies import oracle_agent, random_finalize_agent, reference_agent
from muses.scenarios.meeting._scorer import score_episode
from muses.scenarios.meeting._slots import GRID, find_slots, parse_slot
from muses.scenarios.meeting._users import scripted_user

SPEC: ScenarioSpec[MeetingRecord] = ScenarioSpec(
    name="meeting",
    version=VERSION,
    description="Multi-user meeting coordination under full or partial disclosure of availability.",
    record_model=MeetingRecord,
    environment=MeetingEnvironment,
    scorer=score_episode,
    scripted_user=scripted_user,
    metrics=("success", "agreement", "attendance", "welfare", "turns", "format_failure_rate"),
    default_rounds=DEFAULT_TURNS,
    generate=generate,
    agents={"reference": reference_agent, "random-finalize": random_finalize_agent},
    oracle=oracle_agent,
    checks=(
        MetricBound("oracle", "success", 1.0, 1.0),
        MetricBound("oracle", "agreement", 1.0, 1.0),
        MetricBound("oracle", "welfare", 1.0, 1.0),
        MetricBound("oracle", "attendance", 1.0, 1.0),
        MetricBound("reference", "success", 1.0, 1.0),
        MetricBound("reference", "agreement", 1.0, 1.0),
        MetricBound("reference", "attendance", 1.0, 1.0),
        MetricBound("reference", "format_failure_rate", 0.0, 0.0),
        MetricBound("reference", "turns", 1.0, 4.0),
        MetricBound("random-finalize", "success", 0.0, 0.3),
        MetricBound("random-finalize", "agreement", 0.0, 0.0),
        MetricBound("random-finalize", "turns", 1.0, 1.0),
    ),
    group_keys=("template", "disclosure", "difficulty", "users"),
    import_paper=import_file,
    detect_paper=is_paper_record,
    params=MeetingParams,
    columns=(Column(key="meeting_success", label="Meeting Success", metric="success", paper_key="meeting_success"),),
    figures=(
        FigureSpec(
            id="fig5_meeting_disclosure", title="Fig. 5 — Meeting success and turns: full vs partial disclosure",
            caption="Turns over every episode that ran (not only successes).", kind="bars", key="disclosure",
            panels=(Panel("success", "Success"), Panel("turns", "Turns", rate=False)), order=5,
        ),
        FigureSpec(
            id="fig9_users", title="Fig. 9 — Meeting success and turns vs number of users",
            caption="One line per model (and disclosure).", kind="by_size", key="users", key2="disclosure",
            panels=(Panel("success", "Success"), Panel("turns", "Turns", rate=False)), order=9,
        ),
    ),
    pass_metrics=("success",),
)

__all__ = [
    "DIFFICULTIES",
    "DISCLOSURES",
    "GRID",
    "SPEC",
    "MeetingEnvironment",
    "MeetingRecord",
    "UserConstraints",
    "find_slots",
    "generate",
    "parse_slot",
    "score_episode",
    "select",
]
