"""What the first paint imports: `fsrs` only when the progress file holds a card.

A fresh interpreter builds and shows the main window the way `app.main` does and reports
which of the modules start-up is meant to leave for later were loaded by then.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import fresh_interpreter_report

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
folder = Path(sys.argv[1])
store = Store(folder / "progress.sqlite3")
window = MainWindow(load_library(), store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
window.show()
app.processEvents()
assert window.today.summary is not None  # the Today figures were worked out
loaded = [m for m in sys.modules if m == "fsrs" or m.endswith(".spec") or m.endswith("registry")]
print(json.dumps(sorted(loaded)))
store.close()
"""


def _modules_at_first_paint(folder: Path) -> list[str]:
    return list(fresh_interpreter_report(SCRIPT, str(folder), timeout=120))


def test_a_first_launch_paints_without_fsrs_or_any_visualizer_spec(tmp_path: Path) -> None:
    assert _modules_at_first_paint(tmp_path) == []


def test_a_learner_with_history_gets_fsrs_for_the_status_dots(tmp_path: Path) -> None:
    from app.content import load_library
    from app.store import Store
    from app.study.core.service import StudyService

    with Store(tmp_path / "progress.sqlite3") as store:
        StudyService(load_library(), store).record_review(load_library().questions[0].id, 3)
    assert _modules_at_first_paint(tmp_path) == ["fsrs"]
