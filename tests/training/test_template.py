"""The multi-user chat template: every speaker survives rendering, and the loss mask is exact."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("transformers")

from muses.training._template import (  # noqa: E402
    TURN_END,
    assistant_runs,
    chat_template,
    check_assistant_mask,
    install_chat_template,
    render,
)

TURN = re.compile(r"<\|im_start\|>(\w+)(?: name=([^\n]+))?\n(.*?)<\|im_end\|>\n", re.S)


@pytest.fixture
def tokenizer(make_tokenizer: Any, five_users: list[dict[str, Any]]) -> Any:
    tok = make_tokenizer([m["content"] for m in five_users] * 5)
    install_chat_template(tok)
    return tok


def test_five_user_conversation_round_trips_in_order_with_names(tokenizer: Any, five_users: list[dict[str, Any]]) -> None:
    text = render(tokenizer, five_users)
    turns = TURN.findall(text)
    assert "".join(m.group(0) for m in TURN.finditer(text)) == text, "nothing outside the turns"
    users = [(name, content) for role, name, content in turns if role == "user"]
    expected = [(m["name"], m["content"]) for m in five_users if m["role"] == "user"]
    assert users == expected
    assert len({name for name, _ in users}) == 5
    assert [c for r, _, c in turns if r == "assistant"] == [m["content"] for m in five_users if m["role"] == "assistant"]


def test_every_speaker_convention_renders_the_same(tokenizer: Any) -> None:
    by_name = [{"role": "user", "name": "Alice", "content": "hi"}]
    by_role = [{"role": "user:Alice", "content": "hi"}]
    paper = [{"role": "user_Alice", "content": "hi"}]
    assert render(tokenizer, by_name) == render(tokenizer, by_role) == render(tokenizer, paper)
    assert render(tokenizer, by_name) == "<|im_start|>user name=Alice\nhi<|im_end|>\n"


def test_unnamed_turns_and_generation_prompt(tokenizer: Any) -> None:
    arrow_row = [{"role": "user", "content": "<Alice>hi</Alice>", "name": None}]
    assert render(tokenizer, arrow_row, add_generation_prompt=True) == (
        "<|im_start|>user\n<Alice>hi</Alice><|im_end|>\n<|im_start|>assistant\n"
    )


def test_unknown_roles_fail_loudly_instead_of_being_dropped(tokenizer: Any) -> None:
    with pytest.raises(Exception, match="unsupported role"):
        render(tokenizer, [{"role": "moderator", "content": "x"}])


def test_loss_mask_is_exactly_the_assistant_replies(tokenizer: Any, five_users: list[dict[str, Any]]) -> None:
    replies = [m["content"] + TURN_END for m in five_users if m["role"] == "assistant"]
    assert assistant_runs(tokenizer, five_users) == replies
    check_assistant_mask(tokenizer, five_users)


def test_mask_check_rejects_a_template_without_markers(tokenizer: Any, five_users: list[dict[str, Any]]) -> None:
    tokenizer.chat_template = chat_template().replace("{%- generation -%}", "").replace("{%- endgeneration -%}", "")
    with pytest.raises(ValueError, match="loss mask"):
        check_assistant_mask(tokenizer, five_users)


def test_install_sets_end_of_turn_and_refuses_missing_markers(make_tokenizer: Any) -> None:
    plain = make_tokenizer(["hello world"] * 3, chat_tokens=False)
    with pytest.raises(ValueError, match="--add-chat-tokens"):
        install_chat_template(plain)
    assert install_chat_template(plain, add_missing_tokens=True) == ["<|im_start|>", "<|im_end|>"]
    assert plain.eos_token == TURN_END and plain.pad_token == "<|pad|>"
    assert plain.chat_template == chat_template()
    ids = plain.apply_chat_template([{"role": "user", "content": "hello"}], tokenize=True)
    ids = ids["input_ids"] if isinstance(ids, dict) or hasattr(ids, "keys") else ids
    assert plain.convert_tokens_to_ids("<|im_start|>") in ids
