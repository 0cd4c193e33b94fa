"""Text helpers shared by every visualizer's narration (pure, no Qt).

Explanations are rich text: anything that came from outside (a CSV header, a file name,
a dataset note) goes through `escape` before it is put into one.
"""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """HTML-escape user-visible text before putting it into rich text (quotes kept as is)."""
    return html.escape(text, quote=False)
