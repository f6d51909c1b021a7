"""What a model call produced, read the same way for every provider: speech, or a turn that failed.

Why: providers disagree on how a generation goes wrong. A context overflow is an exception on
one (`muses-http/` before this module), a completion whose text is the server's error message on
another (`openai-api/`, `vllm/`: ``stop_reason="model_length"``); a runaway reply stops at
``max_tokens`` on all of them; thinking models put their reasoning in a separate field or inline
in ``<think>`` tags. The engine must never deliver any of that as speech, so every call's result
is reduced here to a ``Generation``: the text that may be spoken (reasoning removed) and, when the
turn failed, its kind. The solver builds it from Inspect's output (``stop_reason``, text).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

IssueKind = Literal["max_tokens", "model_length", "content_filter", "error_text", "out_of_role", "too_long"]
"""Why a turn did not end normally. The first four are generation failures (nothing is spoken)."""

FAILED_GENERATION: frozenset[str] = frozenset({"max_tokens", "model_length", "content_filter", "error_text"})

_REASONING = re.compile(r"<(think|thinking|reasoning|thought)>.*?(?:</\1>|\Z)", re.IGNORECASE | re.DOTALL)
_ERROR_TEXT = (
    re.compile(r"maximum context length is \d+", re.IGNORECASE),
    re.compile(r"exceeds? the (?:available )?context (?:size|window|length)", re.IGNORECASE),
    re.compile(r"context[_ ]length[_ ]exceeded", re.IGNORECASE),
    re.compile(r"""^\s*\{\s*"error"\s*:\s*[{"]"""),
    re.compile(r"""^\s*\{\s*"detail"\s*:"""),
    re.compile(r"^\s*Traceback \(most recent call last\):"),
)
"""Server error messages that came back as completion text instead of as an HTTP error."""

_DESCRIPTIONS = {
    "max_tokens": "reply cut at the token limit",
    "model_length": "context window full",
    "content_filter": "blocked by the provider's content filter",
    "error_text": "the server returned an error message as the reply",
}


class Generation(BaseModel):
    """One model call's result as the engine uses it."""

    text: str = Field(description="What may be spoken: the reply without reasoning ('' if the turn failed).")
    raw: str = Field(default="", description="The completion as received (reasoning removed), kept for the record.")
    issue: IssueKind | None = Field(default=None, description="Why the generation failed, if it did.")
    detail: str = Field(default="", description="The provider's message or a short explanation.")

    @property
    def failed(self) -> bool:
        """True when nothing of this generation may be delivered."""
        return self.issue in FAILED_GENERATION

    def describe(self) -> str:
        """One line for the turn's diagnostics, e.g. 'generation failed (max_tokens): reply cut ...'."""
        what = _DESCRIPTIONS.get(self.issue or "", self.issue or "")
        detail = f": {self.detail}" if self.detail else ""
        return f"generation failed ({self.issue}): {what}; nothing was delivered{detail}"


def strip_reasoning(text: str) -> str:
    """The text without ``<think>``-style blocks (an unterminated block runs to the end)."""
    return _REASONING.sub("", text or "").strip()


def error_text(text: str) -> bool:
    """True when a completion is a server's error message rather than a reply."""
    return any(pattern.search(text[:400]) for pattern in _ERROR_TEXT)


def read_generation(completion: str, stop_reason: str | None) -> Generation:
    """Classify a completion and its stop reason ('stop', 'max_tokens', 'model_length', ...).

    The text is kept byte for byte unless it carries reasoning blocks (which are removed).
    """
    raw = strip_reasoning(completion) if _REASONING.search(completion or "") else (completion or "")
    if stop_reason in ("max_tokens", "model_length", "content_filter"):
        detail = raw[:200] if stop_reason == "model_length" else ""
        return Generation(text="", raw=raw, issue=stop_reason, detail=detail)  # type: ignore[arg-type]
    if error_text(raw):
        return Generation(text="", raw=raw, issue="error_text", detail=raw[:200])
    return Generation(text=raw, raw=raw)


def as_generation(value: str | Generation | None) -> Generation:
    """Plain strings (built-in participants, replayed tests) are normal replies."""
    if isinstance(value, Generation):
        return value
    text = value or ""
    if _REASONING.search(text):
        text = strip_reasoning(text)
    return Generation(text=text, raw=text)
