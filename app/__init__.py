"""ML Interview Studio: the Qt application shell (main window, question browser, study features).

Pure modules here (`content`, `store`, `paths`) import no Qt and are tested without a
QApplication.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ml-interview-studio")
except PackageNotFoundError:  # running from a frozen bundle or an uninstalled checkout
    __version__ = "0.1.0"

APP_NAME = "ML Interview Studio"
ORGANIZATION = "ML Interview Studio"
APP_ID = "ml-interview-studio"
