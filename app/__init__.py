"""ML Interview Studio: the Qt application shell (main window, question browser, study features).

Pure modules here (`content`, `store`, `paths`) import no Qt and are tested without a
QApplication.
"""

# The one place the version is written; pyproject.toml reads it (dynamic version).
__version__ = "0.1.0"

APP_NAME = "ML Interview Studio"
ORGANIZATION = "ML Interview Studio"
APP_ID = "ml-interview-studio"
