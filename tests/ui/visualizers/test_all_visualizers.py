"""Every registered visualizer opens, plays, steps back, scrubs and exports (the registry is the manifest).

Parametrized over `all_specs()`, so a visualizer is covered the moment it is registered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from visualizers.core.base import VisualizerView
from visualizers.core.registry import VisualizerSpec, all_specs

SPECS = all_specs()


def test_registry_points_at_real_questions_and_presets_need_no_clamping() -> None:
    from app.content import load_library

    numbers = {q.number for q in load_library().questions}
    assert SPECS, "no visualizers registered"
    for spec in SPECS:
        assert set(spec.questions) <= numbers, spec.id
        for prompt in spec.predictions:
            assert set(prompt.questions) <= set(spec.questions), prompt.id
        for preset in spec.presets:
            # A preset value outside its parameter's range would be silently clamped.
            resolved = spec.preset_values(preset.id)
            assert {k: resolved[k] for k in preset.values} == dict(preset.values), preset.id


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_visualizer_plays_steps_back_scrubs_and_exports(
    qtbot: QtBot, tmp_path: Path, spec: VisualizerSpec
) -> None:
    view = spec.load_view_class()(spec)
    assert isinstance(view, VisualizerView)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    player = view.player
    history = player.history
    assert history is not None, view.explanation.warning_text()
    assert view.current_frame is not None and view.current_frame.step == 0

    player.set_speed(4)
    player.play()
    for _ in range(6):
        player.tick()
    player.pause()
    reached = player.index
    if not history.complete or len(history) > 1:
        assert reached > 0, "playing did not advance"
    if reached > 0:
        before = history[reached - 1]
        assert player.step_back()
        assert player.index == reached - 1 and view.current_frame is before

    view.controls.timeline.setValue(0)
    assert player.index == 0
    player.seek(len(history) - 1)
    view.controls.timeline.setValue(1 if len(history) > 1 else 0)
    assert player.index == min(1, len(history) - 1)

    png = view.export_png(tmp_path / f"{spec.id}.png")
    with Image.open(png) as image:
        assert image.width > 50 and image.height > 50
    assert view.run_self_test() == []
    view.shutdown()
    assert not player.playing


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_no_plot_opens_pyqtgraphs_own_context_menu(qtbot: QtBot, spec: VisualizerSpec) -> None:
    """A right-click on a plot must not pop up pyqtgraph's view menu (axes, mouse mode, export).

    That menu is pyqtgraph's own tooling, not part of the lesson, and its export dialog
    bypasses the app's themed export. The monkey test found one (the network's neuron maps).
    """
    import pyqtgraph as pg

    view = spec.load_view_class()(spec)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    boxes = [
        item
        for graphics in view.findChildren(pg.GraphicsView)
        for item in graphics.scene().items()
        if isinstance(item, pg.ViewBox)
    ]
    assert boxes, "no plots found"
    with_menu = [box for box in boxes if box.menuEnabled()]
    assert not with_menu, f"{len(with_menu)} of {len(boxes)} plots offer pyqtgraph's menu"
    # Not even built: pyqtgraph's context menu is ~2.7 ms of each plot's construction.
    built = [box for box in boxes if box.menu is not None]
    assert not built, f"{len(built)} of {len(boxes)} plots built a context menu they never show"
