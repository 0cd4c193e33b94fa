"""Monkey test: a seeded random user hammers the whole app; any uncaught exception or Qt warning fails.

`make test` runs 2,000 actions; `make soak` runs 20,000 (ML_STUDIO_MONKEY_ACTIONS). The
seed is printed on failure so a crash replays exactly: ML_STUDIO_MONKEY_SEED=<n>.
Modal dialogs are answered at once (cancel), since nobody is there to click them.
"""

from __future__ import annotations

import os
import random
import string
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.main_window import MainWindow
from visualizers.core import registry

ACTIONS = int(os.environ.get("ML_STUDIO_MONKEY_ACTIONS", "2000"))
SEED = int(os.environ.get("ML_STUDIO_MONKEY_SEED", "20261126"))
SKIPPED_ACTIONS = {"Quit"}  # the one action that is supposed to end the session
KEYS = [
    Qt.Key.Key_Space,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Home,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_R,
    Qt.Key.Key_PageDown,
]


@pytest.fixture
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def reject(self: QDialog) -> int:
        self.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", reject)
    monkeypatch.setattr(QMessageBox, "exec", reject)
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel)
        )
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    for name in ("getText", "getMultiLineText", "getItem"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *a, **k: ("", False)))
    for name in ("getInt", "getDouble"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *a, **k: (0, False)))
    monkeypatch.setattr(QMenu, "exec", lambda *a, **k: None)


@pytest.fixture
def window(main_window: Callable[..., MainWindow], no_modal_dialogs: None) -> MainWindow:
    return main_window((1280, 800))


