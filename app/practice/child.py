"""The child process that runs a learner's solution: the only place their code executes.

Self-contained on purpose (standard library and NumPy only, never `app`): the parent starts
it as `python -I child.py` (or, frozen, as the app's own executable with a hidden flag), so
nothing of the app's state or data is in reach. It limits itself (address space, CPU time,
processes, file size) before loading the learner's file, sends the learner's own prints to a
bounded buffer instead of the result pipe, and writes one JSON line per event on the pipe it
was given: `start` before each call, `result` after it, `done` at the end. JSON only — a
result is data, never a pickle.

The parent imports this module only for `encode_value`/`decode_value`, which are pure.
"""

from __future__ import annotations

import io
import json
import os
import sys
import traceback
from typing import Any

MAX_REQUEST_BYTES = 64 * 1024 * 1024
MAX_RESULT_CHARS = 2_000_000
MAX_PRINT_CHARS = 4_000
MAX_DEPTH = 24
SOLUTION_NAME = "solution.py"


# -- values on the wire -------------------------------------------------------------------


def encode_value(value: Any, depth: int = 0) -> Any:
    """A JSON-ready form of `value`: arrays, tuples and sets are tagged so they come back as such."""
    if depth > MAX_DEPTH:
        return {"__repr__": "(nested too deeply)"}
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else {"__repr__": _short(repr(value))}
    if isinstance(value, float):
        return value
    module = type(value).__module__
    if module == "numpy" or module.startswith("numpy."):
        import numpy as np

        if isinstance(value, np.ndarray):
            if value.dtype.kind in "biuf" and value.size <= 1_000_000:
                return {
                    "__ndarray__": value.tolist(),
                    "dtype": str(value.dtype),
                    "shape": list(value.shape),
                }
            return {"__repr__": _short(f"array of dtype {value.dtype}, shape {value.shape}")}
        if isinstance(value, np.generic):
            return encode_value(value.item(), depth + 1)
    if isinstance(value, tuple):
        return {"__tuple__": [encode_value(v, depth + 1) for v in value[:100_000]]}
    if isinstance(value, list):
        return [encode_value(v, depth + 1) for v in value[:1_000_000]]
    if isinstance(value, set | frozenset):
        items = sorted(value, key=repr)[:100_000]
        return {"__set__": [encode_value(v, depth + 1) for v in items]}
    if isinstance(value, dict):
        pairs = list(value.items())[:100_000]
        return {
            "__dict__": [[encode_value(k, depth + 1), encode_value(v, depth + 1)] for k, v in pairs]
        }
    return {"__repr__": _short(f"{type(value).__name__}: {_safe_repr(value)}")}


def decode_value(value: Any) -> Any:
    """The inverse of `encode_value`; anything unknown comes back as an `Opaque`."""
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__ndarray__" in value:
        import numpy as np

        return np.array(value["__ndarray__"], dtype=value.get("dtype", "float64")).reshape(
            value.get("shape", [-1])
        )
    if "__tuple__" in value:
        return tuple(decode_value(v) for v in value["__tuple__"])
    if "__set__" in value:
        return {_hashable(decode_value(v)) for v in value["__set__"]}
    if "__dict__" in value:
        return {_hashable(decode_value(k)): decode_value(v) for k, v in value["__dict__"]}
    return Opaque(str(value.get("__repr__", value)))


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


class Opaque(str):
    """A value the child could only describe (an object of the learner's own type, say)."""


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception:  # a learner's __repr__ may itself be broken
        return f"<{type(value).__name__} object>"


# -- what the learner prints --------------------------------------------------------------


class BoundedText(io.TextIOBase):
    """A text sink that keeps the first `limit` characters and counts the rest."""

    def __init__(self, limit: int = MAX_PRINT_CHARS) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n… {self.dropped} more characters of output not kept"
        self.parts, self.kept, self.dropped = [], 0, 0
        return text


# -- limits -------------------------------------------------------------------------------


def apply_limits(memory_mb: int, cpu_seconds: int) -> None:
    """Caps this process before any learner code runs (POSIX; Windows has no `resource`)."""
    try:
        import resource
    except ImportError:
        return
    limits = [
        ("RLIMIT_AS", memory_mb * 1024 * 1024),
        ("RLIMIT_CPU", cpu_seconds),
        ("RLIMIT_FSIZE", 16 * 1024 * 1024),
        ("RLIMIT_CORE", 0),
        # No new processes (not enforced for root, so the parent also kills the whole group).
        ("RLIMIT_NPROC", 0),
    ]
    for name, value in limits:
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            _soft, hard = resource.getrlimit(which)
            ceiling = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (ceiling, ceiling if name != "RLIMIT_CPU" else hard))
        except (ValueError, OSError):
            pass


