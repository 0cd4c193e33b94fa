"""The ranking view: the player grows k or re-ranks, and the plots follow the frames."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from visualizers.core.registry import get
from visualizers.ranking.spec import RERANK
from visualizers.ranking.state import RankingFrame
from visualizers.ranking.view import RankingView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[RankingView]:
    spec = get("ranking")
    assert spec is not None
    widget = spec.load_view_class()(spec)
    assert isinstance(widget, RankingView)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    widget.shutdown()


def current(view: RankingView) -> RankingFrame:
    frame = view.current_frame
    assert isinstance(frame, RankingFrame)
    return frame


def test_stepping_grows_k_and_moves_the_cutoff_lines(view: RankingView) -> None:
    assert current(view).k == 1
    for _ in range(9):
        view.player.step_forward()
    frame = current(view)
    assert frame.k == 10
    assert view.k_line.value() == pytest.approx(10.5) and view.at_k_line.value() == 10
    _, ndcg = view.at_k_curves["ndcg"].getData()
    assert ndcg is not None and ndcg[9] == pytest.approx(frame.metrics.ndcg[9])
    assert f"NDCG@10 <b>{frame.metrics.ndcg[9]:.2f}</b>" in view.explanation.text.text()
    assert "k 10" in view.ranked_plot.accessibleDescription()


def test_re_ranking_plays_to_an_ideal_top_k(view: RankingView) -> None:
    assert view.set_params(animation=RERANK, k=10, quality=0.5)
    view.player.seek(1000)
    frame = current(view)
    assert frame.finished and frame.metrics.ndcg[9] == pytest.approx(1.0)
    heights = view.ranked_bars.opts["height"]
    assert np.all(np.diff(np.asarray(heights)[:10]) <= 0)  # the bars now descend
    assert "exactly 1" in view.explanation.text.text()


def test_plots_stack_when_narrow(view: RankingView, qtbot: QtBot) -> None:
    view.resize(700, 700)
    qtbot.wait(20)
    assert view.ranked_plot.width() >= 240 and view.at_k_plot.width() >= 240
    metrics_box = view.at_k_plot.parentWidget()
    assert metrics_box is not None
    assert view.ranked_plot.geometry().bottom() < metrics_box.geometry().top()  # stacked
