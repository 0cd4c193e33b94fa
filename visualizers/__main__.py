"""`python -m visualizers <id>`: open one visualizer on its own (see `visualizers.core.standalone`)."""

from visualizers.core.standalone import main

raise SystemExit(main())
