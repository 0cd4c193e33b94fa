"""Shared helpers for the attack tests: a bounded child interpreter and a pack builder.

Risky inputs (alias bombs, /dev/zero, FIFOs, huge CSVs) run in a child Python with an
address-space limit and a wall-clock timeout, so a regression fails the test with a clear
reason ("killed by the memory limit", "still running after 20 s") instead of taking the
whole test run down or hanging it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

_PRELUDE = """
import json, resource, sys
limit = {limit}
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, {root!r})
def report(value):
    print("RESULT:" + json.dumps(value), flush=True)
"""


@dataclass(frozen=True)
class Outcome:
    returncode: int
    result: Any
    stderr: str


def run_limited(
    code: str, *, memory_mb: int = 1500, timeout_s: float = 30.0, cwd: Path | None = None
) -> Outcome:
    """Run `code` in a child interpreter with RLIMIT_AS; it calls `report(value)` once."""
    script = _PRELUDE.format(limit=memory_mb * 2**20, root=str(ROOT)) + textwrap.dedent(code)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            [sys.executable, "-"],
            input=script,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            env=env,
            cwd=str(cwd or ROOT),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout_s:.0f} s (a hang, or unbounded work)")
    result = None
    for line in done.stdout.splitlines():
        if line.startswith("RESULT:"):
            result = json.loads(line[len("RESULT:") :])
    if result is None:
        pytest.fail(
            f"the child exited {done.returncode} without a result "
            f"(MemoryError or killed by the memory limit?):\n{done.stderr[-2000:]}"
        )
    return Outcome(done.returncode, result, done.stderr)


PACK_QUESTION = """\
id: {id}
number: {number}
category: coding
question: What is a pack question?
difficulty: medium
tags: [pack]
answer: |
  {answer}
key_points: [one, two, three]
worked_example: |
  Two and two make four.
follow_ups:
  - question: Why?
    answer: Because.
  - question: Then?
    answer: Then more.
pitfalls: [None yet.]
related: []
"""


def pack_question(number: int = 901, qid: str = "pack-question", extra: str = "") -> str:
    answer = " ".join(["word"] * 160)
    return PACK_QUESTION.format(id=qid, number=number, answer=answer) + extra


def make_pack(folder: Path, files: dict[str, str] | None = None) -> Path:
    (folder / "questions").mkdir(parents=True, exist_ok=True)
    for name, text in (files or {}).items():
        (folder / "questions" / name).write_text(text, encoding="utf-8")
    return folder
