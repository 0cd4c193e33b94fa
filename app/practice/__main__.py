"""`python -m app.practice check NUMBER FILE` (see app/practice/cli.py)."""

import sys

from app.practice.cli import main

sys.exit(main())