# -- running ------------------------------------------------------------------------------


def trimmed_traceback(exc: BaseException, solution: str) -> str:
    """The traceback lines that point into the learner's file, then the error itself."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if os.path.basename(f.filename) == solution
    ]
    lines = [f"  line {f.lineno}, in {f.name}\n    {(f.line or '').strip()}" for f in frames[-6:]]
    message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return "\n".join([*lines, message]) if lines else message


def describe_error(exc: BaseException, solution: str) -> dict[str, Any]:
    return {
        "type": type(exc).__name__,
        "message": _short(_safe_str(exc), 600),
        "traceback": _short(trimmed_traceback(exc, solution), 3000),
        "is_value_error": isinstance(exc, ValueError),
        "is_memory_error": isinstance(exc, MemoryError),
    }


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:
        return type(exc).__name__


def run_call(namespace: dict[str, Any], call: dict[str, Any]) -> Any:
    """Performs one call of a request: a function call, or a session of method calls."""
    target = namespace.get(call["target"])
    if target is None or not callable(target):
        raise LookupError(f"your file defines no {call['target']!r}")
    args = decode_value(call.get("args", []))
    kwargs = {k: decode_value(v) for k, v in call.get("kwargs", {}).items()}
    kind = call.get("kind", "call")
    if kind == "call":
        return target(*args, **kwargs)
    if kind == "sweep":  # the same call once per seed: for tests of randomness
        index = int(call["seed_index"])
        outputs = []
        for seed in call["seeds"]:
            args[index] = seed
            outputs.append(target(*args, **kwargs))
        return outputs
    instance = target(*args, **kwargs)
    outputs = []
    for step, (method, method_args) in enumerate(call["ops"]):
        try:
            outputs.append(getattr(instance, method)(*decode_value(method_args)))
        except Exception as exc:
            exc.add_note(f"(operation {step + 1}: {method}{tuple(decode_value(method_args))})")
            raise
    return outputs


def _send(stream: Any, event: dict[str, Any]) -> None:
    try:
        line = json.dumps(event, allow_nan=True)
    except (TypeError, ValueError):
        event = {**event, "value": {"__repr__": "(could not be encoded)"}}
        line = json.dumps(event, allow_nan=True)
    if len(line) > MAX_RESULT_CHARS:
        event = {**event, "value": {"__repr__": f"(result too large: {len(line)} characters)"}}
        line = json.dumps(event, allow_nan=True)
    stream.write(line + "\n")
    stream.flush()


def main(argv: list[str] | None = None) -> int:
    """Reads one request from stdin, writes JSON lines to stdout; the learner never sees either."""
    request = json.loads(sys.stdin.buffer.read(MAX_REQUEST_BYTES))
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy  # noqa: F401 (imported before the memory cap, as every solution uses it)

    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    with open(os.devnull, "wb") as devnull:  # C-level writes of the learner go nowhere
        os.dup2(devnull.fileno(), 1)
        os.dup2(devnull.fileno(), 2)
    captured = BoundedText()
    sys.stdout = sys.stderr = captured
    sys.stdin = io.StringIO()
    apply_limits(int(request.get("memory_mb", 1024)), int(request.get("cpu_seconds", 12)))

    path = request["solution"]
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": path}
    try:
        with open(path, encoding="utf-8") as handle:
            code = compile(handle.read(), path, "exec")
        exec(code, namespace)
    except BaseException as exc:  # SyntaxError, SystemExit, anything at import time
        _send(
            results,
            {
                "event": "load_error",
                "error": describe_error(exc, SOLUTION_NAME),
                "stdout": captured.take(),
            },
        )
        _send(results, {"event": "done"})
        return 0
    for call in request["calls"]:
        _send(results, {"event": "start", "id": call["id"]})
        try:
            value = run_call(namespace, call)
            event = {"event": "result", "id": call["id"], "ok": True, "value": encode_value(value)}
        except BaseException as exc:  # SystemExit, KeyboardInterrupt: reported like any error
            event = {
                "event": "result",
                "id": call["id"],
                "ok": False,
                "error": describe_error(exc, SOLUTION_NAME),
            }
        event["stdout"] = captured.take()
        _send(results, event)
    _send(results, {"event": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
