"""`python -m app` starts ML Interview Studio."""

from app.main import main

raise SystemExit(main())
