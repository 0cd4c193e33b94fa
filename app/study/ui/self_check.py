"""The study screens' part of `--self-test`: open each one and drive it a little."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.study.ui import menu

if TYPE_CHECKING:
    from app.main_window import MainWindow


def study_checks(window: MainWindow) -> list[tuple[str, Callable[[], object]]]:
    """(name, action) pairs; an action returns a list of problems (empty when fine)."""

    def review() -> list[str]:
        view = menu.open_review(window)
        view.question_view.reveal()
        if not view.question_view.recall.can_grade:
            return ["review queue: grades not enabled after reveal"]
        view.question_view.recall.grade(3)
        problems = [] if window.store.review_count() else ["review queue: the grade was not saved"]
        window.close_tab(window.tabs.indexOf(view))
        return problems

    def dashboard() -> list[str]:
        view = menu.open_dashboard(window)
        stats = view.stats
        window.close_tab(window.tabs.indexOf(view))
        return [] if stats is not None and stats.overall.reviews else ["dashboard: no figures"]

    def mock() -> list[str]:
        view = menu.open_mock_interview(window)
        view.start()
        while view.session is not None and view.stack.currentWidget() is view.answer_page:
            view.next_question()
        view.save()
        saved = window.store.mock_sessions()
        window.close_tab(window.tabs.indexOf(view))
        return [] if saved else ["mock interview: the summary was not saved"]

    def coding_round() -> list[str]:
        view = menu.open_coding_round(window)
        before = len(window.store.mock_sessions())
        view.start()
        page = view.coding_page
        if page is None or not page.panes or "# your code" not in page.panes[0].code():
            return ["coding round: no problem with its starter"]
        view.end_coding()
        saved = len(window.store.mock_sessions()) == before + 1
        window.close_tab(window.tabs.indexOf(view))
        return [] if saved else ["coding round: the summary was not saved"]

    def export_import() -> list[str]:
        folder = Path(tempfile.mkdtemp(prefix="ml-studio-self-test-export-"))
        for kind in ("json", "md", "apkg"):
            menu.export_to(window, folder / f"export.{kind}", kind)
        report = menu.import_from(window, folder / "export.json")
        return (
            [] if report is not None and not report.conflicts else ["import of own export failed"]
        )

    def today_and_browser() -> list[str]:
        window.show_today()
        problems = [] if window.today.summary is not None else ["today: no figures"]
        browser = menu.open_browser(window)
        if browser.table.rowCount() != len(window.library.questions):
            problems.append("browser: not one row per question")
        window.close_tab(window.tabs.indexOf(browser))
        return problems

    return [
        ("study: today and browser", today_and_browser),
        ("study: review queue", review),
        ("study: dashboard", dashboard),
        ("study: mock interview", mock),
        ("study: mock coding round", coding_round),
        ("study: export and import", export_import),
    ]
