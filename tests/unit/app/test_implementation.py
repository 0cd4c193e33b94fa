"""The answer's source and the helpers it calls, found from its code objects (no Qt)."""

from __future__ import annotations

import ast
import inspect

from app.implementation import helper_functions, load_helpers, load_implementation
from visualizers.gradient_descent import algorithm as gd
from visualizers.kmeans import algorithm as km


def _names_called(function: object) -> set[str]:
    """Independent oracle: the plain names called anywhere in the function's source (AST)."""
    tree = ast.parse(inspect.getsource(function))  # type: ignore[arg-type]
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def test_kmeans_helpers_are_the_assignment_update_and_empty_cluster_handling() -> None:
    names = [f.__name__ for f in helper_functions(km.kmeans)]
    assert names[0] == "lloyd_steps"  # the direct helper first
    for needed in ("nearest_centroid", "update_centroids", "kmeans_plus_plus_steps"):
        assert needed in names
    assert "nearest_centroid_fast" not in names  # another module: the fast path isn't the answer
    assert "KMeansResult" not in names and "deque" not in names  # classes and imports aren't


def test_every_helper_is_called_by_the_answer_or_another_helper() -> None:
    helpers = helper_functions(gd.gradient_descent)
    reachable = _names_called(gd.gradient_descent)
    for helper in helpers:
        reachable |= _names_called(helper)
    assert {h.__name__ for h in helpers} <= reachable
    assert {"descent_steps", "optimizer_step", "_divergence_message"} <= {
        h.__name__ for h in helpers
    }


def test_load_helpers_gives_their_source_and_nothing_for_an_unloaded_module() -> None:
    reference = "visualizers.kmeans.algorithm:kmeans"
    assert load_implementation(reference).source is not None
    helpers = load_helpers(reference)
    update = next(h for h in helpers if h.reference.endswith(":update_centroids"))
    assert update.source is not None and update.source.startswith("def update_centroids(")
    assert "farthest" in update.source  # the empty-cluster rule question 23 asks about
    assert load_helpers("visualizers.not_a_module:kmeans") == ()
