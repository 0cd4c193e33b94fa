"""Runs a learner's solution in a child process with limits and collects its results (no Qt).

Principle 9: the learner's code never runs in the app's process. `run_solution` writes the
code to a fresh temporary folder, starts `child.py` there under `python -I` (or the frozen
app's own executable with `--practice-child`), in a new session, with an environment that
holds nothing of the app (no data folder, HOME pointing at the temporary folder), sends the
calls as JSON on stdin and reads JSON lines back, at most `MAX_PIPE_BYTES`. A wall-clock
limit ends the run; the whole process group is killed at the end of every run, so a forked
grandchild can't outlive it. Inside, the child caps its memory, CPU time, processes and file
sizes, and an audit hook keeps the learner's code out of the home and data folders (see
`child.Guard`). Whatever happens, the caller gets a `RunOutcome` whose `problem`
says in one sentence what went wrong, never an exception or a hang.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHILD_FLAG = "--practice-child"
DEFAULT_TIME_LIMIT_S = 10.0
DEFAULT_MEMORY_MB = 1024
MAX_PIPE_BYTES = 32 * 1024 * 1024
MAX_CODE_BYTES = 512 * 1024
_DONE_LINE = b'{"event": "done"}\n'


@dataclass(frozen=True)
class CallResult:
    """What one call of the learner's code did: a value, or an error with a trimmed traceback."""

    id: str
    ok: bool
    value: Any = None
    error_type: str = ""
    error_message: str = ""
    traceback: str = ""
    is_value_error: bool = False
    stdout: str = ""


@dataclass(frozen=True)
class RunOutcome:
    """Everything one run produced. `problem` is set when the run did not finish normally."""

    results: dict[str, CallResult] = field(default_factory=dict)
    problem: str | None = None
    interrupted_call: str | None = None  # the call that was running when the run was cut short
    load_error: CallResult | None = None
    seconds: float = 0.0


def child_command() -> list[str]:
    """How to start the child: isolated Python on child.py, or the frozen app re-invoking itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-I", "-B", str(Path(__file__).with_name("child.py"))]


def child_environment(folder: Path) -> dict[str, str]:
    """A minimal environment: no app data folder, no user site, one BLAS thread."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "TMPDIR": str(folder),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    for name in ("SYSTEMROOT", "WINDIR"):  # Windows can't start Python without these
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def private_folders() -> list[str]:
    """Folders the learner's code must not read: the user's home (the app's data and settings
    live there) and any data or config folder set in the environment."""
    folders = [str(Path.home())]
    for name in (
        "ML_STUDIO_DATA_DIR",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "APPDATA",
        "LOCALAPPDATA",
    ):
        if os.environ.get(name):
            folders.append(os.environ[name])
    return folders


def run_solution(
    code: str,
    calls: list[dict[str, Any]],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> RunOutcome:
    """Runs `calls` (see child.run_call) against `code` in a limited child process."""
    from app.practice.child import decode_value

    started = time.monotonic()
    if len(code.encode("utf-8", "replace")) > MAX_CODE_BYTES:
        return RunOutcome(problem=f"The file is larger than {MAX_CODE_BYTES // 1024} KB.")
    with tempfile.TemporaryDirectory(prefix="ml-studio-practice-") as folder_name:
        folder = Path(folder_name)
        solution = folder / "solution.py"
        solution.write_text(code, encoding="utf-8")
        request = json.dumps(
            {
                "solution": str(solution),
                "calls": calls,
                "memory_mb": memory_mb,
                "cpu_seconds": int(time_limit) + 2,
                "private": private_folders(),
            }
        ).encode("utf-8")
        try:
            process = subprocess.Popen(
                child_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=folder,
                env=child_environment(folder),
                start_new_session=True,
            )
        except OSError as exc:
            return RunOutcome(problem=f"The test process could not be started: {exc}")
        try:
            lines, cut_reason = _exchange(process, request, started + time_limit)
        finally:
            _kill_group(process)
        results: dict[str, CallResult] = {}
        running: str | None = None
        load_error: CallResult | None = None
        finished = False
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a learner who wrote to the result pipe: ignore the noise
            if not isinstance(event, dict):
                continue
            kind = event.get("event")
            if kind == "start":
                running = str(event.get("id"))
            elif kind == "result":
                result = _call_result(event, decode_value)
                results[result.id] = result
                running = None
            elif kind == "load_error":
                load_error = _call_result({**event, "id": "load", "ok": False}, decode_value)
            elif kind == "done":
                finished = True
        seconds = time.monotonic() - started
        if finished:
            return RunOutcome(results, None, None, load_error, seconds)
        if cut_reason == "time":
            problem = (
                f"Stopped after the {time_limit:g} s time limit: the code did not finish"
                " (an endless loop, or far too slow)."
            )
        elif cut_reason == "size":
            problem = f"Stopped: the code wrote more than {MAX_PIPE_BYTES // 2**20} MB of results."
        else:
            problem = _exit_description(process.returncode)
        return RunOutcome(results, problem, running, load_error, seconds)


def _call_result(event: dict[str, Any], decode: Any) -> CallResult:
    error = event.get("error") or {}
    return CallResult(
        id=str(event.get("id")),
        ok=bool(event.get("ok")),
        value=decode(event.get("value")) if event.get("ok") else None,
        error_type=str(error.get("type", "")),
        error_message=str(error.get("message", "")),
        traceback=str(error.get("traceback", "")),
        is_value_error=bool(error.get("is_value_error")),
        stdout=str(event.get("stdout", "")),
    )


def _exchange(
    process: subprocess.Popen[bytes], request: bytes, deadline: float
) -> tuple[list[bytes], str | None]:
    """Sends the request and reads result lines until EOF, the deadline or the size cap."""
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(request)
        process.stdin.close()
    except OSError:
        pass  # the child died at once; its exit status explains why
    buffer = bytearray()
    reason: str | None = None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                reason = "time"
                break
            if not selector.select(timeout=min(remaining, 0.25)):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            if _DONE_LINE in buffer[-len(chunk) - len(_DONE_LINE) :]:
                break  # finished; a forked grandchild may still hold the pipe open
            if len(buffer) > MAX_PIPE_BYTES:
                reason = "size"
                break
    if reason is None:
        try:
            process.wait(timeout=max(0.5, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            reason = "time"
    lines = bytes(buffer).split(b"\n")
    return [line for line in lines if line.strip()], reason


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Ends the child and anything it started (same session), then reaps it."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover (Windows)
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    if process.stdout is not None:
        process.stdout.close()


def _exit_description(code: int | None) -> str:
    """One sentence for a child that ended without finishing its report."""
    if code is None:
        return "The test process did not finish."
    if code < 0:
        number = -code
        name = signal.Signals(number).name if number in signal.valid_signals() else str(number)
        if number == getattr(signal, "SIGXCPU", -1):
            return "Stopped: the code used up its CPU-time limit (an endless loop?)."
        if number == getattr(signal, "SIGSEGV", -1):
            return "The test process crashed (segmentation fault), perhaps from endless recursion."
        if number == getattr(signal, "SIGXFSZ", -1):
            return "Stopped: the code wrote a file larger than the 16 MB limit."
        return f"The test process was killed by signal {name}."
    return (
        f"The test process exited early with status {code} (a call to os._exit or a crash);"
        " the remaining tests did not run."
    )
