"""The frozen app grades coding practice by re-invoking itself as the sandboxed child."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

GOOD = """\
def precision_recall(y_true, y_pred):
    t = [int(v) for v in y_true]
    p = [int(v) for v in y_pred]
    if not t or len(t) != len(p) or any(v not in (0, 1) for v in t + p):
        raise ValueError("bad labels")
    tp = sum(a and b for a, b in zip(t, p))
    fp = sum((not a) and b for a, b in zip(t, p))
    fn = sum(a and (not b) for a, b in zip(t, p))
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
"""

NUMPY_GOOD = """\
import numpy as np


def top_k(nums, k):
    if k < 0:
        raise ValueError("k")
    return sorted(np.asarray(nums).tolist(), reverse=True)[:k]
"""


def _check(
    bundle: Path, tmp_path: Path, number: int, code: str
) -> subprocess.CompletedProcess[str]:
    solution = tmp_path / f"solution_{number}.py"
    solution.write_text(code, encoding="utf-8")
    env = {
        **os.environ,
        "ML_STUDIO_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [str(bundle / "ml-interview-studio"), "--practice-check", str(number), str(solution)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_frozen_grader_passes_a_correct_file(bundle: Path, tmp_path: Path) -> None:
    process = _check(bundle, tmp_path, 24, GOOD)
    assert process.returncode == 0, process.stdout + process.stderr
    assert process.stdout.splitlines()[-1].endswith("passed, 0 failed")
    process = _check(bundle, tmp_path, 120, NUMPY_GOOD)  # NumPy inside the frozen child
    assert process.returncode == 0, process.stdout + process.stderr


def test_frozen_grader_rejects_wrong_and_hostile_files(bundle: Path, tmp_path: Path) -> None:
    swapped = GOOD.replace("return (tp / (tp + fp)", "return (tp / (tp + fn)").replace(
        "0.0, tp / (tp + fn)", "0.0, tp / (tp + fp)"
    )
    process = _check(bundle, tmp_path, 24, swapped)
    assert process.returncode == 1 and "precision and recall are swapped" in process.stdout
    process = _check(
        bundle, tmp_path, 24, "import os\ndef precision_recall(a, b):\n    os._exit(5)\n"
    )
    assert process.returncode == 1 and "os._exit" in process.stdout


def test_frozen_grader_usage_errors(bundle: Path, tmp_path: Path) -> None:
    process = _check(bundle, tmp_path, 7, GOOD)
    assert process.returncode == 2 and "no practice problem 7" in process.stdout