class Monkey:
    def __init__(self, window: MainWindow, qtbot: QtBot, rng: random.Random) -> None:
        self.window = window
        self.qtbot = qtbot
        self.rng = rng
        self.log: list[str] = []
        self.moves: list[tuple[int, Callable[[], None]]] = [
            (6, self.trigger_action),
            (5, self.press_key),
            (4, self.move_slider),
            (4, self.edit_number),
            (3, self.pick_combo),
            (2, self.click_button),
            (2, self.toggle_check),
            (2, self.open_visualizer),
            (1, self.close_tab),
            (2, self.search),
            (2, self.type_note),
            (2, self.click_plot),
            (2, self.switch_tab),
        ]
        self.weights = [w for w, _ in self.moves]

    def step(self) -> None:
        (move,) = self.rng.choices([m for _, m in self.moves], weights=self.weights)
        move()

    def _visible(self, kind: type[QWidget]) -> list[QWidget]:
        current = self.window.tabs.currentWidget()
        roots = [current, self.window.navigator] if current is not None else [self.window.navigator]
        found: list[QWidget] = []
        for root in roots:
            found += [w for w in root.findChildren(kind) if w.isVisible() and w.isEnabled()]
        return found

    def trigger_action(self) -> None:
        actions: list[QAction] = []
        stack: list[QMenu] = []
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                stack.append(menu)
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                sub = action.menu()
                if isinstance(sub, QMenu):
                    stack.append(sub)
                elif (
                    action.isEnabled()
                    and not action.isSeparator()
                    and action.text().replace("&", "") not in SKIPPED_ACTIONS
                ):
                    actions.append(action)
        if actions:
            action = self.rng.choice(actions)
            self.log.append(f"action {action.text()}")
            action.trigger()

    def press_key(self) -> None:
        key = self.rng.choice(KEYS)
        target = QApplication.focusWidget() or self.window
        opens_popup = key in (Qt.Key.Key_Space, Qt.Key.Key_Return)
        if opens_popup and isinstance(target, QComboBox) and target.count():
            # Space on a combo opens its list (a popup window the offscreen platform can't
            # raise); a person then picks an entry, so pick one.
            index = self.rng.randrange(target.count())
            self.log.append(f"key {key.name} on combo {target.objectName()} -> {index}")
            target.setCurrentIndex(index)
            return
        if opens_popup and isinstance(target, (QPushButton, QToolButton)) and target.menu():
            self.pick_menu_entry(target)
            return
        self.log.append(f"key {key.name} on {type(target).__name__}")
        self.qtbot.keyClick(target, key)

    def move_slider(self) -> None:
        sliders = self._visible(QSlider)
        if sliders:
            slider = self.rng.choice(sliders)
            assert isinstance(slider, QSlider)
            value = self.rng.randint(slider.minimum(), slider.maximum())
            self.log.append(
                f"slider {slider.objectName() or type(slider.parent()).__name__} -> {value}"
            )
            slider.setSliderDown(True)
            slider.setValue(value)
            slider.setSliderDown(False)

    def edit_number(self) -> None:
        spins = self._visible(QSpinBox) + self._visible(QDoubleSpinBox)
        if spins:
            spin = self.rng.choice(spins)
            assert isinstance(spin, QSpinBox | QDoubleSpinBox)
            lo, hi = spin.minimum(), spin.maximum()
            value = self.rng.choice([lo, hi, lo + (hi - lo) * self.rng.random()])
            self.log.append(f"spin {spin.objectName()} -> {value}")
            spin.setValue(value)  # type: ignore[arg-type]
            spin.editingFinished.emit()

    def pick_combo(self) -> None:
        combos = self._visible(QComboBox)
        if combos:
            combo = self.rng.choice(combos)
            assert isinstance(combo, QComboBox)
            if combo.count():
                index = self.rng.randrange(combo.count())
                self.log.append(f"combo {combo.objectName()} -> {combo.itemText(index)}")
                combo.setCurrentIndex(index)

    def click_button(self) -> None:
        buttons = [b for b in self._visible(QAbstractButton) if not isinstance(b, QCheckBox)]
        if buttons:
            button = self.rng.choice(buttons)
            assert isinstance(button, QAbstractButton)
            if isinstance(button, (QPushButton, QToolButton)) and button.menu() is not None:
                self.pick_menu_entry(button)
                return
            self.log.append(f"click {button.text()!r}")
            button.click()

    def pick_menu_entry(self, button: QPushButton | QToolButton) -> None:
        """A button with a drop-down menu: pick one of its entries, as a person would.

        Clicking it (or Space on it) would open the popup and wait for a choice.
        """
        menu = button.menu()
        entries = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
        if entries:
            entry = self.rng.choice(entries)
            self.log.append(f"menu {button.text()!r} -> {entry.text()!r}")
            entry.trigger()

    def toggle_check(self) -> None:
        checks = self._visible(QCheckBox)
        if checks:
            check = self.rng.choice(checks)
            assert isinstance(check, QCheckBox)
            self.log.append(f"toggle {check.text()!r}")
            check.toggle()

    def open_visualizer(self) -> None:
        specs = registry.all_specs()
        if specs and len(self.window.visualizer_tabs()) < 6:
            spec = self.rng.choice(specs)
            self.log.append(f"open {spec.id}")
            self.window.open_visualizer(spec.id)

    def close_tab(self) -> None:
        tabs = self.window.visualizer_tabs()
        if tabs:
            tab = self.rng.choice(tabs)
            self.log.append(f"close tab {tab.objectName()}")
            self.window.close_tab(self.window.tabs.indexOf(tab))

    def switch_tab(self) -> None:
        count = self.window.tabs.count()
        index = self.rng.randrange(count)
        self.log.append(f"switch tab {index}")
        self.window.tabs.setCurrentIndex(index)

    def search(self) -> None:
        words = ["", "gradient", "k-means", "NDCG", "zzz", "the", "cold start", "σ²"]
        text = self.rng.choice(
            [*words, "".join(self.rng.choices(string.printable, k=self.rng.randint(1, 12)))]
        )
        self.log.append(f"search {text!r}")
        self.window.navigator.search.setText(text)

    def type_note(self) -> None:
        edits = self._visible(QPlainTextEdit) + self._visible(QLineEdit)
        if edits:
            edit = self.rng.choice(edits)
            text = "".join(
                self.rng.choices(string.ascii_letters + " 0123456789.,-", k=self.rng.randint(1, 20))
            )
            self.log.append(f"type into {type(edit).__name__} {edit.objectName()}")
            if isinstance(edit, QPlainTextEdit) and not edit.isReadOnly():
                edit.insertPlainText(text)
            elif isinstance(edit, QLineEdit) and not edit.isReadOnly():
                edit.setText(text)
                edit.editingFinished.emit()

    def click_plot(self) -> None:
        import pyqtgraph as pg

        plots = self._visible(pg.GraphicsView)
        if plots:
            plot = self.rng.choice(plots)
            assert isinstance(plot, pg.GraphicsView)
            pos = QPoint(
                self.rng.randrange(max(1, plot.width())), self.rng.randrange(max(1, plot.height()))
            )
            button = self.rng.choice([Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton])
            self.log.append(f"click plot {plot.objectName()} at {pos.x()},{pos.y()} {button.name}")
            self.qtbot.mouseClick(plot.viewport(), button, pos=pos)


def test_monkey(window: MainWindow, qtbot: QtBot) -> None:
    rng = random.Random(SEED)
    monkey = Monkey(window, qtbot, rng)
    errors: list[str] = []

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        errors.append("".join(traceback.format_exception(kind, value, tb)))

    previous = sys.excepthook
    sys.excepthook = hook
    try:
        for i in range(ACTIONS):
            monkey.step()
            if i % 5 == 0:
                QApplication.processEvents()
            # Playing visualizers tick on timers: let some ticks happen now and then.
            if i % 97 == 0:
                qtbot.wait(20)
            popup = QApplication.activePopupWidget()
            if popup is not None:
                # A popup the monkey opened without meaning to: the offscreen platform warns
                # about it and it swallows later input, so name the action that opened it.
                errors.append(f"a popup ({type(popup).__name__}) was left open")
            if errors:
                break
    finally:
        sys.excepthook = previous
    recent = "\n".join(monkey.log[-25:])
    assert not errors, (
        f"seed {SEED}, after {len(monkey.log)} actions; last ones:\n{recent}\n\n{errors[0]}"
    )
