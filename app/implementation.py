"""Find the function that answers a coding question and read its source at run time (no Qt).

Principle: one implementation. The question view shows the very code the visualizer runs
and the tests check, read with `inspect` — never a pasted copy that could drift.

A question file names its implementation as text (`implementation: module:function`), and
a content pack is a stranger's file: that text must never reach an import. So the app keeps
its own table of implementations below; a reference is only a key into that table, and the
module imported is always one written in this file.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass

# reference (as written in a question file) -> (module, function) of the app's own code.
# A new coding question with code to show adds one line here.
IMPLEMENTATIONS: dict[str, tuple[str, str]] = {
    "visualizers.similarity.algorithm:cosine_similarity": (
        "visualizers.similarity.algorithm",
        "cosine_similarity",
    ),
    "visualizers.matrix_factorization.algorithm:matrix_factorization": (
        "visualizers.matrix_factorization.algorithm",
        "matrix_factorization",
    ),
    "visualizers.kmeans.algorithm:kmeans": ("visualizers.kmeans.algorithm", "kmeans"),
    "visualizers.pr_threshold.algorithm:precision_recall": (
        "visualizers.pr_threshold.algorithm",
        "precision_recall",
    ),
    "visualizers.gradient_descent.algorithm:gradient_descent": (
        "visualizers.gradient_descent.algorithm",
        "gradient_descent",
    ),
}


def is_known_implementation(reference: object) -> bool:
    """True when `reference` is a key of the app's own table (the only thing a file may name)."""
    return isinstance(reference, str) and reference in IMPLEMENTATIONS


@dataclass(frozen=True)
class Implementation:
    reference: str  # "package.module:function"
    source: str | None  # None when it can't be found (yet)
    file: str | None
    first_line: int | None
    problem: str | None = None


def load_implementation(reference: str) -> Implementation:
    """The source of `reference`, or a reason why it is not available.

    Only references in `IMPLEMENTATIONS` are looked up; anything else is reported, never
    imported (the reference is quoted shortened, as it may come from a hostile file).
    """
    entry = IMPLEMENTATIONS.get(reference) if isinstance(reference, str) else None
    if entry is None:
        shown = reference[:80] if isinstance(reference, str) else type(reference).__name__
        return Implementation(
            str(shown), None, None, None, f"{shown!r} is not one of the app's implementations"
        )
    module_name, function_name = entry
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
