"""The answer browser reads no local file or device, and odd in-app links raise nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
from tests.adversarial.conftest import run_limited


@pytest.mark.parametrize(
    "link", ["question:abc", "question:99999999999999999999", "question:", "question:-1"]
)
def test_bad_question_links_are_ignored(link: str) -> None:
    from app.safe_browser import question_number

    assert question_number(link) is None


def test_good_question_link_parses() -> None:
    from app.safe_browser import question_number

    assert question_number("question:12") == 12


def test_clicking_bad_links_in_the_window_raises_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "progress.sqlite3")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(load_library(), store, settings)
    try:
        before = window.question_view.question
        for link in ("question:abc", "question:99999999999999999999", "question:4242"):
            window.question_view.browser.anchorClicked.emit(QUrl(link))
        assert window.question_view.question == before
    finally:
        window.close()
        window.deleteLater()
        store.close()


def test_local_png_is_not_drawn(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "local.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(picture))
    from app.safe_browser import SafeTextBrowser, bundled_resource

    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(f'<p>x</p><img src="{picture}"><img src="/etc/passwd">')
    document = browser.document()
    for name in (str(picture), "/etc/passwd"):
        resource = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        # at most the 1×1 blank the browser answers with, never the file's content
        assert not isinstance(resource, bytes | bytearray) or b"root" not in resource
        assert not isinstance(resource, QImage) or resource.width() <= 1
    served = browser.loadResource(2, QUrl.fromLocalFile(str(picture)))
    assert isinstance(served, QImage) and served.width() == 1
    assert bundled_resource(QUrl.fromLocalFile("/etc/passwd")) is None


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_image_pointing_at_a_device_or_fifo_neither_hangs_nor_kills(
    tmp_path: Path, special: str
) -> None:
    target = special
    if special == "fifo":
        target = str(tmp_path / "pipe.png")
        os.mkfifo(target)
    outcome = run_limited(
        f"""
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        try:
            from app.safe_browser import SafeTextBrowser as Browser
        except ImportError:  # before the fix the answer pane was a plain QTextBrowser
            from PySide6.QtWidgets import QTextBrowser as Browser
        browser = Browser()
        browser.setHtml('<p>answer</p><img src="{target}"><img src="file://{target}">')
        browser.resize(400, 300)
        browser.show()
        app.processEvents()
        report(browser.toPlainText().strip())
        """,
        memory_mb=1500,
        timeout_s=20,
    )
    assert outcome.result is not None and "answer" in str(outcome.result)
