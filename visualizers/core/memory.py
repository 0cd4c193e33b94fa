"""Parameters that stay: each visualizer's values remembered per visualizer id (Qt).

Orange's `Setting` pattern without descriptors: the base view loads a visualizer's
remembered values when it opens and saves them after every run it accepts. The values go
into the app's settings file (`app.main` calls `use_settings_file` with the path under
the app's data folder); with no file configured — tests, a bare `VisualizerView` — nothing
is remembered. What comes back from the file is untrusted text: `spec.resolve` clamps it
to each parameter's type and range, and names the spec doesn't declare are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from visualizers.core.registry import VisualizerSpec

_GROUP = "visualizers"
_settings: QSettings | None = None


def use_settings_file(path: Path | None) -> None:
    """Remember parameters in this INI file from now on (None: remember nothing)."""
    global _settings
    _settings = None if path is None else QSettings(str(path), QSettings.Format.IniFormat)


def _decode(kind: str, raw: object) -> object:
    """An INI value (text) back to what `Parameter.clamp` expects."""
    if kind == "bool" and isinstance(raw, str):
        return raw.strip().lower() in ("true", "1", "yes")
    return raw


def remembered(spec: VisualizerSpec) -> dict[str, int | float | str | bool]:
    """The values remembered for `spec` over its defaults (just the defaults when none)."""
    if _settings is None:
        return spec.defaults()
    _settings.beginGroup(f"{_GROUP}/{spec.id}")
    try:
        raw = {p.name: _decode(p.kind, _settings.value(p.name)) for p in spec.parameters}
    finally:
        _settings.endGroup()
    return spec.resolve({name: value for name, value in raw.items() if value is not None})


def remember(spec: VisualizerSpec, values: Mapping[str, int | float | str | bool]) -> None:
    """Store `values` as what `spec` opens with next time."""
    if _settings is None:
        return
    _settings.beginGroup(f"{_GROUP}/{spec.id}")
    try:
        for p in spec.parameters:
            if p.name in values:
                _settings.setValue(p.name, values[p.name])
    finally:
        _settings.endGroup()


def forget(spec: VisualizerSpec) -> None:
    """Drop what was remembered for `spec` (its defaults apply again)."""
    if _settings is not None:
        _settings.remove(f"{_GROUP}/{spec.id}")
