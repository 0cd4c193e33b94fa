"""Markdown and source code to HTML for Qt's rich-text browser (no Qt imports).

Qt's QTextBrowser understands a subset of HTML 4 with inline styles, so code is
highlighted by Pygments with `noclasses=True` (inline colours) and the palette is chosen
per theme.

Text from a content pack is hostile, and rendering runs on the GUI thread, so:
- `markdown_problem` bounds what python-markdown is given (size, code fences, nesting,
  square brackets per paragraph — its link matcher rescans the paragraph for every `[`,
  which is quadratic); content is refused at load when it breaks a bound, and
  `render_markdown` falls back to escaped plain text for any text that does;
- fenced blocks are put back in one pass (a `replace` per block was quadratic);
- the result keeps no image and no link or resource to a local file or device: `<img>`
  tags are dropped and only web, mail, in-app and in-page links survive.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

# Markdown and Pygments are imported on first use: they compile many regular expressions
# at import, which would otherwise sit on the start-up path before the window shows.

_FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```\s*$", re.S | re.M)
_PLACEHOLDER = re.compile(r"<p>CODEBLOCK(\d+)PLACEHOLDER</p>|CODEBLOCK(\d+)PLACEHOLDER")

MAX_MARKDOWN_CHARS = 40_000
MAX_CODE_BLOCKS = 100
MAX_BRACKETS_PER_PARAGRAPH = 200
MAX_OPENER_WORK = 300_000  # '[' or '<' count × paragraph length
MAX_INDENT = 24  # columns of leading space outside code: about six levels of nested lists
MAX_LINES = 2_000

# Links a reader may follow: the web, mail, the app's own question/guide links, anchors.
_SAFE_LINK = re.compile(r"(?:https?://|mailto:|question:|guide:|#)", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]{0,4000}>?", re.I)
_URL_ATTRIBUTE = re.compile(
    r"""\b(href|src|background|srcset|action|data)\s*=\s*("[^"]{0,4000}"|'[^']{0,4000}'|[^\s>]{1,4000})""",
    re.I,
)
_DEEP_QUOTE = re.compile(r"(?:>[ \t]*){7}")
_CSS_URL = re.compile(r"url\s*\(", re.I)
_DANGEROUS_TAG = re.compile(r"</?(?:link|object|embed|iframe|frame|style|script|meta|base)\b", re.I)


_MAYBE_DEEP_INDENT = re.compile(r"^[ \t]{7,}", re.M)  # 7 tabs are 28 columns; 6 at most 24
_MAYBE_DEEP_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]*){7}", re.M)


