"""The multi-user protocol (docs/architecture.md): pure data and functions, no IO, no Inspect.

Principals with authority, messages with sender and recipients, an append-only transcript with
per-principal views, a shared context with reader sets, prompt templates, and the agent-output
parser.
"""

from muses.protocol._events import (
    AgentMessage,
    AgentTurn,
    Decision,
    Delivery,
    EnvironmentMessage,
    Event,
    SharedWrite,
    UserMessage,
    Visibility,
)
from muses.protocol._parser import (
    OutgoingMessage,
    ParsedOutput,
    SharedWriteRequest,
    find_json_objects,
    parse_agent_output,
)
from muses.protocol._principals import (
    AGENT_ID,
    AUTHORITY_BY_LEVEL,
    BROADCAST,
    PersonaAttributes,
    Principal,
    check_user_ids,
)
from muses.protocol._serializers import (
    TEMPLATES,
    Template,
    UserTurn,
    describe_template,
    render_round,
    render_turn,
)
from muses.protocol._transcript import Transcript, events_from_json

__all__ = [
    "AGENT_ID",
    "AUTHORITY_BY_LEVEL",
    "BROADCAST",
    "TEMPLATES",
    "AgentMessage",
    "AgentTurn",
    "Decision",
    "Delivery",
    "EnvironmentMessage",
    "Event",
    "OutgoingMessage",
    "ParsedOutput",
    "PersonaAttributes",
    "Principal",
    "SharedWrite",
    "SharedWriteRequest",
    "Template",
    "Transcript",
    "UserMessage",
    "UserTurn",
    "Visibility",
    "check_user_ids",
    "describe_template",
    "events_from_json",
    "find_json_objects",
    "parse_agent_output",
    "render_round",
    "render_turn",
]
