"""The attention view's weight labels: the revealed row's weights ≥ 0.15, and nothing else.

The labels are kept and moved between steps instead of re-created, so this checks what
the visible labels show against the frame's weights, stepping forward, back to the start
(no row revealed) and forward again, and that the plots never gain more label items.
"""

from __future__ import annotations

import pyqtgraph as pg

from visualizers.attention.state import AttentionFrame
from visualizers.attention.view import AttentionView

VIEW_CLASS = AttentionView


def _shown(view: AttentionView, head: int) -> list[tuple[float, float, str]]:
    return sorted(
        (label.pos().x(), label.pos().y(), label.textItem.toPlainText())
        for label in view.labels[head]
        if label.isVisible()
    )


def _expected(frame: AttentionFrame, head: int) -> list[tuple[float, float, str]]:
    if frame.query is None:
        return []
    q, row = frame.query, frame.weights[head][frame.query]
    return sorted((k + 0.5, q + 0.5, f"{w:.2f}") for k, w in enumerate(row) if w >= 0.15)


def _label_items(view: AttentionView) -> int:
    return sum(
        isinstance(item, pg.TextItem)
        for plot in view.head_plots
        for item in plot.getPlotItem().items
    )


def test_labels_follow_the_revealed_row(view: AttentionView) -> None:
    player = view.player
    labelled = 0
    counts = []
    for position in [*range(1, 6), 0, 3, 2, 5]:
        player.seek(position)
        frame = player.current
        assert isinstance(frame, AttentionFrame)
        for head in range(len(view.head_plots)):
            expected = _expected(frame, head)
            assert _shown(view, head) == expected, (position, head)
            labelled += len(expected)
        counts.append(_label_items(view))
    assert labelled > 0  # the run revealed rows with labelled weights
    assert counts[-1] == max(counts) == counts[4]  # revisiting adds no label items