def markdown_problem(text: str) -> str | None:
    """Why `text` is too big or too nested to render quickly, or None when it is fine."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return (
            f"has {len(text):,} characters; Markdown fields are limited to {MAX_MARKDOWN_CHARS:,}"
        )
    if _clearly_fine(text):
        return None
    return _line_by_line_problem(text)


def _clearly_fine(text: str) -> bool:
    """True when the whole text is within every bound, so no line needs to be looked at.

    Validating ~100 questions at start-up walked some 8,000 lines one by one. Each test
    here bounds what the line walk measures: no line starts with more than six blanks
    (so none is indented past 24 columns, tabs counting 4), no line starts with seven
    quote markers, few enough fences, and the '[' and '<' of the whole text within the
    per-paragraph limits (a paragraph has at most the text's openers and characters).
    Whatever fails a test goes through `_line_by_line_problem`, which words the message.
    """
    openers = text.count("[") + text.count("<")
    return (
        openers <= MAX_BRACKETS_PER_PARAGRAPH
        and openers * (len(text) + 1) <= MAX_OPENER_WORK
        and text.count("```") <= 2 * MAX_CODE_BLOCKS
        and text.count("\n") < MAX_LINES
        # (substring tests first: a line can't start with seven blanks if the text has no
        # tab and no run of seven spaces, nor with seven '>' if it has fewer than seven)
        and (("\t" not in text and "       " not in text) or not _MAYBE_DEEP_INDENT.search(text))
        and (text.count(">") < 7 or not _MAYBE_DEEP_QUOTE.search(text))
    )


def _line_by_line_problem(text: str) -> str | None:
    """`markdown_problem` for a text of allowed size, walking its lines (names the line)."""
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return f"has {len(lines):,} lines; Markdown fields are limited to {MAX_LINES:,}"
    fences = 0
    in_code = False
    openers = 0  # '[' and '<' in the current paragraph
    chars = 0  # characters in the current paragraph
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip(" \t")
        if stripped.startswith("```"):
            in_code = not in_code
            fences += not in_code
            continue
        if in_code:
            continue
        if not stripped:
            openers = chars = 0  # a blank line ends the paragraph
            continue
        indent = len(line.expandtabs(4)) - len(stripped.expandtabs(4))
        if indent > MAX_INDENT:
            return (
                f"line {number} is indented {indent} columns; nesting is limited to "
                f"{MAX_INDENT} columns (about six levels of lists)"
            )
        if _DEEP_QUOTE.match(stripped):
            return f"line {number} nests quotes more than six levels deep"
        # python-markdown's inline patterns rescan the rest of the paragraph from each '['
        # or '<', so the work grows with their count times the paragraph's length.
        openers += line.count("[") + line.count("<")
        chars += len(line) + 1
        if openers > MAX_BRACKETS_PER_PARAGRAPH or openers * chars > MAX_OPENER_WORK:
            return (
                f"the paragraph ending at line {number} has too many '[' or '<' characters "
                f"({openers}) for its length; put code in backticks or a code block"
            )
    if fences > MAX_CODE_BLOCKS:
        return f"has {fences} code blocks; at most {MAX_CODE_BLOCKS} are allowed"
    return None


def _pygments_style(dark: bool) -> str:
    return "monokai" if dark else "friendly"


@lru_cache(maxsize=64)
def _lexer(language: str) -> Any:
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        return TextLexer()


@lru_cache(maxsize=2)
def _formatter(dark: bool) -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(noclasses=True, style=_pygments_style(dark), nowrap=True)


def highlight_code(code: str, language: str = "python", *, dark: bool = False) -> str:
    """Syntax-highlighted `code` as an HTML <pre> with inline colours."""
    from pygments import highlight

    body = highlight(code, _lexer(language[:40]), _formatter(dark))
    background = "#272822" if dark else "#f4f6f8"
    return (
        f'<table width="100%" cellpadding="10" cellspacing="0" style="background:{background};">'
        f'<tr><td><pre style="font-family: monospace; margin:0;">{body}</pre></td></tr></table>'
    )


def _safe_attribute(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    bare = html.unescape(value.strip("\"'")).strip()
    if name.lower() == "href" and _SAFE_LINK.match(bare):
        return match.group(0)
    return f'data-removed-{name.lower()}=""'


def sanitize_html(rendered: str) -> str:
    """Drop images, embedded objects and every URL that could name a local file or device."""
    cleaned = _IMG_TAG.sub("", rendered)
    cleaned = _DANGEROUS_TAG.sub(lambda m: html.escape(m.group(0)), cleaned)
    cleaned = _URL_ATTRIBUTE.sub(_safe_attribute, cleaned)
    return _CSS_URL.sub("url-removed(", cleaned)


def render_markdown(text: str, *, dark: bool = False) -> str:
    """Markdown (with fenced code, tables) to HTML for QTextBrowser.

    Text beyond the bounds of `markdown_problem` is shown as escaped plain text, so a
    hostile answer can neither stall the GUI thread nor reach python-markdown's recursion.
    """
    if markdown_problem(text) is not None:
        return f"<pre>{escape(text[:MAX_MARKDOWN_CHARS])}</pre>"
    import markdown

    blocks: list[str] = []

    def stash(match: re.Match[str]) -> str:
        blocks.append(highlight_code(match.group(2), match.group(1) or "text", dark=dark))
        return f"\n\nCODEBLOCK{len(blocks) - 1}PLACEHOLDER\n\n"

    # Fenced code is highlighted separately: python-markdown's codehilite emits CSS
    # classes, which Qt's rich text can't resolve from a stylesheet reliably.
    prepared = _FENCE.sub(stash, text)
    try:
        rendered = markdown.markdown(
            prepared, extensions=["tables", "sane_lists"], output_format="html"
        )
    except RecursionError:
        return f"<pre>{escape(text)}</pre>"
    rendered = sanitize_html(rendered)

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1) or match.group(2))
        return blocks[index] if index < len(blocks) else ""

    return _PLACEHOLDER.sub(put_back, rendered)


def escape(text: str) -> str:
    return html.escape(text, quote=True)
