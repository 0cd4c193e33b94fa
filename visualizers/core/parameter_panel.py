"""The parameter panel: widgets generated from a visualizer's declared `Parameter`s.

Numbers get a slider and a spin box kept in step (log-scaled sliders for log-scale
parameters), choices a combo box, booleans a check box; units become suffixes and the
declared tooltip is shown on every widget of the row. Each row's label is the buddy of
its editor (so assistive technology ties the two together); the slider and the spin box
carry accessible names ("Learning rate", "Learning rate slider") and the tooltip as
their description. Edits are debounced: dragging a slider emits `parameters_changed`
once the hand rests (`DEBOUNCE_MS`), so a restart is not triggered for every pixel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from visualizers.core.registry import Parameter

Value = int | float | str | bool
DEBOUNCE_MS = 180
SLIDER_STEPS = 1000


class _NumberEditor(QWidget):
    """A slider and a spin box showing the same number; the spin box is the source of truth."""

    def __init__(self, parameter: Parameter, on_edit: QTimer, parent: QWidget | None) -> None:
        super().__init__(parent)
        assert parameter.minimum is not None and parameter.maximum is not None
        self.parameter = parameter
        self._lo = float(parameter.minimum)
        self._hi = float(parameter.maximum)
        self.spin: QSpinBox | QDoubleSpinBox
        if parameter.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(int(self._lo), int(self._hi))
            spin.setSingleStep(int(parameter.step or 1))
            self.spin = spin
        else:
            dspin = QDoubleSpinBox(self)
            dspin.setDecimals(parameter.decimals)
            dspin.setRange(self._lo, self._hi)
            dspin.setSingleStep(parameter.step or (self._hi - self._lo) / 100)
            if parameter.log_scale:
                dspin.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            self.spin = dspin
        if parameter.unit:
            self.spin.setSuffix(f" {parameter.unit}")
        self.spin.setKeyboardTracking(False)  # typing "0.05" must not restart at "0", "0.0"…
        self.spin.setMinimumWidth(84)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, SLIDER_STEPS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.set_value(parameter.default)
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.valueChanged.connect(lambda _v: on_edit.start())

    def _to_slider(self, value: float) -> int:
        if self._hi == self._lo:
            return 0
        if self.parameter.log_scale:
            t = math.log(value / self._lo) / math.log(self._hi / self._lo)
        else:
            t = (value - self._lo) / (self._hi - self._lo)
        return round(min(1.0, max(0.0, t)) * SLIDER_STEPS)

    def _from_slider(self, position: int) -> float:
        t = position / SLIDER_STEPS
        if self.parameter.log_scale:
            return self._lo * (self._hi / self._lo) ** t
        return self._lo + t * (self._hi - self._lo)

    def _slider_moved(self, position: int) -> None:
        value = self._from_slider(position)
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(round(value))
        else:
            # Round to a readable number of significant digits so the spin box shows 0.0501,
            # not 0.050118723.
            digits = max(0, 2 - math.floor(math.log10(abs(value)))) if value else 0
            self.spin.setValue(round(value, min(digits, self.parameter.decimals)))

    def value(self) -> Value:
        v = self.spin.value()
        return int(v) if self.parameter.kind == "int" else float(v)

    def set_value(self, value: Value) -> None:
        self.spin.blockSignals(True)
        self.slider.blockSignals(True)
        self.spin.setValue(value)  # type: ignore[arg-type]
        self.slider.setValue(self._to_slider(float(value)))
        self.spin.blockSignals(False)
        self.slider.blockSignals(False)

    def sync_slider(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_slider(float(self.spin.value())))
        self.slider.blockSignals(False)


def _name_row(parameter: Parameter, editor: QWidget, label: QLabel) -> None:
    """Accessible names, descriptions and the label's buddy for one row."""
    description = parameter.tooltip
    if isinstance(editor, _NumberEditor):
        targets: list[tuple[QWidget, str]] = [
            (editor.spin, parameter.label),
            (editor.slider, f"{parameter.label} slider"),
        ]
        label.setBuddy(editor.spin)
        editor.spin.setToolTip(description)
        editor.slider.setToolTip(description)
    else:
        targets = [(editor, parameter.label)]
        label.setBuddy(editor)
    for widget, name in targets:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)


class ParameterPanel(QWidget):
    """Editors for a tuple of Parameters; emits `parameters_changed(values)` after edits settle."""

    parameters_changed = Signal(dict)

    def __init__(self, parameters: tuple[Parameter, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parameters = parameters
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self._numbers: dict[str, _NumberEditor] = {}
        self._choices: dict[str, QComboBox] = {}
        self._flags: dict[str, QCheckBox] = {}
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow side column (or at large text sizes) a label goes above its editor.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for p in parameters:
            editor: QWidget
            if p.kind in ("int", "float"):
                number = _NumberEditor(p, self._debounce, self)
                self._numbers[p.name] = number
                editor = number
            elif p.kind == "choice":
                combo = QComboBox(self)
                combo.addItems(list(p.choices))
                # A long choice (a whole sentence) must not widen the side column: the combo
                # shows what fits and the full text in its popup.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                combo.setMinimumContentsLength(12)
                combo.setCurrentText(str(p.default))
                combo.currentIndexChanged.connect(lambda _i: self._debounce.start())
                self._choices[p.name] = combo
                editor = combo
            else:
                check = QCheckBox(self)
                check.setChecked(bool(p.default))
                check.toggled.connect(lambda _b: self._debounce.start())
                self._flags[p.name] = check
                editor = check
            editor.setObjectName(f"param_{p.name}")
            if p.tooltip:
                editor.setToolTip(p.tooltip)
            self.editors[p.name] = editor
            label = QLabel(p.label, self)
            label.setObjectName(f"label_{p.name}")
            label.setWordWrap(True)
            _name_row(p, editor, label)
            form.addRow(label, editor)

    def values(self) -> dict[str, Value]:
        """What the widgets show now, by parameter name."""
        out: dict[str, Value] = {}
        for name, number in self._numbers.items():
            out[name] = number.value()
        for name, combo in self._choices.items():
            out[name] = combo.currentText()
        for name, check in self._flags.items():
            out[name] = check.isChecked()
        return out

    def set_values(self, values: dict[str, Value]) -> None:
        """Show `values` without emitting (the caller already knows them)."""
        for name, value in values.items():
            if name in self._numbers:
                self._numbers[name].set_value(value)
            elif name in self._choices:
                combo = self._choices[name]
                combo.blockSignals(True)
                combo.setCurrentText(str(value))
                combo.blockSignals(False)
            elif name in self._flags:
                check = self._flags[name]
                check.blockSignals(True)
                check.setChecked(bool(value))
                check.blockSignals(False)

    def flush(self) -> None:
        """Emit a pending change now instead of waiting for the debounce."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    def cancel_pending(self) -> None:
        """Drop an edit that has not been emitted yet (the view is closing)."""
        self._debounce.stop()

    def pending(self) -> bool:
        return self._debounce.isActive()

    def set_inactive(self, reasons: Mapping[str, str]) -> None:
        """Disable the editors of parameters that do nothing now; the reason becomes their tooltip.

        Every other editor is enabled again with its declared tooltip.
        """
        for p in self._parameters:
            editor = self.editors[p.name]
            reason = reasons.get(p.name)
            editor.setEnabled(reason is None)
            tip = p.tooltip if reason is None else f"{reason}. {p.tooltip}".strip()
            editor.setToolTip(tip)

    def _emit(self) -> None:
        for number in self._numbers.values():
            number.sync_slider()
        self.parameters_changed.emit(self.values())
