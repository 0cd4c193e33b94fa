"""Find the function that answers a coding question and read its source at run time (no Qt).

Principle: one implementation. The question view shows the very code the visualizer runs
and the tests check, read with `inspect` — never a pasted copy that could drift.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass


@dataclass(frozen=True)
class Implementation:
    reference: str  # "package.module:function"
    source: str | None  # None when it can't be found (yet)
    file: str | None
    first_line: int | None
    problem: str | None = None


def load_implementation(reference: str) -> Implementation:
    """The source of `reference`, or a reason why it is not available."""
    module_name, _, function_name = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        return Implementation(
            reference, None, None, None, f"{module_name} is not part of this build yet"
        )
    function = getattr(module, function_name, None)
    if function is None or not callable(function):
        return Implementation(
            reference, None, None, None, f"{module_name} has no function {function_name}"
        )
    try:
        lines, first_line = inspect.getsourcelines(function)
        file = inspect.getsourcefile(function)
    except (OSError, TypeError) as exc:
        # A frozen build without .py sources lands here: say so rather than show nothing.
        return Implementation(reference, None, None, None, f"source not available: {exc}")
    return Implementation(reference, "".join(lines), file, first_line)
