"""The transport bar under every visualizer: play/pause, step, reset, speed, loop, timeline.

It only talks to a `Player`; keyboard shortcuts live in the base view so they can be
scoped to one visualizer (two open visualizers must not fight over Space).

The icons are drawn here, in the palette's ButtonText colour, instead of taken from the
style: Fusion's media icons are black pixmaps, unreadable on a dark palette. They are
redrawn on every palette change. Every control has an accessible name (what a screen
reader announces) and a description (the tooltip); the timeline's accessible value says
the step in words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

from visualizers.core.flow_layout import FlowLayout
from visualizers.core.player import SPEEDS, Player

ICON_KINDS = ("reset", "back", "play", "pause", "forward")
ICON_SIZE = 18


def _speed_text(speed: float) -> str:
    return f"{speed:g}x"


def _shape(kind: str, s: float) -> QPainterPath:
    """The icon's outline in an s × s box."""
    path = QPainterPath()

    def triangle(x0: float, x1: float) -> None:  # pointing right when x1 > x0
        path.addPolygon(
            QPolygonF([QPointF(x0, 0.2 * s), QPointF(x1, 0.5 * s), QPointF(x0, 0.8 * s)])
        )
        path.closeSubpath()

    if kind == "play":
        triangle(0.25 * s, 0.82 * s)
    elif kind == "pause":
        path.addRect(QRectF(0.24 * s, 0.2 * s, 0.18 * s, 0.6 * s))
        path.addRect(QRectF(0.58 * s, 0.2 * s, 0.18 * s, 0.6 * s))
    elif kind == "forward":
        triangle(0.18 * s, 0.6 * s)
        path.addRect(QRectF(0.64 * s, 0.2 * s, 0.14 * s, 0.6 * s))
    elif kind == "back":
        path.addRect(QRectF(0.22 * s, 0.2 * s, 0.14 * s, 0.6 * s))
        triangle(0.82 * s, 0.4 * s)
    elif kind == "reset":
        path.addRect(QRectF(0.14 * s, 0.2 * s, 0.12 * s, 0.6 * s))
        triangle(0.58 * s, 0.28 * s)
        triangle(0.88 * s, 0.58 * s)
    else:
        raise ValueError(f"unknown icon {kind!r}")
    return path


