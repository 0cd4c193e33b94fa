"""Find the function that answers a coding question and read its source at run time (no Qt).

Principle: one implementation. The question view shows the very code the visualizer runs
and the tests check, read with `inspect` — never a pasted copy that could drift — and the
helpers it calls (`load_helpers`), so the reader sees the whole answer.

A question file names its implementation as text (`implementation: module:function`), and
a content pack is a stranger's file: that text must never reach an import. So the app keeps
its own table of implementations below; a reference is only a key into that table, and the
module imported is always one written in this file.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import CodeType, FunctionType

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
    "app.practice.reference_ml:softmax_cross_entropy": (
        "app.practice.reference_ml",
        "softmax_cross_entropy",
    ),
    "app.practice.reference_ml:logistic_regression": (
        "app.practice.reference_ml",
        "logistic_regression",
    ),
    "app.practice.reference_ml:roc_auc": ("app.practice.reference_ml", "roc_auc"),
    "app.practice.reference_ml:attention": ("app.practice.reference_ml", "attention"),
    "app.practice.reference_ml:non_max_suppression": (
        "app.practice.reference_ml",
        "non_max_suppression",
    ),
    "app.practice.reference_ml:knn_predict": ("app.practice.reference_ml", "knn_predict"),
    "app.practice.reference_ml:stratified_split": ("app.practice.reference_ml", "stratified_split"),
    "app.practice.reference_ml:weighted_sample": ("app.practice.reference_ml", "weighted_sample"),
    "app.practice.reference_ml:batchnorm_forward": (
        "app.practice.reference_ml",
        "batchnorm_forward",
    ),
    "app.practice.reference_dsa:top_k": ("app.practice.reference_dsa", "top_k"),
    "app.practice.reference_dsa:merge_k_sorted": ("app.practice.reference_dsa", "merge_k_sorted"),
    "app.practice.reference_dsa:sliding_window_max": (
        "app.practice.reference_dsa",
        "sliding_window_max",
    ),
    "app.practice.reference_dsa:MovingAverage": ("app.practice.reference_dsa", "MovingAverage"),
    "app.practice.reference_dsa:min_capacity": ("app.practice.reference_dsa", "min_capacity"),
    "app.practice.reference_dsa:merge_intervals": ("app.practice.reference_dsa", "merge_intervals"),
    "app.practice.reference_dsa:LRUCache": ("app.practice.reference_dsa", "LRUCache"),
    "app.practice.reference_dsa:Trie": ("app.practice.reference_dsa", "Trie"),
    "app.practice.reference_dsa:grid_shortest_path": (
        "app.practice.reference_dsa",
        "grid_shortest_path",
    ),
    "app.practice.reference_dsa:topological_order": (
        "app.practice.reference_dsa",
        "topological_order",
    ),
    "app.practice.reference_dsa:count_components": (
        "app.practice.reference_dsa",
        "count_components",
    ),
    "app.practice.reference_dsa:two_sum": ("app.practice.reference_dsa", "two_sum"),
    "app.practice.reference_dsa:sparse_dot": ("app.practice.reference_dsa", "sparse_dot"),
    "app.practice.reference_dsa:sparse_matmul": ("app.practice.reference_dsa", "sparse_matmul"),
    "app.practice.reference_dsa:MedianFinder": ("app.practice.reference_dsa", "MedianFinder"),
    "visualizers.bias_variance.algorithm:decompose": (
        "visualizers.bias_variance.algorithm",
        "decompose",
    ),
    "visualizers.regularization.algorithm:lasso": ("visualizers.regularization.algorithm", "lasso"),
    "visualizers.cross_validation.algorithm:kfold_splits": (
        "visualizers.cross_validation.algorithm",
        "kfold_splits",
    ),
    "visualizers.missing_data.algorithm:impute": ("visualizers.missing_data.algorithm", "impute"),
    "visualizers.neural_network.algorithm:mlp_loss_and_gradients": (
        "visualizers.neural_network.algorithm",
        "mlp_loss_and_gradients",
    ),
    "visualizers.convolution.algorithm:conv2d": ("visualizers.convolution.algorithm", "conv2d"),
    "visualizers.attention.algorithm:scaled_dot_product_attention": (
        "visualizers.attention.algorithm",
        "scaled_dot_product_attention",
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


def _called_names(code: CodeType) -> list[str]:
    """Global names `code` refers to, with those of the functions nested in it, in order."""
    names = list(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names += _called_names(const)
    return names


def helper_functions(function: Callable[..., object], limit: int = 12) -> tuple[FunctionType, ...]:
    """The module-level functions `function` calls, directly or through each other.

    Read from the code objects (the global names the bytecode loads) and the default
    argument values (a helper passed as a default, like `assign=nearest_centroid`), looked
    up in the function's own module namespace — nothing is imported and no file is parsed
    for names. Only plain functions defined in the same module count (not classes, imports or
    NumPy); breadth first, so the answer's direct helpers come before theirs.
    """
    if not isinstance(function, FunctionType):
        return ()
    found: list[FunctionType] = []
    queue = [function]
    seen = {function.__name__}
    while queue and len(found) < limit:
        current = queue.pop(0)
        defaults = [*(current.__defaults__ or ()), *(current.__kwdefaults__ or {}).values()]
        candidates: list[tuple[str, object]] = [
            (d.__name__, d) for d in defaults if isinstance(d, FunctionType)
        ]
        candidates += [(n, current.__globals__.get(n)) for n in _called_names(current.__code__)]
        for name, candidate in candidates:
            if (
                name in seen
                or not isinstance(candidate, FunctionType)
                or candidate.__module__ != function.__module__
            ):
                continue
            seen.add(name)
            found.append(candidate)
            queue.append(candidate)
            if len(found) >= limit:
                break
    return tuple(found)


def load_helpers(reference: str) -> tuple[Implementation, ...]:
    """The sources of the helpers the function `reference` calls (see `helper_functions`).

    Looks only at a module that is already loaded (`load_implementation` loads it);
    returns () when there is none.
    """
    entry = IMPLEMENTATIONS.get(reference) if isinstance(reference, str) else None
    if entry is None:
        return ()
    module_name, function_name = entry
    module = sys.modules.get(module_name)
    function = getattr(module, function_name, None) if module is not None else None
    if not isinstance(function, FunctionType):
        return ()
    helpers = []
    for helper in helper_functions(function):
        try:
            lines, first_line = inspect.getsourcelines(helper)
            file = inspect.getsourcefile(helper)
        except (OSError, TypeError):
            continue
        helpers.append(
            Implementation(f"{module_name}:{helper.__name__}", "".join(lines), file, first_line)
        )
    return tuple(helpers)
