"""Code written before the split still imports the study modules by their old names, and
gets the very same module objects (not copies with their own state)."""

from __future__ import annotations

import importlib

import pytest

import app.study


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("app.study.service", "app.study.core.service"),
        ("app.study.scheduler", "app.study.core.scheduler"),
        ("app.study.export_import", "app.study.core.export_import"),
        ("app.study.backup", "app.study.core.backup"),
    ],
)
def test_old_module_paths_are_the_new_modules(old: str, new: str) -> None:
    assert importlib.import_module(old) is importlib.import_module(new)


def test_from_package_import_resolves_pure_modules() -> None:
    from app.study import mock_interview, scheduler

    assert scheduler is importlib.import_module("app.study.core.scheduler")
    assert mock_interview is importlib.import_module("app.study.core.mock_interview")


def test_unknown_names_still_fail() -> None:
    with pytest.raises(AttributeError):
        _ = app.study.no_such_module
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("app.study.no_such_module")
