"""`python -m visualizers.gradient_descent`: this visualizer on its own (see `visualizers.core.standalone`)."""

from visualizers.core.standalone import main

raise SystemExit(main(visualizer_id="gradient_descent"))
