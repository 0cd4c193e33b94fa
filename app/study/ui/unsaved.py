"""Progress the disk would not take, at quit: say so plainly and offer a progress file.

In a read-only session (or while a full disk still refuses the retries) reviews, marks,
notes, mock interviews, predictions, study time and practice runs, drafts and reference
reveals live only in the store's in-memory copy. Quitting would lose them silently, so the
window asks here first: export them to a JSON progress file the learner picks (the
Study → Export… format, which Study → Import… reads back), or quit without them. The
export holds the whole in-memory copy, so importing it later into the real progress adds
exactly what was missing (reviews, mock interviews and predictions are merged by their ids,
the logs without ids by their question and time, marks, notes and drafts by their time).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.store import PendingWrite, describe_writes

if TYPE_CHECKING:
    from app.main_window import MainWindow


def unsaved_question(window: MainWindow) -> str | None:
    """What the quit dialog says, or None when everything is on disk."""
    store = window.store
    writes = [w for w in store.pending if w.name not in ("replace_card_states", "set_value")]
    if not writes:
        return None
    reason = (
        f"{store.read_only_reason}"
        if store.read_only
        else f"the disk refused them ({store.write_problem})"
    )
    text = (
        f"{describe_writes(writes)} from this session could not be saved: {reason}.\n\n"
        "Export them to a progress file now? The file carries all of them; Study → Import… "
        "brings them back later. If you quit without exporting, they are lost."
    )
    if any(_is_removal(w) for w in writes):
        # An import only adds and updates: a removal can't travel in the file.
        text += (
            "\n\nAn import only adds: a review you undid or a code draft you reset "
            "that the saved progress already holds stays there."
        )
    return text


def _is_removal(write: PendingWrite) -> bool:
    if write.name == "delete_review":
        return True
    return write.name == "set_practice_draft" and (
        (len(write.args) > 1 and write.args[1] is None) or write.kwargs.get("code", "") is None
    )


def ask_export(parent: QWidget, text: str) -> bool:
    """True when the learner wants the export (a dialog; tests replace it).

    Without a screen (offscreen, the self-test) nobody could answer a modal dialog: the
    answer is no, and the caller logs what was not saved.
    """
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, "Progress not saved", text, parent=parent)
    export = box.addButton("Export…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit without saving", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(export)
    box.exec()
    return box.clickedButton() is export


def choose_path(parent: QWidget) -> Path | None:
    """The file the learner picks for the export, None when cancelled (tests replace it)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"ml-interview-progress-unsaved-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path_text, _ = QFileDialog.getSaveFileName(
        parent, "Export unsaved progress", str(Path(folder) / name), "Progress export (*.json)"
    )
    return Path(path_text) if path_text else None


def offer_export_at_quit(window: MainWindow) -> Path | None:
    """Retry the held writes; if some are still not on disk, offer the export. Its path.

    Asked once per window: closing an already closed window asks nothing again.
    """
    if window.property("unsavedOffered"):
        return None
    window.setProperty("unsavedOffered", True)
    window.studio.retry_pending()
    text = unsaved_question(window)
    if text is None or not ask_export(window, text):
        if text is not None:
            logging.getLogger("ml_interview_studio").warning(
                "quit without saving: %s", describe_writes(window.store.pending)
            )
        return None
    from app.study.core.export_import import write_progress  # only when exporting

    while (path := choose_path(window)) is not None:
        try:
            write_progress(window.studio.study, path)
        except OSError as exc:
            QMessageBox.warning(
                window, "Export failed", f"Could not write {path}: {exc}. Pick another place."
            )
            continue
        return path
    return None
