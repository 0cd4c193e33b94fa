"""A QTextBrowser that loads nothing from outside the app, and parsing of in-app links.

QTextBrowser resolves `<img src>`, style sheets and other resources by reading local
files itself: an answer naming `/dev/zero` made it allocate until the process died, a FIFO
hung it, and `/etc/passwd` was read into the document. The rendered HTML is already
sanitized (`app.rendering.sanitize_html`); this browser is the second wall: it loads a
resource only when it is a regular file inside the app's bundled `resources/` folder.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from app.paths import resources_dir

MAX_RESOURCE_BYTES = 2 * 1024 * 1024
_QUESTION_LINK = re.compile(r"question:(\d{1,6})")


def question_number(link: str) -> int | None:
    """The number in a `question:<n>` link, or None for anything else (never raises)."""
    match = _QUESTION_LINK.fullmatch(link)
    return int(match.group(1)) if match else None


def bundled_resource(url: QUrl) -> Path | None:
    """The bundled file `url` names, or None when it is not a small regular file in resources/."""
    if url.scheme() not in ("", "file") or url.host():
        return None
    local = url.toLocalFile() if url.scheme() == "file" else url.path()
    if not local:
        return None
    root = Path(os.path.realpath(resources_dir()))
    target = Path(os.path.realpath(root / local if not os.path.isabs(local) else local))
    if not target.is_relative_to(root):
        return None
    try:
        info = os.stat(target)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RESOURCE_BYTES:
        return None
    return target


class SafeTextBrowser(QTextBrowser):
    """QTextBrowser whose `loadResource` serves only the app's bundled resources."""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt override)
        url = QUrl(url) if isinstance(url, str) else url
        if bundled_resource(url) is None:
            # Never None or a null image: on those, QTextDocument and its image handler fall
            # back to reading the named file themselves (that read /dev/zero and FIFOs).
            if kind == QTextDocument.ResourceType.ImageResource.value:
                return _blank_image()
            return QByteArray()
        return super().loadResource(kind, url)


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image
