"""Print how many plots are clipped or smaller than 240×160 in the main window (issue 15).

`QT_QPA_PLATFORM=offscreen .venv/bin/python tests/realwindow/count_clipped.py` opens every
visualizer of the registry in a main window at 1280×720 and 1400×900 (navigation pane
shown), selects the inner tab page holding each plot, and counts plots whose PlotItem
(title, axes, view box) runs past the widget's view, plus those smaller than 240×160. It
reads only pyqtgraph and Qt geometry, so it measures any checkout the same way.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import pyqtgraph as pg

    from app.content import load_library
    from app.main_window import MainWindow
    from app.store import Store
    from visualizers.core import registry

    for size in ((1280, 720), (1400, 900)):
        folder = Path(tempfile.mkdtemp(prefix="count-clipped-"))
        store = Store(folder / "progress.sqlite3")
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(load_library(), store, settings)
        window.resize(*size)
        window.show()
        clipped = small = total = 0
        for spec in registry.all_specs():
            view = window.open_visualizer(spec.id)
            if view is None:
                continue
            for _ in range(5):
                app.processEvents()
            for plot in view.findChildren(pg.PlotWidget):
                for tabs in view.findChildren(QTabWidget):
                    for i in range(tabs.count()):
                        page = tabs.widget(i)
                        if page is not None and page.isAncestorOf(plot):
                            tabs.setCurrentIndex(i)
                for _ in range(3):
                    app.processEvents()
                total += 1
                content = plot.mapFromScene(plot.getPlotItem().sceneBoundingRect()).boundingRect()
                if not plot.viewport().rect().adjusted(-2, -2, 2, 2).contains(content):
                    clipped += 1
                if plot.width() < 240 or plot.height() < 160:
                    small += 1
        print(
            f"{size[0]}x{size[1]} with navigation: {clipped} of {total} plots clipped, "
            f"{small} smaller than 240x160; window minimum width {window.minimumSizeHint().width()}"
        )
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
