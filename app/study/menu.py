"""The Study menu: review queue, dashboard, mock interview, export/import, preferences.

Installed into the main window by `install_study_menu(window)`; the study screens open as
tabs like visualizers (one of each kind; asking again switches to it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from app.study import export_import as ei
from app.study.review_view import ReviewView
from app.study.scheduler import MAX_RETENTION, MIN_RETENTION, clamp_retention
from app.study.service import StudyService

if TYPE_CHECKING:
    from app.main_window import MainWindow
    from app.study.dashboard import Dashboard
    from app.study.mock_interview_view import MockInterviewView

RETENTION_KEY = "study/desired_retention"
NEW_PER_DAY_KEY = "study/new_per_day"
BACKUP_KEEP_KEY = "study/backups_kept"


def study_service(window: MainWindow) -> StudyService:
    """The one service shared by every study screen (it lives on the question pane)."""
    return window.question_view.study


def apply_preferences(window: MainWindow) -> None:
    service = study_service(window)
    service.desired_retention = clamp_retention(window.settings.value(RETENTION_KEY, 0.9))
    try:
        service.new_per_day = max(0, min(100, int(str(window.settings.value(NEW_PER_DAY_KEY, 10)))))
    except ValueError:
        service.new_per_day = 10


def _existing[W: QWidget](window: MainWindow, kind: type[W]) -> W | None:
    for i in range(window.tabs.count()):
        widget = window.tabs.widget(i)
        if isinstance(widget, kind):
            return widget
    return None


def _show_tab(window: MainWindow, widget: QWidget, title: str, tip: str) -> None:
    index = window.tabs.indexOf(widget)
    if index < 0:
        index = window.tabs.addTab(widget, title)
        window.tabs.setTabToolTip(index, tip)
    window.tabs.setCurrentIndex(index)
    widget.setFocus()


def open_review(window: MainWindow) -> ReviewView:
    view = _existing(window, ReviewView)
    if view is None:
        view = ReviewView(window.library, window.store, study_service(window))
        view.visualizer_requested.connect(window.open_visualizer)
        view.related_requested.connect(window.show_question)
        view.reviewed.connect(window._on_state_changed)
    _show_tab(window, view, "Review", "Today's spaced-repetition queue (keys 1–4 grade)")
    view.refresh()
    return view


def open_dashboard(window: MainWindow) -> Dashboard:
    from app.study.dashboard import Dashboard  # pyqtgraph: kept off the start-up path

    view = _existing(window, Dashboard)
    if view is None:
        view = Dashboard(study_service(window))
        view.question_requested.connect(window.show_question)
    _show_tab(window, view, "Dashboard", "Your progress")
    return view


def open_mock_interview(window: MainWindow) -> MockInterviewView:
    from app.study.mock_interview_view import MockInterviewView

    view = _existing(window, MockInterviewView)
    if view is None:
        view = MockInterviewView(study_service(window))
        view.session_saved.connect(lambda _uid: window._on_state_changed(""))
    _show_tab(window, view, "Mock interview", "A timed interview loop with a rubric")
    return view


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def export_data(window: MainWindow) -> None:
    filters = {
        "Progress and notes (*.json)": ("json", "ml-interview-progress.json"),
        "Deck as Markdown (*.md)": ("md", "ml-interview-deck.md"),
        "Deck for Anki, tab-separated (*.txt)": ("txt", "ml-interview-deck-anki.txt"),
    }
    path_text, chosen = QFileDialog.getSaveFileName(
        window,
        "Export",
        str(Path(_documents()) / "ml-interview-progress.json"),
        ";;".join(filters),
    )
    if not path_text:
        return
    path = Path(path_text)
    kind = filters.get(chosen, ("json", ""))[0]
    try:
        message = export_to(window, path, kind)
    except OSError as exc:
        window.show_banner(f"Could not export to {path}: {exc}")
        return
    QMessageBox.information(window, "Export", message)


def export_to(window: MainWindow, path: Path, kind: str) -> str:
    """Write one export; returns what was written (for the confirmation)."""
    service = study_service(window)
    if kind == "md":
        ei.write_text_atomically(path, ei.deck_markdown(window.library))
        return f"The deck ({len(window.library.questions)} questions) was written to {path}."
    if kind == "txt":
        ei.write_text_atomically(path, ei.deck_anki(window.library))
        return (
            f"{len(window.library.questions)} notes were written to {path}.\n"
            "In Anki: File → Import, pick the file; fields are Front, Back, Tags."
        )
    counts = ei.write_progress(service, path)
    return (
        f"Exported {counts['reviews']} reviews, {counts['questions']} question states (marks "
        f"and notes) and {counts['mock_sessions']} mock interviews to {path}."
    )


def import_data(window: MainWindow) -> None:
    path_text, _ = QFileDialog.getOpenFileName(
        window, "Import progress", _documents(), "Progress export (*.json)"
    )
    if path_text:
        import_from(window, Path(path_text))


def import_from(window: MainWindow, path: Path) -> ei.ImportReport | None:
    service = study_service(window)
    window.question_view.save_note()
    try:
        report = ei.import_progress(service, path, window.store.path.parent / "backups")
    except ei.ImportValidationError as exc:
        QMessageBox.warning(
            window,
            "Import refused",
            f"{path.name} was not imported; nothing was changed.\n\n"
            + "\n".join(exc.problems[:12]),
        )
        return None
    except OSError as exc:
        window.show_banner(f"Could not import {path}: {exc}")
        return None
    window._on_state_changed("")
    if window.question_view.question is not None:
        window.show_question(window.question_view.question.number)
    QMessageBox.information(window, "Import", report.describe())
    return report


def set_retention(window: MainWindow) -> None:
    service = study_service(window)
    value, ok = QInputDialog.getDouble(
        window,
        "Desired retention",
        "Probability of recalling a question when it comes due.\n"
        "Higher means more frequent reviews (0.90 is a good default).",
        service.desired_retention,
        MIN_RETENTION,
        MAX_RETENTION,
        2,
    )
    if ok:
        window.settings.setValue(RETENTION_KEY, clamp_retention(value))
        apply_preferences(window)


def set_new_per_day(window: MainWindow) -> None:
    service = study_service(window)
    value, ok = QInputDialog.getInt(
        window,
        "New questions per day",
        "New questions added to the daily queue:",
        service.new_per_day,
        0,
        100,
    )
    if ok:
        window.settings.setValue(NEW_PER_DAY_KEY, value)
        apply_preferences(window)


def install_study_menu(window: MainWindow) -> QMenu:
    """Add the Study menu (before Help) with its shortcuts; read the study preferences."""
    apply_preferences(window)
    bar = window.menuBar()
    menu = QMenu("S&tudy", window)
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    review = window._action(
        "&Review queue",
        "Ctrl+Shift+Q",
        lambda: open_review(window),
        "Today's spaced-repetition queue: reveal, then grade 1–4",
    )
    dashboard = window._action(
        "&Dashboard",
        "Ctrl+Shift+P",
        lambda: open_dashboard(window),
        "Progress per category, review calendar, weakest questions",
    )
    mock = window._action(
        "&Mock interview",
        "Ctrl+Shift+I",
        lambda: open_mock_interview(window),
        "A timed interview loop with a self-assessment rubric",
    )
    export = window._action(
        "&Export…",
        "Ctrl+Shift+E",
        lambda: export_data(window),
        "Export progress and notes (JSON), or the deck as Markdown or for Anki",
    )
    imp = window._action(
        "&Import…",
        "Ctrl+Shift+O",
        lambda: import_data(window),
        "Import progress from another machine (merged; newer data is never overwritten)",
    )
    retention = window._action(
        "Desired &retention…",
        None,
        lambda: set_retention(window),
        "How likely you want to be to recall a question when it comes due",
    )
    per_day = window._action(
        "&New questions per day…",
        None,
        lambda: set_new_per_day(window),
        "How many never-reviewed questions join the daily queue",
    )
    for action in (review, dashboard, mock):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(export)
    menu.addAction(imp)
    menu.addSeparator()
    menu.addAction(retention)
    menu.addAction(per_day)
    return menu
