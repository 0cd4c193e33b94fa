"""The layer contracts in pyproject.toml hold (DESIGN principle 7), checked by import-linter.

`app` above `visualizers`; `visualizers.core` below every visualizer; visualizers independent
of each other; no Qt in algorithm, state, data and spec modules or in app's pure core; no
NumPy in specs. Run in a child process so the import graph is built fresh from the files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
