"""Where the app's bundled files live, from a source checkout or a frozen (PyInstaller) build.

The one place that knows about `sys._MEIPASS`: everything else asks `content_dir()` or
`resources_dir()`. Pure Python, no Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder holding `content/` and `resources/`."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    override = os.environ.get("ML_STUDIO_CONTENT_DIR")
    return Path(override) if override else bundle_root() / "content"


def resources_dir() -> Path:
    return bundle_root() / "resources"
