"""Print what a screen reader is given for animation steps of a visualizer (issue 21).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/announce_step.py [VISUALIZER] [STEPS]

Opens the main window with VISUALIZER (default `pr_threshold`) as the menu does, so the
tab has the keyboard focus, presses → (the player's step key) STEPS times (default 1) with
key events only, and prints, read back through Qt's accessibility interface (the objects
the AT-SPI bridge hands to Orca): the focused object's role, name and description (Orca
speaks a change of the focused object's description), the timeline's value, and the
explanation panel's text. `tools/orca_step.sh` runs the same step under Orca itself.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def describe(widget: object) -> dict[str, str]:
    """Role, name, description and value of `widget` as its accessible interface gives them."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return {"role": "?", "name": "", "description": "", "value": ""}
    value = interface.valueInterface()
    return {
        "role": interface.role().name,
        "name": interface.text(QAccessible.Text.Name),
        "description": interface.text(QAccessible.Text.Description),
        "value": "" if value is None else str(value.currentValue()),
    }


def announce(visualizer: str = "pr_threshold", steps: int = 1) -> list[dict[str, str]]:
    """Open `visualizer`, step `steps` times from the keyboard; one record per step."""
    os.environ.setdefault("ML_STUDIO_DATA_DIR", tempfile.mkdtemp(prefix="announce-"))
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QSlider

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from app.content import load_library
    from app.main_window import MainWindow
    from app.store import Store

    data = Path(os.environ["ML_STUDIO_DATA_DIR"])
    store = Store(data / "progress.sqlite3")
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_library(), store, settings)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    view: Any = window.open_visualizer(visualizer)
    assert view is not None, f"no visualizer {visualizer!r}"
    for _ in range(10):
        app.processEvents()
    timeline = view.findChild(QSlider, "timeline") or next(
        s for s in view.findChildren(QSlider) if s.accessibleName() == "Timeline"
    )
    records = []
    for _ in range(steps):
        target = QApplication.focusWidget() or view
        QTest.keyClick(target, Qt.Key.Key_Right)
        for _ in range(5):
            app.processEvents()
        focus = QApplication.focusWidget() or view
        records.append(
            {
                "step": str(view.player.index),
                **{f"focus {k}": v for k, v in describe(focus).items()},
                "timeline": describe(timeline)["value"],
                "explanation": view.explanation.text.accessibleDescription(),
            }
        )
    window.close()
    store.close()
    return records


def main() -> int:
    visualizer = sys.argv[1] if len(sys.argv) > 1 else "pr_threshold"
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for record in announce(visualizer, steps):
        for key, value in record.items():
            print(f"{key}: {value}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
