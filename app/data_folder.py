"""Moving the progress folder of earlier versions to where the README says it is (no Qt).

Earlier versions stored progress in Qt's AppDataLocation, which appends the organization
and the application name; both were "ML Interview Studio", so on Linux the folder was
`~/.local/share/ML Interview Studio/ML Interview Studio/`. The first launch of this version
moves its contents to `~/.local/share/ML Interview Studio/` (on other systems, from the
old location to the new one). Nothing is ever deleted: an entry that already exists at the
target stays where it was.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path


def move_legacy_data(legacy: Path, target: Path) -> list[str]:
    """Move every entry of `legacy` into `target` unless it exists there; returns the moved names.

    Does nothing when the two are the same folder, when `legacy` is missing, or when the
    target already holds a progress database (the new folder is in use: leave both alone).
    """
    try:
        if legacy.resolve() == target.resolve() or not legacy.is_dir():
            return []
        if (target / "progress.sqlite3").exists():
            return []
        target.mkdir(parents=True, exist_ok=True)
        moved = []
        for entry in sorted(legacy.iterdir()):
            destination = target / entry.name
            if destination.exists() or destination.resolve() == legacy.resolve():
                continue
            shutil.move(str(entry), str(destination))
            moved.append(entry.name)
        with contextlib.suppress(OSError):
            legacy.rmdir()  # only if now empty
        return moved
    except OSError:
        return []  # a failed move must not stop the app: the old folder stays usable
