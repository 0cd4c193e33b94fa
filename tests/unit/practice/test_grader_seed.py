"""The grader on the five guide questions: independent correct solutions pass, the usual
wrong ones are rejected with a message that says why, hostile code never hurts the caller."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from app.practice import cli
from app.practice.grader import Report, grade
from app.practice.problems import all_problems, problem


def _grade(number: int, code: str, time_limit: float | None = None) -> Report:
    found = problem(number)
    assert found is not None
    return grade(found, code, time_limit=time_limit)


def _failures(report: Report) -> dict[str, str]:
    return {c.case.title: c.message for c in report.cases if not c.passed}


@pytest.mark.parametrize("number", [21, 22, 23, 24, 25])
def test_an_independent_correct_solution_passes(number: int, correct: dict[int, str]) -> None:
    report = _grade(number, correct[number])
    assert report.problem is None
    assert _failures(report) == {}
    kinds = {c.case.kind for c in report.cases}
    assert kinds == {"fixed", "edge", "random"}


@pytest.mark.parametrize("number", [21, 22, 23, 24, 25])
def test_the_starter_fails_every_case_and_never_holds_the_answer(number: int) -> None:
    found = problem(number)
    assert found is not None
    assert "# your code" in found.starter and f"{found.target}(" in found.starter
    report = _grade(number, found.starter)
    assert report.passed == 0
    assert all("NotImplementedError" in c.message for c in report.cases)


def test_unnormalized_cosine_is_rejected_with_the_reason() -> None:
    code = "import numpy as np\ndef cosine_similarity(a, b):\n    return float(np.dot(a, b))\n"
    failures = _failures(_grade(21, code))
    assert "divide by both norms" in failures["a vector and 2× another"]


def test_nan_on_a_zero_vector_is_rejected() -> None:
    code = (
        "import numpy as np\n"
        "def cosine_similarity(a, b):\n"
        "    a = np.asarray(a, float); b = np.asarray(b, float)\n"
        "    if a.shape != b.shape or a.size == 0:\n"
        "        raise ValueError('shape')\n"
        "    with np.errstate(all='ignore'):\n"
        "        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))\n"
    )
    failures = _failures(_grade(21, code))
    assert failures["zero vector first"] == (
        "should raise ValueError (a zero vector has no direction), but it returned nan"
    )
    assert "different lengths" not in failures


def test_missing_zero_division_guard_is_rejected() -> None:
    code = (
        "def precision_recall(y_true, y_pred):\n"
        "    if not y_true or len(y_true) != len(y_pred) or (set(y_true) | set(y_pred)) - {0, 1}:\n"
        "        raise ValueError('bad')\n"
        "    tp = sum(t and p for t, p in zip(y_true, y_pred))\n"
        "    return tp / sum(y_pred), tp / sum(y_true)\n"
    )
    message = _failures(_grade(24, code))["nothing predicted positive (TP + FP = 0)"]
    assert "ZeroDivisionError" in message and "a zero denominator gives 0.0" in message


def test_swapped_precision_and_recall_are_named() -> None:
    swapped = "\n".join(
        line.replace("return (tp / (tp + fp)", "return (tp / (tp + fn)").replace(
            "0.0, tp / (tp + fn)", "0.0, tp / (tp + fp)"
        )
        for line in _correct_pr().splitlines()
    )
    assert swapped != _correct_pr()
    failures = _failures(_grade(24, swapped))
    assert "precision and recall are swapped" in failures["a moderation model"]


def _correct_pr() -> str:
    from tests_unit_practice_conftest import CORRECT  # type: ignore[import-not-found]

    return str(CORRECT[24])


@pytest.fixture(autouse=True)
def _expose_conftest(monkeypatch: pytest.MonkeyPatch, correct: dict[int, str]) -> None:
    import sys
    import types

    module = types.ModuleType("tests_unit_practice_conftest")
    module.CORRECT = correct  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_unit_practice_conftest", module)


def test_an_endless_loop_is_stopped_at_the_time_limit() -> None:
    code = "def cosine_similarity(a, b):\n    while True:\n        pass\n"
    started = time.monotonic()
    report = _grade(21, code, time_limit=2.0)
    assert time.monotonic() - started < 6
    assert report.problem is not None and "time limit" in report.problem
    assert "endless loop" in report.cases[0].message
    assert all(c.message.startswith("not run") for c in report.cases[1:])


def test_a_hard_exit_is_reported_not_fatal() -> None:
    code = "import os\ndef cosine_similarity(a, b):\n    os._exit(3)\n"
    report = _grade(21, code)
    assert report.failed == len(report.cases)
    assert "os._exit" in report.cases[0].message and "status 3" in report.cases[0].message


def test_sys_exit_and_a_crash_at_import_are_reported() -> None:
    report = _grade(21, "import sys\nsys.exit(0)\n")
    assert "could not be loaded: SystemExit" in report.cases[0].message
    report = _grade(21, "def cosine_similarity(a, b)\n    return 1\n")
    assert "SyntaxError" in report.cases[0].message


def test_a_segfault_is_reported() -> None:
    code = "import faulthandler\ndef cosine_similarity(a, b):\n    faulthandler._sigsegv()\n"
    report = _grade(21, code)
    assert report.problem is not None and "crashed" in report.problem


def test_a_huge_allocation_hits_the_memory_limit() -> None:
    code = "def cosine_similarity(a, b):\n    block = bytearray(8 * 1024**3)\n    return 1.0\n"
    report = _grade(21, code)
    assert report.problem is None  # the child survived and reported it
    assert "ran out of memory" in report.cases[0].message


def test_huge_output_is_bounded() -> None:
    code = (
        "import os\n"
        "def cosine_similarity(a, b):\n"
        "    print('x' * 50_000_000)\n"
        "    os.write(1, b'y' * 10_000_000)\n"
        "    return 0.0\n"
    )
    report = _grade(21, code)
    first = report.cases[0]
    assert len(first.stdout) < 10_000 and "more characters of output not kept" in first.stdout


def test_a_forked_child_does_not_outlive_the_run(tmp_path: Path) -> None:
    marker = tmp_path / "still-alive"
    code = (
        "import os, time\n"
        "def cosine_similarity(a, b):\n"
        "    try:\n"
        "        pid = os.fork()\n"
        "    except OSError:\n"
        "        raise RuntimeError('fork refused')\n"
        "    if pid == 0:\n"
        "        time.sleep(1.5)\n"
        f"        open({str(marker)!r}, 'w').close()\n"
        "        os._exit(0)\n"
        "    return 1.0\n"
    )
    report = _grade(21, code)
    assert report.cases  # a clear report, whatever fork did
    time.sleep(2.5)
    assert not marker.exists()


def test_the_sandbox_keeps_the_code_to_its_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.sqlite3").write_text("secret", encoding="utf-8")
    monkeypatch.setenv("ML_STUDIO_DATA_DIR", str(data))
    outside = tmp_path / "written-by-the-learner"
    attempts = {
        "read the app's data": f"open({str(data / 'progress.sqlite3')!r}).read()",
        "list the app's data": f"__import__('os').listdir({str(data)!r})",
        "write outside its folder": f"open({str(outside)!r}, 'w').write('x')",
        "start a process": "__import__('subprocess').run(['true'])",
        "signal the app": "__import__('os').kill(__import__('os').getppid(), 0)",
        "open a socket": "__import__('socket').create_connection(('127.0.0.1', 9))",
        "fork": "__import__('os').fork()",
    }
    for what, statement in attempts.items():
        code = f"def cosine_similarity(a, b):\n    {statement}\n    return 1.0\n"
        first = _grade(21, code).cases[0]
        assert "PermissionError" in first.got and "sandbox" in first.got, what
    assert not outside.exists()
    # its own folder is fine: write a scratch file, read it back
    code = (
        "def cosine_similarity(a, b):\n"
        "    open('scratch.txt', 'w').write('8/9')\n"
        "    return 8 / 9 if open('scratch.txt').read() == '8/9' else 0.0\n"
    )
    assert _grade(21, code).cases[0].passed


def test_the_child_sees_no_app_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ML_STUDIO_DATA_DIR", str(tmp_path))
    code = (
        "import os\n"
        "def cosine_similarity(a, b):\n"
        "    return float('ML_STUDIO_DATA_DIR' in os.environ) + len(os.listdir('.'))\n"
    )
    report = _grade(21, code)
    assert report.cases[2].got == "1"  # identical vectors expect 1: only solution.py is there
    assert os.environ["ML_STUDIO_DATA_DIR"] == str(tmp_path)


def test_cli_exit_codes(tmp_path: Path, correct: dict[int, str]) -> None:
    good = tmp_path / "good.py"
    good.write_text(correct[24], encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text("def precision_recall(a, b):\n    return 1.0, 1.0\n", encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["check", "24", str(good)], out) == 0
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"{len(lines) - 2} passed, 0 failed"
    out = io.StringIO()
    assert cli.main(["check", "24", str(bad)], out) == 1
    assert "FAIL" in out.getvalue() and out.getvalue().splitlines()[-1].endswith("failed")
    for argv in (
        ["check", "24"],
        ["check", "x", str(good)],
        ["check", "7", str(good)],
        ["check", "24", str(tmp_path)],
    ):
        assert cli.main(argv, io.StringIO()) == 2


def test_every_problem_has_cases_of_every_kind() -> None:
    for number, found in all_problems().items():
        cases = found.build_cases()
        assert len({c.id for c in cases}) == len(cases), number
        assert {"fixed", "edge"} <= {c.kind for c in cases}, number


def test_a_child_whose_app_died_ends_itself(tmp_path: Path) -> None:
    """Kill the app mid-run: the child, sleeping in the learner's code, must not linger."""
    import signal
    import subprocess
    import sys

    learner = tmp_path / "learner.py"
    learner.write_text("import time\ntime.sleep(600)\n", encoding="utf-8")
    script = (
        "from pathlib import Path\n"
        "from app.practice.runner import run_solution\n"
        f"run_solution(Path({str(learner)!r}).read_text(), [], time_limit=300)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
    deadline = time.monotonic() + 20
    child = 0
    while time.monotonic() < deadline and not child:
        text = children.read_text().split() if children.exists() else []
        child = int(text[0]) if text else 0
        time.sleep(0.1)
    assert child, "no child process appeared"
    time.sleep(1.0)  # let it reach the learner's sleep
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the child outlived the app by more than 5 s")
