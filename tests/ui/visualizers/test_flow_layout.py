"""FlowLayout: a row of buttons that wraps instead of widening the window (large text)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from visualizers.core.flow_layout import FlowLayout


def _row(qtbot: QtBot, texts: list[str]) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = FlowLayout(holder)
    buttons = [QPushButton(text, holder) for text in texts]
    for button in buttons[:-1]:
        layout.addWidget(button)
    layout.add_stretch()
    layout.addWidget(buttons[-1])
    return holder, layout, buttons


def test_minimum_width_is_the_widest_item_not_the_sum(qtbot: QtBot) -> None:
    _holder, layout, buttons = _row(qtbot, ["Reveal answer", "Bookmark", "Studied", "Open"])
    widest = max(b.minimumSizeHint().width() for b in buttons)
    total = sum(b.sizeHint().width() for b in buttons)
    assert layout.minimumSize().width() == widest
    assert layout.sizeHint().width() >= total


def test_wraps_onto_more_lines_when_narrow(qtbot: QtBot) -> None:
    holder, layout, buttons = _row(qtbot, ["Reveal answer", "Bookmark", "Studied", "Open"])
    line = max(b.sizeHint().height() for b in buttons)
    wide = layout.sizeHint().width() + 50
    assert layout.heightForWidth(wide) == line
    narrow = max(b.sizeHint().width() for b in buttons) + 2
    assert layout.heightForWidth(narrow) >= 4 * line  # one button per line
    holder.resize(narrow, layout.heightForWidth(narrow))
    holder.show()
    qtbot.waitExposed(holder)
    tops = sorted({b.geometry().top() for b in buttons})
    assert len(tops) == 4
    for button in buttons:  # nothing cut at the right edge
        assert button.geometry().right() < narrow


def test_the_stretch_pushes_the_last_item_to_the_right_end(qtbot: QtBot) -> None:
    holder, layout, buttons = _row(qtbot, ["A", "B", "Last"])
    width = layout.sizeHint().width() + 200
    holder.resize(width, layout.heightForWidth(width))
    holder.show()
    qtbot.waitExposed(holder)
    assert buttons[-1].geometry().right() == width - 1
    assert buttons[0].geometry().left() == 0


def test_insert_widget_keeps_order(qtbot: QtBot) -> None:
    holder, layout, _buttons = _row(qtbot, ["A", "B", "Last"])
    extra = QPushButton("New", holder)
    layout.insertWidget(layout.count() - 1, extra)
    item = layout.itemAt(layout.count() - 2)
    assert item is not None and item.widget() is extra


def test_wrapped_lines_stay_visible_in_a_splitter(qtbot: QtBot) -> None:
    """A QSplitter ignores height-for-width: the owner's minimum height carries it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPlainTextEdit, QSplitter

    splitter = QSplitter(Qt.Orientation.Vertical)
    qtbot.addWidget(splitter)
    holder, layout, buttons = _row(qtbot, ["1 Again · 1 min", "2 Hard · 6 min", "3 Good", "4 Easy"])
    splitter.addWidget(holder)
    splitter.addWidget(QPlainTextEdit())
    narrow = max(b.sizeHint().width() for b in buttons) + 10
    splitter.resize(narrow, 600)
    splitter.show()
    qtbot.waitExposed(splitter)
    qtbot.waitUntil(lambda: holder.height() >= layout.heightForWidth(holder.width()))
    for button in buttons:
        assert holder.rect().contains(button.geometry())
