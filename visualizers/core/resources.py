"""Where the bundled files live, from a source checkout or a frozen (PyInstaller) build.

The one place that knows about `sys._MEIPASS`. It sits in the bottom layer
(`visualizers.core`) so visualizers can find their datasets without importing `app`;
`app.paths` builds on it. Pure Python, no Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder holding `content/` and `resources/`."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent.parent


def resources_dir() -> Path:
    """The bundled `resources/` folder (icons, datasets, licences)."""
    return bundle_root() / "resources"
