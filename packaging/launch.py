"""Entry script of the frozen build (PyInstaller runs this file; `python -m app` is the same)."""

from app.main import main

raise SystemExit(main())
