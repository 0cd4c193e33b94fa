"""The one table of keyboard shortcuts (pure data, no Qt).

The main window builds its menu actions from it, Help → Keyboard shortcuts lists it, and
the visualizer player's keys come from `visualizers.core.keys` (the layer below), so a
key is written down in exactly one place. `keys` is a portable QKeySequence string, or
"std:<Name>" for a platform-standard key (QKeySequence.StandardKey.<Name>).
"""

from __future__ import annotations

from dataclasses import dataclass

from visualizers.core.keys import PLAYER_KEYS


def literal_label(text: str) -> str:
    """`text` for a Qt button, menu or tab label: "&" would otherwise mark a mnemonic and vanish."""
    return text.replace("&", "&&")


@dataclass(frozen=True)
class Shortcut:
    id: str
    label: str  # menu text, "&" marks the mnemonic
    keys: str | None
    tip: str
    group: str


_ROWS: tuple[tuple[str, str, str | None, str], ...] = (
    # id, label, keys, tip
    (
        "open_pack",
        "Open content &pack…",
        None,
        "Add questions from a folder laid out like content/ (validated before anything is shown)",
    ),
    ("quit", "&Quit", "std:Quit", "Quit the app"),
    ("today", "&Today", "Ctrl+T", "Today's page: what is due, what is new, your streak"),
    ("next", "&Next question", "Ctrl+Down", "Next question in the list"),
    ("previous", "&Previous question", "Ctrl+Up", "Previous question in the list"),
    (
        "random",
        "&Random question",
        "Ctrl+Shift+R",
        "Jump to a random question you haven't marked as known",
    ),
    ("find", "&Find…", "std:Find", "Focus the search box"),
    ("reveal", "&Reveal answer", "Ctrl+R", "Show the answer of the question in front of you"),
    ("bookmark", "&Bookmark", "Ctrl+D", "Bookmark or un-bookmark the question in front of you"),
    ("studied", "Mark &studied", "Ctrl+E", "Toggle the studied mark"),
    ("known", "Mark &known", "Ctrl+K", "Toggle the known mark"),
    ("open_visualizer", "Open &visualizer", "Ctrl+Shift+V", "Open this question's visualizer"),
    (
        "undo_grade",
        "&Undo last grade",
        "Ctrl+Z",
        "Take back the last grade you gave (as Anki does)",
    ),
    (
        "reading_mode",
        "&Reading mode (answers always shown)",
        "Ctrl+M",
        "Study mode hides answers until revealed; reading mode shows them",
    ),
    ("navigation", "&Navigation", "Ctrl+\\", "Show or hide the question list (remembered)"),
    (
        "beside",
        "Visualizer &beside the answer",
        "Ctrl+Shift+B",
        "Open a question's visualizer in a pane beside the answer instead of in a tab",
    ),
    ("close_tab", "&Close tab", "std:Close", "Close the current tab"),
    ("fullscreen", "&Full screen", "std:FullScreen", "Full screen"),
    (
        "review",
        "&Review queue",
        "Ctrl+Shift+Q",
        "Today's spaced-repetition queue: reveal, then grade 1–4",
    ),
    (
        "browser",
        "&Browse questions",
        "Ctrl+B",
        "A sortable table of every question with its schedule",
    ),
    (
        "dashboard",
        "&Dashboard",
        "Ctrl+Shift+P",
        "Progress per category, due forecast, review calendar, weakest questions",
    ),
    (
        "mock",
        "&Mock interview",
        "Ctrl+Shift+I",
        "A timed interview loop with a self-assessment rubric",
    ),
    (
        "export",
        "&Export…",
        "Ctrl+Shift+E",
        "Export progress and notes (JSON), or the deck as Markdown or an Anki package",
    ),
    (
        "import",
        "&Import…",
        "Ctrl+Shift+O",
        "Import progress from another machine (merged; newer data is never overwritten)",
    ),
    (
        "retention",
        "Desired &retention…",
        None,
        "How likely you want to be to recall a question when it comes due",
    ),
    (
        "new_per_day",
        "&New questions per day…",
        None,
        "How many never-reviewed questions join the daily queue",
    ),
    ("shortcuts", "&Keyboard shortcuts", "std:HelpContents", "List every shortcut"),
    ("licences", "&Licences…", None, "Licence texts of the bundled components"),
    ("about", "&About", None, "About this app"),
)

_GROUPS = {
    "open_pack": "File",
    "quit": "File",
    "today": "Go",
    "next": "Go",
    "previous": "Go",
    "random": "Go",
    "find": "Go",
    "reveal": "Question",
    "bookmark": "Question",
    "studied": "Question",
    "known": "Question",
    "open_visualizer": "Question",
    "undo_grade": "Question",
    "reading_mode": "View",
    "navigation": "View",
    "beside": "View",
    "close_tab": "View",
    "fullscreen": "View",
    "review": "Study",
    "browser": "Study",
    "dashboard": "Study",
    "mock": "Study",
    "export": "Study",
    "import": "Study",
    "retention": "Study",
    "new_per_day": "Study",
    "shortcuts": "Help",
    "licences": "Help",
    "about": "Help",
}

SHORTCUTS: dict[str, Shortcut] = {
    row[0]: Shortcut(row[0], row[1], row[2], row[3], _GROUPS[row[0]]) for row in _ROWS
}

# Keys that act inside one screen only (not menu actions), listed in the shortcuts dialog.
SCREEN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Review / question", "Grade Again / Hard / Good / Easy", "1 / 2 / 3 / 4"),
    ("Review", "Reveal the answer", "Space"),
    ("Today", "Start reviewing", "Enter"),
    *(("Visualizer", label, keys) for _name, label, keys in PLAYER_KEYS),
)


def shortcut(action_id: str) -> Shortcut:
    return SHORTCUTS[action_id]
