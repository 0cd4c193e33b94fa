"""Study mode: FSRS spaced repetition, active recall, predict-then-watch, progress, mock interviews.

`app.study.core` is the pure layer (no Qt, tested without a QApplication);
`app.study.ui` holds the Qt screens that draw it.

The modules used to live directly in this package. Their old names still import (for
code written before the split, e.g. `from app.study import menu` or
`import app.study.service`): each resolves to the one module at its new place, never to a
copy. New code imports from `app.study.core` or `app.study.ui`.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

_MOVED: dict[str, str] = {
    **{
        name: f"app.study.core.{name}"
        for name in (
            "backup",
            "export_import",
            "mock_interview",
            "predictions",
            "review_queue",
            "scheduler",
            "service",
            "stats",
        )
    },
    **{
        name: f"app.study.ui.{name}"
        for name in (
            "dashboard",
            "menu",
            "mock_interview_view",
            "recall_panel",
            "review_view",
            "self_check",
        )
    },
}


def __getattr__(name: str) -> ModuleType:
    """`from app.study import menu`: the module at its new place."""
    target = _MOVED.get(name)
    if target is None:
        raise AttributeError(f"module 'app.study' has no attribute {name!r}")
    return importlib.import_module(target)


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`import app.study.service`: the same module object as `app.study.core.service`."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, name = fullname.rpartition(".")
        if prefix != __name__ or name not in _MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(_MOVED[spec.name.rpartition(".")[2]])
        sys.modules[spec.name] = module
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Already executed under its new name."""


if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
    sys.meta_path.append(_Alias())
