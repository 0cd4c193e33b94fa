"""Parameters that stay, presets and Reset to defaults, in the base view (any visualizer)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from visualizers.core import memory
from visualizers.core.base import VisualizerView
from visualizers.core.frames import Frame
from visualizers.core.registry import get

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def settings_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "settings.ini"
    memory.use_settings_file(path)
    yield path
    memory.use_settings_file(None)


def _open(qtbot: QtBot, visualizer_id: str) -> VisualizerView[object, Frame]:
    spec = get(visualizer_id)
    assert spec is not None
    view = spec.load_view_class()(spec)
    qtbot.addWidget(view)
    return view


def test_parameters_are_remembered_per_visualizer(qtbot: QtBot, settings_file: Path) -> None:
    first = _open(qtbot, "gradient_descent")
    assert first.set_params(learning_rate=0.02, optimizer="adam", compare="off")
    first.shutdown()
    again = _open(qtbot, "gradient_descent")
    assert again.params["learning_rate"] == pytest.approx(0.02)
    assert again.params["optimizer"] == "adam"
    assert again.parameter_panel.values()["optimizer"] == "adam"
    other = _open(qtbot, "similarity")  # another visualizer keeps its own defaults
    assert other.params == other.spec.defaults()
    for view in (again, other):
        view.shutdown()


def test_hostile_remembered_values_are_clamped_or_ignored(
    qtbot: QtBot, settings_file: Path
) -> None:
    raw = QSettings(str(settings_file), QSettings.Format.IniFormat)
    raw.setValue("visualizers/kmeans/k", "9999")
    raw.setValue("visualizers/kmeans/dataset", "<script>")
    raw.setValue("visualizers/kmeans/spread", "nan")
    raw.setValue("visualizers/kmeans/not_a_parameter", "1")
    raw.sync()
    view = _open(qtbot, "kmeans")
    assert view.params["k"] == 12  # clamped to the declared maximum
    assert view.params["dataset"] == view.spec.parameter("dataset").default
    assert view.params["spread"] == view.spec.parameter("spread").default
    assert "not_a_parameter" not in view.params
    view.shutdown()


def test_remembered_values_that_no_longer_run_fall_back_to_defaults(
    qtbot: QtBot, settings_file: Path
) -> None:
    raw = QSettings(str(settings_file), QSettings.Format.IniFormat)
    raw.setValue("visualizers/gradient_descent/problem", "CSV file")  # no CSV this launch
    raw.sync()
    view = _open(qtbot, "gradient_descent")
    assert view.params == view.spec.defaults() and view.current_frame is not None
    view.shutdown()


def test_reset_to_defaults_forgets(qtbot: QtBot, settings_file: Path) -> None:
    view = _open(qtbot, "similarity")
    view.set_params(a_length=3.5, metric="euclidean")
    view.reset_defaults_button.click()
    assert view.params == view.spec.defaults()
    assert view.parameter_panel.values()["metric"] == "cosine"
    view.shutdown()
    assert _open(qtbot, "similarity").params == view.spec.defaults()


@pytest.mark.parametrize("visualizer_id", ["kmeans", "gradient_descent", "similarity"])
def test_the_preset_menu_applies_every_preset(qtbot: QtBot, visualizer_id: str) -> None:
    view = _open(qtbot, visualizer_id)
    combo = view.preset_combo
    assert combo.count() == len(view.spec.presets) + 1
    for preset in view.spec.presets:
        combo.activated.emit(combo.findData(preset.id))
        assert view.params == view.spec.preset_values(preset.id), preset.id
        assert combo.currentData() == preset.id
        assert view.explanation.warning_text() == "", preset.id
    view.shutdown()


@pytest.mark.parametrize("module", ["visualizers.kmeans", "visualizers.similarity"])
def test_a_visualizer_runs_alone(module: str, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ML_STUDIO_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", module, "--quit-after-shown", "--size", "900x600"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "settings.ini").exists()  # it remembers into the app's settings file


@pytest.mark.parametrize("visualizer_id", ["kmeans", "gradient_descent", "similarity"])
def test_base_controls_have_accessible_names(qtbot: QtBot, visualizer_id: str) -> None:
    view = _open(qtbot, visualizer_id)
    for widget in (
        view.preset_combo,
        view.reset_defaults_button,
        view.export_png_button,
        view.export_gif_button,
    ):
        assert widget.accessibleName(), widget.objectName()
    view.shutdown()
