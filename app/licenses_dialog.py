"""Help → Licences: the licence texts of the bundled components, read from resources/licenses/.

Qt and PySide6 are LGPL-3.0; the installers ship their texts and those of every other
bundled component (copied from the installed packages by packaging/collect_licenses.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.paths import resources_dir

_ROLE_PATH = 256  # Qt.ItemDataRole.UserRole


def license_files(folder: Path | None = None) -> list[Path]:
    """Every licence text under resources/licenses/, README first, then by name."""
    root = folder or resources_dir() / "licenses"
    if not root.is_dir():
        return []
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return sorted(files, key=lambda p: (p.name != "README.txt", str(p.relative_to(root)).lower()))


class LicensesDialog(QDialog):
    """A list of licence files on the left, the selected text on the right."""

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Licences of bundled components")
        self.resize(900, 600)
        self.root = folder or resources_dir() / "licenses"
        self.list = QListWidget(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setSizes([280, 620])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        for path in license_files(self.root):
            item = QListWidgetItem(str(path.relative_to(self.root)))
            item.setData(_ROLE_PATH, str(path))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._show_item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(
                f"No licence files found in {self.root}. They are part of the installers; "
                "in a source checkout run: python packaging/collect_licenses.py"
            )

    def _show_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        path = Path(str(item.data(_ROLE_PATH)))
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            self.text.setPlainText(f"Cannot read {path}: {exc}")
