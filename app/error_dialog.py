"""The dialog the crash handler shows for an uncaught exception (built only when one happens)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ErrorDialog(QDialog):
    """Shows what went wrong, where the log is, and lets the user copy the details."""

    def __init__(
        self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setObjectName("errorDialog")
        self.details = details
        where = f"<br>The details are also in <code>{log_path}</code>." if log_path else ""
        label = QLabel(
            f"<b>{summary}</b><br>The app is still running and your progress is saved; "
            f"you can keep studying.{where}",
            self,
        )
        label.setWordWrap(True)
        text = QPlainTextEdit(details, self)
        text.setReadOnly(True)
        text.setMinimumSize(560, 220)
        copy = QPushButton("Copy details", self)
        copy.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details)
