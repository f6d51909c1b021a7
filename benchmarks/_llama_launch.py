"""Start llama-cpp-python's OpenAI-compatible server with weight repacking turned off.

Why: llama.cpp repacks quantized weights into extra CPU buffer types where the CPU has the
instructions. This machine's CPU reports AMX, and the AMX matmul of Q4_1 weights dies with a
general protection fault on the first request (``ggml_backend_amx_mul_mat`` in libggml-cpu,
llama-cpp-python 0.3.36 built from source), while the plain CPU path is fine. The server has no
flag for it, so this launcher clears ``use_extra_bufts`` in llama.cpp's default model parameters
before the server builds its model, then runs the server's own command line unchanged.

Run it with the Python of the environment where ``llama-cpp-python[server]`` is installed:
  /path/to/venv/bin/python benchmarks/_llama_launch.py --model MODEL.gguf --host 127.0.0.1 ...
"""

from __future__ import annotations

from typing import Any


def _without_repacking() -> None:
    import llama_cpp.llama_cpp as native

    default = native.llama_model_default_params

    def params() -> Any:
        chosen = default()
        chosen.use_extra_bufts = False
        return chosen

    native.llama_model_default_params = params


if __name__ == "__main__":
    _without_repacking()
    from llama_cpp.server.__main__ import main

    main()
