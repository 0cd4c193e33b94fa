""" "Animate my code" costs a visualizer nothing until a learner's run is shown.

A fresh interpreter opens the three visualizers that can show a learner's run and plays a
few frames: no learner module (the state's helpers, the overlay's items) is loaded. Asked
for its overlay, the gradient-descent view then builds it.
"""

from __future__ import annotations

from tests.conftest import fresh_interpreter_report

SCRIPT = """
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from visualizers.core.registry import get

def learner_modules():
    return sorted(m for m in sys.modules if m.endswith((".learner", ".learner_overlay")))

views = []
for spec_id in ("gradient_descent", "kmeans", "matrix_factorization"):
    spec = get(spec_id)
    view = spec.load_view_class()(spec)
    view.resize(1200, 800)
    view.show()
    for _ in range(5):
        view.player.step_forward()
    app.processEvents()
    views.append(view)
report = {"opened": learner_modules()}
if len(sys.argv) > 1:
    _ = views[0].learner_overlay  # what showing a learner's run draws with
    report["asked"] = learner_modules()
for view in views:
    view.shutdown()
print(json.dumps(report), flush=True)
os._exit(0)
"""


def _run(*args: str) -> dict[str, object]:
    report: dict[str, object] = fresh_interpreter_report(SCRIPT, *args)
    return report


def test_no_learner_module_or_overlay_before_a_learners_run() -> None:
    assert _run() == {"opened": []}


def test_the_overlay_and_its_module_come_when_first_asked_for() -> None:
    report = _run("ask")
    overlay = ["visualizers.core.learner", "visualizers.gradient_descent.learner_overlay"]
    assert report == {"opened": [], "asked": overlay}
