"""Which visualizers exist, by id, in menu order, without importing any of them.

Each id is also its package's name: `visualizers/<id>/spec.py` declares it (the registry
checks that the spec's own id agrees). Content validation reads only this list, so
checking the questions' visualizer ids at start-up imports no spec module.
"""

from __future__ import annotations

# One line per visualizer package; adding a visualizer adds one line here.
VISUALIZER_IDS: tuple[str, ...] = (
    "similarity",
    "gradient_descent",
    "pr_threshold",
    "ranking",
    "matrix_factorization",
    "kmeans",
    "regularization",
    "cross_validation",
    "bias_variance",
    "missing_data",
    "neural_network",
    "convolution",
    "attention",
)


def spec_module(visualizer_id: str) -> str:
    """The dotted name of the module that declares `visualizer_id`'s `SPEC`."""
    return f"visualizers.{visualizer_id}.spec"
