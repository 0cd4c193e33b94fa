"""Where the app's bundled files live, from a source checkout or a frozen (PyInstaller) build.

`bundle_root()` and `resources_dir()` come from `visualizers.core.resources` (the bottom
layer, so visualizers need nothing from `app`); `content_dir()` adds the content folder
and its test override. Pure Python, no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from visualizers.core.resources import bundle_root, resources_dir

__all__ = ["bundle_root", "content_dir", "resources_dir"]


def content_dir() -> Path:
    override = os.environ.get("ML_STUDIO_CONTENT_DIR")
    return Path(override) if override else bundle_root() / "content"
