"""Markdown and source code to HTML for Qt's rich-text browser (no Qt imports).

Qt's QTextBrowser understands a subset of HTML 4 with inline styles, so code is
highlighted by Pygments with `noclasses=True` (inline colours) and the palette is chosen
per theme.
"""

from __future__ import annotations

import html
import re

# Markdown and Pygments are imported on first use: they compile many regular expressions
# at import, which would otherwise sit on the start-up path before the window shows.

_FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```\s*$", re.S | re.M)


def _pygments_style(dark: bool) -> str:
    return "monokai" if dark else "friendly"


def highlight_code(code: str, language: str = "python", *, dark: bool = False) -> str:
    """Syntax-highlighted `code` as an HTML <pre> with inline colours."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    formatter = HtmlFormatter(noclasses=True, style=_pygments_style(dark), nowrap=True)
    body = highlight(code, lexer, formatter)
    background = "#272822" if dark else "#f4f6f8"
    return (
        f'<table width="100%" cellpadding="10" cellspacing="0" style="background:{background};">'
        f'<tr><td><pre style="font-family: monospace; margin:0;">{body}</pre></td></tr></table>'
    )


def render_markdown(text: str, *, dark: bool = False) -> str:
    """Markdown (with fenced code, tables) to HTML for QTextBrowser."""
    import markdown

    blocks: list[str] = []

    def stash(match: re.Match[str]) -> str:
        blocks.append(highlight_code(match.group(2), match.group(1) or "text", dark=dark))
        return f"\n\nCODEBLOCK{len(blocks) - 1}PLACEHOLDER\n\n"

    # Fenced code is highlighted separately: python-markdown's codehilite emits CSS
    # classes, which Qt's rich text can't resolve from a stylesheet reliably.
    prepared = _FENCE.sub(stash, text)
    rendered = markdown.markdown(
        prepared, extensions=["tables", "sane_lists"], output_format="html"
    )
    for i, block in enumerate(blocks):
        rendered = rendered.replace(f"<p>CODEBLOCK{i}PLACEHOLDER</p>", block)
        rendered = rendered.replace(f"CODEBLOCK{i}PLACEHOLDER", block)
    return rendered


def escape(text: str) -> str:
    return html.escape(text, quote=True)
