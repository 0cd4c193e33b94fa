"""Views only draw and forward events (issue 12): no visualizer's `view.py` over 400 lines.

A view that grows past that is doing a state's or a helper's work: move the computation to
`state.py` (Qt-free, unit-tested) or the drawing of one part to a module of its own, as
`plots.py`, `drawing.py` and `learner_overlay.py` do.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400


def test_no_view_is_over_the_limit() -> None:
    views = sorted((ROOT / "visualizers").glob("*/view.py"))
    assert len(views) >= 13, "the visualizers' views were not found"
    sizes = {
        str(v.relative_to(ROOT)): len(v.read_text(encoding="utf-8").splitlines()) for v in views
    }
    over = {path: lines for path, lines in sizes.items() if lines > LIMIT}
    assert not over, f"views over {LIMIT} lines: {over}"
