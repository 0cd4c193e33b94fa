"""The composition root's one shared object: library, progress store and study service.

Built once in `app/main.py` and handed to every screen. Whatever changes the learner's
progress (a grade, a bookmark, an undo, an import, a saved mock interview) calls
`notify()`, and the one `progress_changed` signal refreshes every screen that listens
(Anki's operation-did-execute pattern). No screen tells another screen to refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.content import Library
from app.store import Store
from app.study.core.service import StudyService


class Studio(QObject):
    """Owns the `Library`, the `Store` and the `StudyService`; emits `progress_changed`."""

    progress_changed = Signal(str)  # the question id that changed, "" for many or unknown
    library_changed = Signal()

    def __init__(self, library: Library, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.store = store
        self.study = StudyService(library, store)

    def notify(self, question_id: str = "") -> None:
        """Tell every screen that progress changed (call after the change is on disk)."""
        self.progress_changed.emit(question_id)

    def set_library(self, library: Library) -> None:
        """Swap in a larger library (a content pack) for every screen at once."""
        self.library = library
        self.study.library = library
        self.library_changed.emit()
        self.notify()
