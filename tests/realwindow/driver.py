"""Drive the app in a real window (X server + window manager) and report what it saw.

Run by `tests/realwindow/test_real_window.py` in a child process (the test session's
own QApplication is offscreen): `python tests/realwindow/driver.py --size 1280x720
--theme dark --out DIR`. It opens every screen — the question (answer revealed), every
visualizer in the registry, the review, dashboard and mock-interview tabs — checks every
plot (`visualizers.core.layout.plot_problems`: content inside its view, ≥ 240 × 160, the
whole widget visible in the window once its tab and scroll position are selected), saves
a screenshot of each screen from the X server into DIR, drags the precision/recall
threshold with a real press-move-release, asks for a 1024 × 700 window, and prints one
JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _settle(app: Any, rounds: int = 6) -> None:
    from PySide6.QtTest import QTest

    for _ in range(rounds):
        app.processEvents()
        QTest.qWait(30)


def _screenshot(window: Any, path: Path) -> str:
    screen = window.screen()
    pixmap = screen.grabWindow(window.winId())
    pixmap.save(str(path))
    return str(path)


def _drag_threshold(app: Any, view: Any) -> dict[str, Any]:
    """Press on the threshold line, move in steps, release: the threshold must follow."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    from visualizers.core.layout import _reveal

    plot = view.threshold_plots.histogram_plot
    _reveal(plot)
    _settle(app)
    line = view.threshold_lines[0]
    box = plot.getPlotItem().getViewBox()
    (x0, x1), (y0, y1) = box.viewRange()
    before = float(line.value())
    start = plot.mapFromScene(box.mapViewToScene(QPointF(before, (y0 + y1) / 2)))
    target_value = x0 + 0.25 * (x1 - x0) if before > (x0 + x1) / 2 else x0 + 0.75 * (x1 - x0)
    end = plot.mapFromScene(box.mapViewToScene(QPointF(target_value, (y0 + y1) / 2)))
    viewport = plot.viewport()
    moved: list[float] = []
    view.threshold_moved.connect(moved.append)
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = 12
    for i in range(1, steps + 1):
        point = QPoint(
            round(start.x() + (end.x() - start.x()) * i / steps),
            round(start.y() + (end.y() - start.y()) * i / steps),
        )
        QTest.mouseMove(viewport, point)
        QTest.qWait(15)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    _settle(app)
    return {
        "before": before,
        "after": float(line.value()),
        "target": target_value,
        "signals": len(moved),
    }


def _export_png(view: Any, path: Path) -> dict[str, Any]:
    """Export the plots as the Export PNG button does; the PNG's pixels against the widget's."""
    from PySide6.QtGui import QImage

    from visualizers.core.export import save_png

    widget = view.export_widget()
    saved = QImage(str(save_png(widget, path)))
    return {
        "png": [saved.width(), saved.height()],
        "widget": [widget.width(), widget.height()],
        "device_pixel_ratio": widget.devicePixelRatioF(),
    }


def run(size: tuple[int, int], theme: str, out: Path, font_scale: float = 1.0) -> dict[str, Any]:
    os.environ.setdefault("ML_STUDIO_DATA_DIR", tempfile.mkdtemp(prefix="realwindow-"))
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if font_scale != 1.0:
        # What a larger system text size does: the application font grows.
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * font_scale)
        app.setFont(font)
    from app.content import load_library
    from app.main_window import MainWindow
    from app.store import Store
    from app.study.ui import menu as study_menu
    from app.theme import ThemeChoice, apply_theme
    from visualizers.core import registry
    from visualizers.core.layout import plot_problems

    apply_theme(ThemeChoice(theme))
    data = Path(os.environ["ML_STUDIO_DATA_DIR"])
    store = Store(data / "progress.sqlite3")
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_library(), store, settings)
    window.set_theme(ThemeChoice(theme))
    window.resize(*size)
    window.move(0, 0)
    window.show()
    _settle(app, 10)
    result: dict[str, Any] = {
        "platform": QGuiApplication.platformName(),
        "size": list(size),
        "theme": theme,
        "window": [window.width(), window.height()],
        "device_pixel_ratio": window.devicePixelRatioF(),
        "font_points": app.font().pointSizeF(),
        "screens": {},
    }
    out.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    stem = f"{size[0]}x{size[1]}-{theme}"
    if font_scale != 1.0:
        stem += f"-text{round(font_scale * 100)}"
    if scale not in ("", "1"):
        stem += f"-dpr{scale}"

    def record(name: str, root: Any) -> None:
        _settle(app)
        problems = plot_problems(root, window) if root is not None else []
        _settle(app, 2)
        # Screenshot after the checks, scrolled back to the top of each scroll area.
        for scroll in (root or window).findChildren(QScrollArea):
            scroll.verticalScrollBar().setValue(0)
            scroll.horizontalScrollBar().setValue(0)
        _settle(app, 2)
        shot = _screenshot(window, out / f"{stem}-{name.replace(' ', '_')}.png")
        result["screens"][name] = {"problems": problems, "screenshot": shot}

    from PySide6.QtWidgets import QScrollArea

    window.show_question(window.library.questions[0].number)
    window.question_view.reveal()
    record("question", window.question_view)
    for spec in registry.all_specs():
        view = window.open_visualizer(spec.id)
        record(f"visualizer {spec.id}", view)
        if spec.id == "pr_threshold" and view is not None:
            result["drag"] = _drag_threshold(app, view)
            result["export"] = _export_png(view, out / f"{stem}-export.png")
    record("review", study_menu.open_review(window))
    record("dashboard", study_menu.open_dashboard(window))
    record("mock interview", study_menu.open_mock_interview(window))

    # With every screen open: the narrowest the window can be (the screen must hold it).
    result["minimum_width"] = window.minimumSizeHint().width()
    window.resize(1024, 700)
    _settle(app, 10)
    result["small_request"] = [window.width(), window.height()]
    window.close()
    store.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "realwindow")
    parser.add_argument("--font-scale", type=float, default=1.0, help="1.5 = 150%% text")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    result = run((width, height), args.theme, args.out, args.font_scale)
    print("REALWINDOW-RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
