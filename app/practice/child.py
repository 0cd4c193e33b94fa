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


# -- what the learner's code may touch ----------------------------------------------------

# Events that start processes, signal other processes (the app itself!), use the network
# or load native code: refused outright.
BLOCKED_PREFIXES = ("subprocess.", "socket.", "ctypes.", "os.exec", "os.spawn", "os.posix_spawn")
BLOCKED_EVENTS = {
    "os.system",
    "os.fork",
    "os.forkpty",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
    "pty.spawn",
    "webbrowser.open",
}
# Events whose path arguments change the file system: only inside the working folder.
WRITE_EVENTS = {
    "os.remove",
    "os.rmdir",
    "os.rename",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.truncate",
    "os.symlink",
    "os.link",
    "os.utime",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
    "shutil.copytree",
    "os.chflags",
    "os.setxattr",
    "os.removexattr",
}
READ_EVENTS = {"os.listdir", "os.scandir", "glob.glob", "os.getxattr", "os.listxattr"}


class Guard:
    """An audit hook (PEP 578) that keeps the learner's code to its working folder.

    Not a security boundary against a determined attacker (that is the process limits'
    job), but it stops the everyday accidents and curiosities: reading the app's data or
    anything in the user's home, writing outside the working folder, starting processes,
    signalling the app, opening sockets, loading native code with ctypes.
    """

    def __init__(self, work: str, private: list[str]) -> None:
        self.work = os.path.realpath(work)
        roots = [sys.prefix, sys.base_prefix, sys.exec_prefix, getattr(sys, "_MEIPASS", "")]
        roots += [p for p in sys.path if p and os.path.isdir(p)]
        self.code_roots = [os.path.realpath(r) for r in roots if r]
        self.private = [os.path.realpath(p) for p in private if p]
        self.active = False

    @staticmethod
    def _under(path: str, root: str) -> bool:
        return path == root or path.startswith(root.rstrip(os.sep) + os.sep)

    def may_read(self, path: str) -> bool:
        real = os.path.realpath(path)
        if self._under(real, self.work) or any(self._under(real, r) for r in self.code_roots):
            return True
        return not any(self._under(real, p) for p in self.private)

    def may_write(self, path: str) -> bool:
        real = os.path.realpath(path)
        return self._under(real, self.work) or real == os.devnull

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event in BLOCKED_EVENTS or event.startswith(BLOCKED_PREFIXES):
            raise PermissionError(f"not allowed in the practice sandbox: {event}")
        if event == "open":
            path, mode, flags = (*args, None, None, None)[:3]
            if isinstance(path, int) or path is None:
                return
            name = os.fsdecode(path)
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int)
                and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC)
            )
            if (writing and not self.may_write(name)) or not self.may_read(name):
                raise PermissionError(f"the practice sandbox keeps your code to its folder: {name}")
        elif event in WRITE_EVENTS or event in READ_EVENTS:
            check = self.may_write if event in WRITE_EVENTS else self.may_read
            for arg in args:
                if isinstance(arg, str | bytes | os.PathLike) and not check(os.fsdecode(arg)):
                    raise PermissionError(
                        f"the practice sandbox keeps your code to its folder: {os.fsdecode(arg)}"
                    )


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


def start_watchdog(seconds: float) -> None:
    """Ends this process if the app goes away or the run overstays its time by far.

    The app kills the child at its time limit; this covers the app itself being closed or
    killed mid-run, so a sleeping learner's process can't linger (CPU limits don't catch sleep).
    """
    import threading
    import time

    parent = os.getppid()
    deadline = time.monotonic() + seconds

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent or time.monotonic() > deadline:
                os._exit(125)

    threading.Thread(target=watch, name="watchdog", daemon=True).start()


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
    start_watchdog(float(request.get("cpu_seconds", 12)) + 5)

    path = request["solution"]
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": path}
    import linecache  # noqa: F401 (tracebacks read source lines: loaded before the guard)

    guard = Guard(os.path.dirname(path), list(request.get("private", [])))
    sys.addaudithook(guard)
    guard.active = True
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
