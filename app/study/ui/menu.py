"""The Study menu: review queue, browser, dashboard, mock interview, export/import, preferences.

Installed into the main window by `install_study_menu(window)` through the window's public
`add_action` and `show_tab`; the study screens open as tabs like visualizers (one of each
kind; asking again switches to it). Every screen refreshes on `studio.progress_changed`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMenu

from app.study.core.scheduler import MAX_RETENTION, MIN_RETENTION, clamp_retention
from app.study.core.service import StudyService

if TYPE_CHECKING:
    from app.main_window import MainWindow
    from app.study.core import export_import as ei
    from app.study.ui.browser import QuestionBrowser
    from app.study.ui.dashboard import Dashboard
    from app.study.ui.mock_interview_view import MockInterviewView
    from app.study.ui.review_view import ReviewView

RETENTION_KEY = "study/desired_retention"
NEW_PER_DAY_KEY = "study/new_per_day"


def study_service(window: MainWindow) -> StudyService:
    """The one service shared by every study screen (owned by the composition root)."""
    return window.studio.study


def apply_preferences(window: MainWindow) -> None:
    service = study_service(window)
    service.desired_retention = clamp_retention(window.settings.value(RETENTION_KEY, 0.9))
    try:
        service.new_per_day = max(0, min(100, int(str(window.settings.value(NEW_PER_DAY_KEY, 10)))))
    except ValueError:
        service.new_per_day = 10


def open_review(window: MainWindow) -> ReviewView:
    from app.study.ui.review_view import ReviewView  # a question view: not on the first paint

    view = window.find_tab(ReviewView)
    if view is None:
        view = ReviewView(window.studio)
        view.visualizer_requested.connect(window.open_visualizer)
        view.prediction_requested.connect(window.open_prediction)
        view.related_requested.connect(window.show_question)
    window.show_tab(view, "Review", "Today's spaced-repetition queue (keys 1–4 grade)")
    view.refresh()
    return view


def open_browser(window: MainWindow) -> QuestionBrowser:
    from app.study.ui.browser import QuestionBrowser

    view = window.find_tab(QuestionBrowser)
    if view is None:
        view = QuestionBrowser(window.studio)
        view.question_requested.connect(window.show_question)
    window.show_tab(view, "Browse", "Every question with its schedule (click a header to sort)")
    return view


def open_dashboard(window: MainWindow) -> Dashboard:
    from app.study.ui.dashboard import Dashboard  # pyqtgraph: kept off the start-up path

    view = window.find_tab(Dashboard)
    if view is None:
        view = Dashboard(window.studio)
        view.question_requested.connect(window.show_question)
    window.show_tab(view, "Dashboard", "Your progress")
    return view


def open_mock_interview(window: MainWindow) -> MockInterviewView:
    from app.study.ui.mock_interview_view import MockInterviewView

    view = window.find_tab(MockInterviewView)
    if view is None:
        view = MockInterviewView(window.studio)
        view.running_changed.connect(window.set_interview_running)
    window.show_tab(view, "Mock interview", "A timed interview loop with a rubric")
    return view


def open_coding_round(window: MainWindow) -> MockInterviewView:
    """The mock interview with its coding mode picked (the practice pane's "Coding round…")."""
    view = open_mock_interview(window)
    if not view.busy:
        view.set_mode("coding")
        view.stack.setCurrentWidget(view.setup_page)
    return view


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def export_data(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox  # dialogs: not at start-up

    filters = {
        "Progress and notes (*.json)": ("json", "ml-interview-progress.json"),
        "Deck as Markdown (*.md)": ("md", "ml-interview-deck.md"),
        "Deck as an Anki package (*.apkg)": ("apkg", "ml-interview-deck.apkg"),
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
    from app.study.core import export_import as ei  # only when exporting: keeps start-up lean

    service = study_service(window)
    if kind == "md":
        ei.write_text_atomically(path, ei.deck_markdown(window.library))
        return f"The deck ({len(window.library.questions)} questions) was written to {path}."
    if kind == "apkg":
        from app.study.core.anki_package import write_apkg

        notes = write_apkg(window.library, path)
        return (
            f"{notes} notes were written to {path}.\n"
            "In Anki: File → Import, pick the file (or double-click it). Exporting again "
            "updates the same notes."
        )
    counts = ei.write_progress(service, path)
    return (
        f"Exported {counts['reviews']} reviews, {counts['questions']} question states (marks "
        f"and notes), {counts['mock_sessions']} mock interviews, {counts['predictions']} "
        f"predictions, {counts['activity']} stretches of study time, "
        f"{counts['practice_attempts']} practice runs, {counts['practice_drafts']} code drafts "
        f"and {counts['reference_reveals']} reference reveals to {path}."
    )


def import_data(window: MainWindow) -> None:
    from PySide6.QtWidgets import QFileDialog  # dialogs: not at start-up

    path_text, _ = QFileDialog.getOpenFileName(
        window, "Import progress", _documents(), "Progress export (*.json)"
    )
    if path_text:
        import_from(window, Path(path_text))


def import_from(window: MainWindow, path: Path) -> ei.ImportReport | None:
    from PySide6.QtWidgets import QMessageBox  # dialogs: not at start-up

    from app.study.core import export_import as ei  # only when importing: keeps start-up lean

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
    window.studio.notify()
    if window.question_view.question is not None:
        window.show_question(window.question_view.question.number)
    QMessageBox.information(window, "Import", report.describe())
    return report


def set_retention(window: MainWindow) -> None:
    from PySide6.QtWidgets import QInputDialog  # dialogs: not at start-up

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
    from PySide6.QtWidgets import QInputDialog  # dialogs: not at start-up

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
    review = window.add_action("review", lambda: open_review(window))
    browser = window.add_action("browser", lambda: open_browser(window))
    dashboard = window.add_action("dashboard", lambda: open_dashboard(window))
    mock = window.add_action("mock", lambda: open_mock_interview(window))
    window.coding_round_requested.connect(lambda: open_coding_round(window))
    export = window.add_action("export", lambda: export_data(window))
    imp = window.add_action("import", lambda: import_data(window))
    retention = window.add_action("retention", lambda: set_retention(window))
    per_day = window.add_action("new_per_day", lambda: set_new_per_day(window))
    for action in (review, browser, dashboard, mock):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(export)
    menu.addAction(imp)
    menu.addSeparator()
    menu.addAction(retention)
    menu.addAction(per_day)
    return menu
