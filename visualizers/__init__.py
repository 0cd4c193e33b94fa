"""Algorithm visualizers: one sub-package per visualizer, plus the shared `core`.

Each sub-package has a pure-NumPy `algorithm.py` (the interview answer and the steps it
yields), a Qt-free `state.py` (parameters, user data, caches, side computations,
narration), a pyqtgraph `view.py` that only draws and forwards events, and a `spec.py`
declaring it once for the registry in `visualizers.core.registry`. Nothing here imports
`app`.
"""
