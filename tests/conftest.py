"""Test-wide setup: headless Qt, and user data kept out of the real app-data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app reads this to put its SQLite store and settings in a throwaway place.
os.environ.setdefault("ML_STUDIO_TEST_MODE", "1")
