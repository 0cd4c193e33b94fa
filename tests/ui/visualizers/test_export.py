"""Exports worth sharing (issue 15): 2× PNGs with a caption, GIFs encoded off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from visualizers.core import export, registry
from visualizers.core.base import VisualizerView


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[Any]:
    spec = registry.get("gradient_descent")
    assert spec is not None
    widget = spec.load_view_class()(spec)
    assert isinstance(widget, VisualizerView)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    widget.shutdown()


def test_png_is_twice_the_logical_size_plus_a_caption(view: Any, tmp_path: Path) -> None:
    plots = view.export_widget()
    bare = view.export_png(tmp_path / "bare.png", caption=False)
    with Image.open(bare) as image:
        assert image.size == (2 * plots.width(), 2 * plots.height())
        dpi = image.info.get("dpi")
        assert dpi is not None and round(dpi[0]) == 192
    captioned = view.export_png(tmp_path / "captioned.png", caption=True)
    with Image.open(captioned) as image:
        assert image.width == 2 * plots.width()
        assert image.height > 2 * plots.height() + 20  # the caption band


def test_caption_names_the_step_and_every_parameter(view: Any) -> None:
    view.player.step_forward()
    view.player.step_forward()
    text = export.caption_for(view)
    assert text.startswith("Gradient descent · step 2 / ")
    for parameter in view.spec.parameters:
        assert f"{parameter.label} = " in text
    assert "Learning rate η = 0.1" in text


def test_gif_is_encoded_in_a_worker_thread(
    view: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    original = Image.Image.quantize

    def spy(self: Image.Image, *args: Any, **kwargs: Any) -> Image.Image:
        threads.append(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "quantize", spy)
    gif = view.export_gif(tmp_path / "run", max_frames=6, parent_for_progress=view)
    assert gif is not None
    with Image.open(gif) as image:
        assert getattr(image, "n_frames", 1) == 6
        # The caption band makes each frame taller than the plots' aspect would give.
        plots = view.export_widget()
        assert image.height > round(image.width * plots.height() / plots.width()) + 10
    assert threads and threading.main_thread().name not in threads


def test_cancel_stops_a_gif_export(view: Any, tmp_path: Path) -> None:
    def cancel_when_shown() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                widget.cancel()
                return
        QTimer.singleShot(10, cancel_when_shown)

    QTimer.singleShot(10, cancel_when_shown)
    result = view.export_gif(tmp_path / "cancelled", max_frames=400, parent_for_progress=view)
    assert result is None
    assert not (tmp_path / "cancelled.gif").exists()
