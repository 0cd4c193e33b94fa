"""Help → Licences lists the bundled components' licence texts (LGPL for Qt/PySide6)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.licenses_dialog import LicensesDialog, license_files


def test_shipped_licenses_include_qt_lgpl_and_every_dependency() -> None:
    names = [str(p) for p in license_files()]
    assert any(n.endswith("Qt-PySide6-LGPL-3.0.txt") for n in names)
    for component in ("numpy", "pyqtgraph", "PyYAML", "Pygments", "Markdown", "Pillow", "fsrs"):
        assert any(f"/{component}-" in n for n in names), component


def test_dialog_shows_readme_first_and_switches_text(qtbot: QtBot) -> None:
    dialog = LicensesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() > 5
    assert dialog.list.item(0).text() == "README.txt"
    assert "Licences of the components" in dialog.text.toPlainText()
    lgpl = next(i for i in range(dialog.list.count()) if "LGPL" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(lgpl)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()


def test_missing_folder_says_how_to_fix(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LicensesDialog(folder=tmp_path / "nowhere")
    qtbot.addWidget(dialog)
    assert "collect_licenses.py" in dialog.text.toPlainText()
