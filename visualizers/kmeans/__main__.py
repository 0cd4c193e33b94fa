"""`python -m visualizers.kmeans`: this visualizer on its own (see `visualizers.core.standalone`)."""

from visualizers.core.standalone import main

raise SystemExit(main(visualizer_id="kmeans"))