def player_icon(kind: str, color: QColor, size: int = ICON_SIZE, dpr: float = 2.0) -> QIcon:
    """A crisp single-colour transport icon (drawn at `dpr` so it stays sharp on HiDPI)."""
    pixmap = QPixmap(round(size * dpr), round(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(_shape(kind, float(size)))
    painter.end()
    icon = QIcon(pixmap)
    # Disabled buttons keep a readable (if dimmer) icon instead of Qt's washed-out one.
    icon.addPixmap(pixmap, QIcon.Mode.Disabled)
    return icon


class PlayerControls(QWidget):
    """Buttons, speed box, loop toggle, timeline slider and step counter bound to a Player."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player_controls")
        self.player = player
        self._playing = False

        def button(kind: str, name: str, tip: str) -> QToolButton:
            b = QToolButton(self)
            b.setObjectName(f"player_{kind}")
            b.setToolTip(tip)
            b.setAccessibleName(name)
            b.setAccessibleDescription(tip)
            b.setAutoRaise(True)
            b.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            return b

        self.reset_button = button("reset", "Reset to step 0", "Reset (Home)")
        self.back_button = button("back", "Step back", "Step back (←)")
        self.play_button = button("play", "Play", "Play / pause (Space)")
        self.forward_button = button("forward", "Step forward", "Step forward (→)")
        self.timeline = QSlider(Qt.Orientation.Horizontal, self)
        self.timeline.setObjectName("player_timeline")
        self.timeline.setToolTip("Drag to revisit any step already computed")
        self.timeline.setAccessibleName("Timeline")
        self.timeline.setAccessibleDescription("Drag to revisit any step already computed")
        self.timeline.setRange(0, 0)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows belong to the view
        self.step_label = QLabel("step 0 / 0", self)
        self.step_label.setObjectName("player_step")
        # A fixed size (both ways: with only the width fixed, every setText still posts a
        # layout request) so a new step number never re-lays out the bar or the view.
        metrics = self.step_label.fontMetrics()
        self.step_label.setFixedSize(
            metrics.horizontalAdvance("step 00000 / 00000+") + 8,
            max(self.step_label.sizeHint().height(), metrics.height() + 4),
        )
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.speed_box = QComboBox(self)
        self.speed_box.setObjectName("player_speed")
        self.speed_box.setToolTip("Playback speed")
        self.speed_box.setAccessibleName("Playback speed")
        for s in SPEEDS:
            self.speed_box.addItem(_speed_text(s), s)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        speed_label = QLabel("&Speed", self)
        speed_label.setBuddy(self.speed_box)
        self.loop_box = QCheckBox("&Loop", self)
        self.loop_box.setObjectName("player_loop")
        self.loop_box.setToolTip("Start again from step 0 at the end of the run")
        self.loop_box.setAccessibleName("Loop")
        self.loop_box.setAccessibleDescription("Start again from step 0 at the end of the run")

        # Two groups in a flow: at large text the speed and loop controls wrap onto a
        # second line instead of making the bar (and the window) wider than the screen.
        transport = QWidget(self)
        transport.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(transport)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.reset_button, self.back_button, self.play_button, self.forward_button):
            row.addWidget(w)
        row.addWidget(self.timeline, 1)
        row.addWidget(self.step_label)
        options = QWidget(self)
        row = QHBoxLayout(options)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(speed_label)
        row.addWidget(self.speed_box)
        row.addWidget(self.loop_box)
        layout = FlowLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(transport)
        layout.addWidget(options)
        self._apply_icons()

        self.reset_button.clicked.connect(player.reset)
        self.back_button.clicked.connect(player.step_back)
        self.forward_button.clicked.connect(player.step_forward)
        self.play_button.clicked.connect(player.toggle)
        self.timeline.valueChanged.connect(self._on_timeline_moved)
        self.speed_box.currentIndexChanged.connect(self._on_speed_chosen)
        self.loop_box.toggled.connect(player.set_loop)
        player.frame_changed.connect(self._on_frame_changed)
        player.timeline_grew.connect(self._on_timeline_grew)
        player.playback_toggled.connect(self._on_playback_toggled)

    def icon_color(self) -> QColor:
        """The colour the icons are drawn in (the palette's button text)."""
        return self.palette().color(QPalette.ColorRole.ButtonText)

    def _apply_icons(self) -> None:
        color = self.icon_color()
        dpr = max(2.0, QApplication.instance().devicePixelRatio())  # type: ignore[union-attr]
        self.reset_button.setIcon(player_icon("reset", color, dpr=dpr))
        self.back_button.setIcon(player_icon("back", color, dpr=dpr))
        self.forward_button.setIcon(player_icon("forward", color, dpr=dpr))
        self.play_button.setIcon(player_icon("pause" if self._playing else "play", color, dpr=dpr))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_icons()
        super().changeEvent(event)

    def _on_speed_chosen(self, row: int) -> None:
        self.player.set_speed(float(self.speed_box.itemData(row)))

    def _on_timeline_moved(self, value: int) -> None:
        if value != self.player.index:
            self.player.seek(value)

    def _on_timeline_grew(self, count: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setMaximum(max(0, count - 1))
        self.timeline.blockSignals(False)
        self._update_label()

    def _on_frame_changed(self, index: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setValue(index)
        self.timeline.blockSignals(False)
        self._update_label()

    def _on_playback_toggled(self, playing: bool) -> None:
        self._playing = playing
        self.play_button.setIcon(
            player_icon("pause" if playing else "play", self.icon_color(), dpr=2.0)
        )
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    def _update_label(self) -> None:
        history = self.player.history
        total = 0 if history is None else len(history) - 1
        more = "" if history is None or history.complete else "+"
        text = f"step {self.player.index} / {total}{more}"
        self.step_label.setText(text)


class PlayerKeyRouter(QObject):
    """Decides who gets Space, Home and the arrows when a control inside a visualizer has focus.

    The player's shortcuts are scoped to the view, but a focused widget can claim a key
    first (Qt's ShortcutOverride). A spin box claims Space and Home, though it has no use
    for them (a space is never a valid number), so they never reached the player: here
    they are refused to it. A focused button or check box, on the other hand, keeps Space
    (pressing it is what Space means there), and a focused slider keeps the arrows and
    Home/End, so that a parameter can be moved from the keyboard.
    """

    _PLAYER_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Home)
    _SLIDER_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if isinstance(watched, (QAbstractSpinBox, QLineEdit)) and key in self._PLAYER_KEYS:
            if isinstance(watched, QLineEdit) and not isinstance(
                watched.parentWidget(), QAbstractSpinBox
            ):
                return False  # a real text field keeps its keys
            event.ignore()
            return True  # the spin box never sees it: the player's shortcut fires
        if isinstance(watched, QAbstractButton) and key == Qt.Key.Key_Space:
            event.accept()
            return True
        if isinstance(watched, QAbstractSlider) and key in self._SLIDER_KEYS:
            event.accept()
            return True
        return False


def route_player_keys(view: QWidget) -> PlayerKeyRouter:
    """Install a `PlayerKeyRouter` on every spin box, button and slider inside `view`."""
    router = PlayerKeyRouter(view)
    for widget in view.findChildren(QWidget):
        inside_spin = isinstance(widget.parentWidget(), QAbstractSpinBox)
        if isinstance(widget, (QAbstractSpinBox, QAbstractButton, QAbstractSlider)) or (
            isinstance(widget, QLineEdit) and inside_spin
        ):
            widget.installEventFilter(router)
    return router
