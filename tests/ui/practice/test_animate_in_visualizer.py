""" "Animate my code" opens the question's own visualizer with the learner's run loaded.

The learner's code really runs in the sandboxed child; the app never imports it. A k-means
whose update moves each centroid only halfway to its points' mean must show up at the
first update half-step, beside the reference's centroids, and "Clear my run" must give
the visualizer back its own run alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.practice.qt.animate import VisualizerRun
from app.practice.qt.pane import PracticePane
from app.store import Store
from visualizers.gradient_descent.view import GradientDescentView
from visualizers.kmeans.view import KMeansView

HALF_STEP_KMEANS = """\
import numpy as np


def kmeans(X, k, init, max_iter, tol, seed):
    X = np.asarray(X, float)
    C = np.array(init, float)
    for _ in range(max_iter):
        labels = ((X[:, None] - C[None]) ** 2).sum(2).argmin(1)
        for j in range(k):
            if np.any(labels == j):
                C[j] = C[j] + 0.5 * (X[labels == j].mean(0) - C[j])  # only half way
    return C, ((X[:, None] - C[None]) ** 2).sum(2).argmin(1)
"""

SIGN_FLIPPED_DESCENT = """\
import numpy as np


def gradient_descent(X, y, lr, epochs):
    X, y = np.asarray(X, float), np.asarray(y, float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        r = X @ w + b - y
        w = w + lr * 2 * X.T @ r / len(y)  # uphill
        b = b + lr * 2 * r.mean()
    return w, b
"""


@pytest.fixture
def window(main_window: Callable[..., MainWindow]) -> MainWindow:
    return main_window((1280, 720))


def test_animate_opens_kmeans_with_the_learner_run_and_clear_returns_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_question(23)
    controller = window.question_view.practice
    assert controller.button.isVisible()
    qtbot.mouseClick(controller.button, Qt.MouseButton.LeftButton)
    pane = controller.pane
    pane.editor.setPlainText(HALF_STEP_KMEANS)
    assert pane.animate_button.isEnabled()
    with qtbot.waitSignal(pane.learner_run_loaded, timeout=60_000) as blocker:
        qtbot.mouseClick(pane.animate_button, Qt.MouseButton.LeftButton)
    view = blocker.args[0]
    assert isinstance(view, KMeansView)
    assert view is window.find_visualizer("kmeans")
    assert window.tabs.currentWidget() is view  # opened (or focused) as its own tab
    run = view.learner_run()
    assert run is not None
    history = view.history
    assert history is not None
    first_update = next(i for i, f in enumerate(history.frames()) if f.phase == "update")
    assert run.difference == first_update
    assert "your centroid" in run.difference_text and "iteration 1 (update)" in run.difference_text
    strip = view.learner_strip
    assert strip is not None and strip.isVisible()
    assert strip.clear_button.accessibleName() and strip.go_button.accessibleName()

    # The same player drives both: at the first difference the learner's centroids are drawn,
    # half way between the previous centroids and the reference's new ones.
    qtbot.mouseClick(strip.go_button, Qt.MouseButton.LeftButton)
    assert view.player.index == first_update
    frame = view.current_frame
    assert frame is not None
    previous = history[first_update - 1].centroids
    mine = np.column_stack(view.learner_overlay.centroids.getData())
    np.testing.assert_allclose(mine, (previous + frame.centroids) / 2, atol=1e-9)
    assert view.learner_overlay.centroids.isVisible()
    assert "your centroid" in view.explanation.text.text()  # the narration says it too

    # The pane (behind the visualizer's tab now) offers "Clear my run".
    assert not pane.clear_run_button.isHidden()
    assert pane.clear_run_button.accessibleName()
    qtbot.mouseClick(pane.clear_run_button, Qt.MouseButton.LeftButton)
    assert view.learner_run() is None
    assert not strip.isVisible() and not view.learner_overlay.centroids.isVisible()
    assert pane.clear_run_button.isHidden()
    pane.save_draft()  # before the fixture closes the store (the draft timer would fire later)


def test_a_pane_outside_the_window_opens_gradient_descent_on_its_own(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = Store(tmp_path / "progress.sqlite3")
    pane = PracticePane(store)
    qtbot.addWidget(pane)
    question = load_library().question(25)
    assert question is not None
    pane.set_question(question)
    pane.editor.setPlainText(SIGN_FLIPPED_DESCENT)
    with qtbot.waitSignal(pane.learner_run_loaded, timeout=60_000) as blocker:
        pane.animate()
    view = blocker.args[0]
    assert isinstance(view, GradientDescentView)
    assert view.isWindow() and view.isVisible()
    assert view.params["optimizer"] == "plain" and view.params["compare"] == "off"
    run = view.learner_run()
    assert run is not None and run.difference == 1
    assert run.difference_text.startswith("step 1: your (w, b) went to")
    view.player.seek(5)
    xs, _ = view.learner_overlay.path.getData()
    assert len(xs) == 6 and view.learner_overlay.path.isVisible()
    # The strip's own "Clear my run" does the same as the pane's.
    strip = view.learner_strip
    assert strip is not None
    qtbot.mouseClick(strip.clear_button, Qt.MouseButton.LeftButton)
    assert view.learner_run() is None and not view.learner_overlay.path.isVisible()
    view.close()
    store.close()


def test_a_file_that_does_not_load_says_so_and_loads_no_run(qtbot: QtBot, tmp_path: Path) -> None:
    from visualizers.core import registry

    spec = registry.get("kmeans")
    assert spec is not None
    view = spec.load_view_class()(spec)
    assert isinstance(view, KMeansView)
    qtbot.addWidget(view)
    store = Store(tmp_path / "progress.sqlite3")
    pane = PracticePane(store)
    qtbot.addWidget(pane)
    pane.visualizer_opener = lambda visualizer_id: view
    question = load_library().question(23)
    assert question is not None
    pane.set_question(question)
    pane.editor.setPlainText("def kmeans(X, k, init, max_iter, tol, seed)\n    return 1\n")
    assert pane.visualizer_run is None
    pane.animate()
    run = pane.visualizer_run
    assert isinstance(run, VisualizerRun)
    with qtbot.waitSignal(run.failed, timeout=60_000) as blocker:
        pass
    assert "could not be loaded" in blocker.args[0]
    assert view.learner_run() is None and pane.clear_run_button.isHidden()
    assert pane.animate_button.isEnabled()
    pane.save_draft()
    store.close()
