"""The deck as a real Anki package (`.apkg`), written with the maintained `genanki` library.

One note per question: the front is the question, the back the answer, the key points and
(for coding questions) the implementation, with code highlighted by Pygments in inline
colours so it shows in Anki without a stylesheet. Tags: the app, the category, the
question's own tags. Ids are derived from stable strings, so exporting again updates the
same deck and notes in Anki instead of duplicating them. Pure, no Qt.
"""

from __future__ import annotations

import os
import re
import tempfile
import zlib
from pathlib import Path

from app.content import Library, Question
from app.implementation import load_implementation
from app.rendering import escape, highlight_code, render_markdown

DECK_NAME = "ML Interview Studio"
_CSS = """
.card { font-family: sans-serif; font-size: 17px; text-align: left; color: black;
        background: white; max-width: 46em; margin: auto; }
.nightMode .card { color: #eee; background: #1e1e1e; }
pre { white-space: pre; overflow-x: auto; font-size: 14px; }
h4 { margin-bottom: 4px; }
"""


def _stable_id(text: str) -> int:
    """A positive id in Anki's range, the same on every export."""
    return (1 << 30) + zlib.crc32(text.encode("utf-8"))


def anki_tag(text: str) -> str:
    """Anki tags can't hold spaces; '::' would make a hierarchy, so colons become dashes."""
    return re.sub(r"[\s:]+", "_" if " " in text else "-", text.strip()).strip("_-") or "untagged"


def note_tags(question: Question) -> list[str]:
    return ["ml-interview-studio", f"category::{anki_tag(question.category)}"] + [
        anki_tag(t) for t in question.tags
    ]


def back_html(question: Question) -> str:
    parts = [
        render_markdown(question.answer),
        "<h4>Key points</h4><ul>",
        "".join(f"<li>{escape(k)}</li>" for k in question.key_points),
        "</ul>",
    ]
    if question.implementation:
        impl = load_implementation(question.implementation)
        if impl.source is not None:
            parts.append("<h4>Implementation</h4>" + highlight_code(impl.source, "python"))
    return "".join(parts)


def write_apkg(library: Library, path: Path) -> int:
    """Write every question as a note to `path` (atomically); returns the number of notes."""
    import genanki  # imported here: only the export needs it

    model = genanki.Model(
        _stable_id("ml-interview-studio:model:v1"),
        "ML Interview Studio question",
        fields=[{"name": "Number"}, {"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Recall",
                "qfmt": "<b>Q{{Number}}.</b> {{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}",
            }
        ],
        css=_CSS,
        sort_field_index=0,
    )
    deck = genanki.Deck(_stable_id("ml-interview-studio:deck"), DECK_NAME)
    for q in library.questions:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[str(q.number), escape(q.question), back_html(q)],
                tags=note_tags(q),
                guid=genanki.guid_for("ml-interview-studio", q.id),
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".export-", suffix=".apkg", dir=path.parent)
    os.close(handle)
    try:
        genanki.Package(deck).write_to_file(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return len(deck.notes)
