"""Multi-user meeting coordination (paper Scenario 3; README.md in this folder): find a time that works.

See README.md in this folder for the dynamics, metrics and deviations from the paper.
"""

from muses.scenarios._base import MetricBound, ScenarioSpec
from muses.scenarios._presentation import Column, FigureSpec, Panel
from muses.scenarios.meeting._baselines import (
    finalize_openings_agent,
    guess_and_check_agent,
    poll_everything_agent,
    propose_openings_agent,
    random_finalize_agent,
)
from muses.scenarios.meeting._environment import DEFAULT_TURNS, MeetingEnvironment
from muses.scenarios.meeting._generator import generate, select
from muses.scenarios.meeting._model import (
    DIFFICULTIES,
    DISCLOSURES,
    LEVELS,
    VERSION,
    MeetingRecord,
    UserConstraints,
)
from muses.scenarios.meeting._paper import import_file, is_paper_record
from muses.scenarios.meeting._params import MeetingParams
from muses.scenarios.meeting._policies import oracle_agent, reference_agent
from muses.scenarios.meeting._proof import check_instance
from muses.scenarios.meeting._scorer import score_episode
from muses.scenarios.meeting._slots import GRID, find_slots, parse_slot
from muses.scenarios.meeting._users import scripted_user

SKIP_ELICITATION = ("random-finalize", "finalize-openings", "propose-openings", "poll-everything", "guess-and-check")
"""Built-in agents that never ask for availability, alternatives or flexibility (``_baselines``)."""

SKIP_ELICITATION_BOUND = 0.3
"""No agent that skips elicitation may exceed this headline success under partial disclosure.
By construction (``_proof``) they all score 0 there; the bound is the promise, the tests pin 0."""

_SKIP_CHECKS = tuple(MetricBound(name, "success_if_partial", 0.0, SKIP_ELICITATION_BOUND) for name in SKIP_ELICITATION)

_PAPER_FILES = ("meeting_scheduling/disclosure_full_2_to_10_each_4.jsonl", "meeting_scheduling/disclosure_partial_2_to_10_each_4.jsonl")

SPEC: ScenarioSpec[MeetingRecord] = ScenarioSpec(
    name="meeting",
    version=VERSION,
    description="Multi-user meeting coordination under full or partial disclosure of availability.",
    record_model=MeetingRecord,
    environment=MeetingEnvironment,
    scorer=score_episode,
    scripted_user=scripted_user,
    metrics=(
        "success",
        "paper_success",
        "success_if_partial",
        "agreement",
        "attendance",
        "welfare",
        "regret",
        "burden_gini",
        "turns",
        "messages",
        "turns_if_success",
        "messages_if_success",
        "format_failure_rate",
    ),
    default_rounds=DEFAULT_TURNS,
    generate=generate,
    agents={
        "reference": reference_agent,
        "random-finalize": random_finalize_agent,
        "finalize-openings": finalize_openings_agent,
        "propose-openings": propose_openings_agent,
        "poll-everything": poll_everything_agent,
        "guess-and-check": guess_and_check_agent,
    },
    oracle=oracle_agent,
    checks=(
        MetricBound("oracle", "success", 1.0, 1.0),
        MetricBound("oracle", "paper_success", 1.0, 1.0),
        MetricBound("oracle", "welfare", 1.0, 1.0),
        MetricBound("oracle", "regret", 0.0, 0.0),
        MetricBound("oracle", "attendance", 1.0, 1.0),
        MetricBound("oracle", "turns", 2.0, 2.0),
        MetricBound("reference", "success", 1.0, 1.0),
        MetricBound("reference", "success_if_partial", 1.0, 1.0),
        MetricBound("reference", "paper_success", 1.0, 1.0),
        MetricBound("reference", "attendance", 1.0, 1.0),
        MetricBound("reference", "format_failure_rate", 0.0, 0.0),
        MetricBound("reference", "turns", 2.0, 4.0),
        MetricBound("random-finalize", "paper_success", 0.0, 0.3),
        MetricBound("random-finalize", "turns", 1.0, 1.0),
        MetricBound("finalize-openings", "success", 0.0, 0.0),
        *_SKIP_CHECKS,
    ),
    paper_checks=tuple(
        (path, bound)
        for path in _PAPER_FILES
        for bound in (MetricBound("reference", "success", 1.0, 1.0), MetricBound("reference", "paper_success", 1.0, 1.0))
    ),
    group_keys=("template", "disclosure", "difficulty", "users"),
    import_paper=import_file,
    detect_paper=is_paper_record,
    params=MeetingParams,
    columns=(
        Column(
            key="meeting_success", label="Meeting Success", metric="success",
            description="A slot every required user can attend, all invited, and each required user accepted it.",
        ),
        Column(
            key="meeting_paper_success", label="Meeting Success (paper def.)", metric="paper_success", headline=False,
            paper_key="meeting_success", description="The paper's definition: a feasible slot with every required user invited.",
        ),
        Column(
            key="meeting_regret", label="Meeting regret", metric="regret", headline=False, higher_is_better=False,
            description="Welfare lost against the exact optimum slot (episodes that finalized a slot).",
        ),
        Column(
            key="meeting_burden", label="Meeting burden Gini", metric="burden_gini", headline=False,
            higher_is_better=False, description="How unevenly concessions to backup slots fall on users (0 = evenly).",
        ),
        Column(
            key="meeting_turns_if_success", label="Meeting turns per success", metric="turns_if_success",
            headline=False, higher_is_better=False, description="Agent turns in episodes that succeeded.",
        ),
    ),
    figures=(
        FigureSpec(
            id="fig5_meeting_disclosure", title="Fig. 5 — Meeting success and turns: full vs partial disclosure",
            caption="Turns over every episode that ran (not only successes); paper success is the paper's looser definition.",
            kind="bars", key="disclosure",
            panels=(
                Panel("success", "Success"), Panel("paper_success", "Paper success"),
                Panel("turns", "Turns", rate=False, higher_is_better=False),
            ),
            order=5,
        ),
        FigureSpec(
            id="fig9_users", title="Fig. 9 — Meeting success and turns vs number of users",
            caption="One line per model (and disclosure).", kind="by_size", key="users", key2="disclosure",
            panels=(Panel("success", "Success"), Panel("turns", "Turns", rate=False, higher_is_better=False)), order=9,
        ),
        FigureSpec(
            id="fig_meeting_difficulty", title="Meeting success and turns by what must be elicited",
            caption="passive: a silent gate; backup: backups only when asked for alternatives; persuade: a lure "
            "slot to talk the gate out of (imported paper records keep their own levels).",
            kind="bars", key="difficulty",
            panels=(Panel("success", "Success"), Panel("turns", "Turns", rate=False, higher_is_better=False)), order=9.5,
        ),
    ),
    pass_metrics=("success",),
)

__all__ = [
    "DIFFICULTIES",
    "DISCLOSURES",
    "GRID",
    "LEVELS",
    "SKIP_ELICITATION",
    "SKIP_ELICITATION_BOUND",
    "SPEC",
    "MeetingEnvironment",
    "MeetingRecord",
    "UserConstraints",
    "check_instance",
    "find_slots",
    "generate",
    "parse_slot",
    "score_episode",
    "select",
]
