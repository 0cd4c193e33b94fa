"""Algorithm visualizers: one sub-package per visualizer, plus the shared `core`.

Each sub-package has a pure-NumPy `algorithm.py` (no Qt), a pyqtgraph `view.py`, and a
`spec.py` declaring it once for the registry in `visualizers.core.registry`.
"""
