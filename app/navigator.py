"""The navigation pane: search box, filters, and the tree of guide pages and questions.

Each question shows its study status (a coloured dot: new, learning, due, known; ★ when
bookmarked). With a search query the tree becomes one list ranked by relevance (title,
then key points, then the answer), each result with a snippet of where it matched.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.content import DIFFICULTIES, Library
from app.search import Filters, guide_matches, question_matches, rank_questions
from app.store import QuestionState
from app.theme import secondary_text, tone
from visualizers.core.flow_layout import FlowLayout

# Each status's colour: a meaning colour of the theme in force (app.theme.tone), or the
# caption colour for "new"; ≥ 4.5:1 on the tree's background in both themes.
STATUS_TONES = {"new": "", "learning": "warn", "due": "bad", "known": "good"}
STATUS_TEXT = {
    "new": "new — never reviewed",
    "learning": "learning — in its short steps",
    "due": "due — review it now",
    "known": "known — scheduled for later",
}


def status_icon(status: str) -> QIcon:
    """A dot in the status colour: filled for due/learning/known, a ring for new.

    Drawn at 1× and 2× (a 14 px pixmap scaled up at a device pixel ratio of 2 was blurred).
    """
    name = STATUS_TONES.get(status, "")
    colour = tone(name) if name else secondary_text()
    icon = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(14 * ratio, 14 * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.6))
        # A QColor, not QBrush(colour): the first QBrush(QColor) of a process costs ~7 ms
        # (PySide6 loads every type its overloads could convert from); this overload does not.
        painter.setBrush(colour if status != "new" else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(7, 7), 4.5, 4.5)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# How a track named in the content (`tracks: [...]`) is shown; unknown names show as written.
TRACK_TITLES = {"tiktok-25": "TikTok 25"}


class Navigator(QWidget):
    """Emits `question_selected(number)` / `guide_selected(id)` when the user picks an entry."""

    question_selected = Signal(int)
    guide_selected = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._states: dict[str, QuestionState] = {}
        self._statuses: dict[str, str] = {}
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._icons = {s: status_icon(s) for s in STATUS_TONES}

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search questions, answers, tags…")
        # Its clear button (an icon from the style, ~4 ms) is made on the first text typed.
        self.search.textChanged.connect(self._offer_clear_button)
        self.search.setToolTip("Filters as you type; every word must appear (Ctrl+F)")
        self.search.setObjectName("search")
        self.search.setAccessibleName("Search questions")

        self.category = QComboBox(self)
        self.category.addItem("All categories", None)
        for c in library.categories:
            self.category.addItem(c.title, c.id)
        self.category.setToolTip("Show one category only")
        self.difficulty = QComboBox(self)
        self.difficulty.addItem("Any difficulty", None)
        for d in DIFFICULTIES:
            self.difficulty.addItem(d.capitalize(), d)
        self.difficulty.setToolTip("Show questions of one difficulty only")
        self.bookmarked = QCheckBox("Bookmarked", self)
        self.bookmarked.setToolTip(
            "Only questions you bookmarked (Ctrl+D bookmarks the current one)"
        )
        self.unstudied = QCheckBox("Not yet studied", self)
        self.unstudied.setToolTip("Hide questions you marked as studied")
        self.track = QComboBox(self)
        self.track.setAccessibleName("Study track")
        self.track.setToolTip(
            "The whole library, or one track: the seed guide's 25 questions (TikTok 25)"
        )
        self._fill_tracks()

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setObjectName("navigation")
        self.tree.setAccessibleName("Questions and guides")
        self.summary = QLabel(self)
        self.summary.setObjectName("navSummary")
        self.no_match = QLabel(self)
        self.no_match.setObjectName("noMatch")
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        self.results = QTreeWidget(self)
        self.results.setHeaderHidden(True)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results, most relevant first")
        self.results.setWordWrap(False)  # two lines: the title, then the snippet (each elided)
        self.results.hide()
        self.results.currentItemChanged.connect(self._on_current_changed)

        filters_row = QHBoxLayout()
        filters_row.addWidget(self.category, 3)
        filters_row.addWidget(self.difficulty, 2)
        # Combos show what fits (the full names are in their lists); the check boxes and
        # the track wrap onto more lines at large text instead of widening the window.
        for combo in (self.category, self.difficulty, self.track):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(5)
        checks_row = FlowLayout()
        checks_row.addWidget(self.bookmarked)
        checks_row.addWidget(self.unstudied)
        checks_row.add_stretch()
        checks_row.addWidget(self.track)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters_row)
        layout.addLayout(checks_row)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)

        self._build_tree()
        # Filtering 25 questions is instant, but a short debounce keeps typing smooth as
        # content grows and avoids rebuilding the selection on every keystroke.
        self._refilter = QTimer(self, singleShot=True, interval=80)
        self._refilter.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._refilter.start)
        for combo in (self.category, self.difficulty, self.track):
            combo.currentIndexChanged.connect(self.apply_filters)
        for check in (self.bookmarked, self.unstudied):
            check.toggled.connect(self.apply_filters)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.apply_filters()

    # -- building -------------------------------------------------------------------------

    def _offer_clear_button(self, text: str) -> None:
        if text and not self.search.isClearButtonEnabled():
            self.search.setClearButtonEnabled(True)

    def _build_tree(self) -> None:
        self.tree.clear()
        self._items.clear()
        if self._library.guides:
            guides = QTreeWidgetItem(self.tree, ["Interview guide"])
            guides.setData(0, KIND_ROLE, "group")
            guides.setData(0, KEY_ROLE, "guides")
            guides.setFlags(guides.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for g in self._library.guides:
                item = QTreeWidgetItem(guides, [g.title])
                item.setData(0, KIND_ROLE, "guide")
                item.setData(0, KEY_ROLE, g.id)
                item.setToolTip(0, g.summary)
                self._items[("guide", g.id)] = item
            guides.setExpanded(True)
        for c in self._library.categories:
            group = QTreeWidgetItem(self.tree, [c.title])
            group.setData(0, KIND_ROLE, "group")
            group.setData(0, KEY_ROLE, c.id)
            group.setToolTip(0, c.description)
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for q in self._library.in_category(c.id):
                item = QTreeWidgetItem(group, [f"{q.number}. {q.question}"])
                item.setData(0, KIND_ROLE, "question")
                item.setData(0, KEY_ROLE, str(q.number))
                item.setToolTip(
                    0, f"{q.question}\nDifficulty: {q.difficulty} · Tags: {', '.join(q.tags)}"
                )
                self._items[("question", str(q.number))] = item
            group.setExpanded(True)

    def set_library(self, library: Library) -> None:
        """Show a different library (e.g. extended by a content pack), keeping the filters."""
        self._library = library
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("All categories", None)
        for c in library.categories:
            self.category.addItem(c.title, c.id)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.category.blockSignals(False)
        self._fill_tracks()
        self.tree.blockSignals(True)
        self._build_tree()
        self.tree.blockSignals(False)
        self.set_states(self._states)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A theme switch re-draws the status dots in the new theme's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._icons = {s: status_icon(s) for s in STATUS_TONES}
            if getattr(self, "_items", None) and hasattr(self, "_statuses"):
                self.set_states(self._states)

    def set_states(
        self, states: dict[str, QuestionState], statuses: Mapping[str, str] | None = None
    ) -> None:
        """Refresh the status dots, ★ bookmarks and ✓ studied marks; re-apply the filters."""
        self._states = dict(states)
        if statuses is not None:
            self._statuses = dict(statuses)
        for q in self._library.questions:
            item = self._items.get(("question", str(q.number)))
            if item is None:
                continue
            state = self._states.get(q.id)
            # The bookmark star leads, so a long title's elision never hides it.
            star = "★ " if state and state.bookmarked else ""
            marks = ""
            if state and state.known:
                marks += " ✔✔"
            elif state and state.studied:
                marks += " ✓"
            item.setText(0, f"{star}{q.number}. {q.question}{marks}")
            status = self._statuses.get(q.id)
            if status is not None:
                item.setIcon(0, self._icons[status])
                bookmarked = "; bookmarked" if state and state.bookmarked else ""
                item.setToolTip(
                    0,
                    f"{q.question}\nStatus: {STATUS_TEXT[status]}{bookmarked}\n"
                    f"Difficulty: {q.difficulty} · Tags: {', '.join(q.tags)}",
                )
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, status)
        self.apply_filters()

    def status_of(self, number: int) -> str | None:
        q = self._library.question(number)
        return self._statuses.get(q.id) if q else None

    # -- filtering ------------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(
            query=self.search.text(),
            category=self.category.currentData(),
            difficulty=self.difficulty.currentData(),
            bookmarked_only=self.bookmarked.isChecked(),
            unstudied_only=self.unstudied.isChecked(),
            track=self.track.currentData(),
        )

    def _fill_tracks(self) -> None:
        """ "Whole library" plus one entry per track the library's questions declare."""
        current = self.track.currentData()
        self.track.blockSignals(True)
        self.track.clear()
        self.track.addItem("Whole library", None)
        for name in self._library.tracks():
            self.track.addItem(TRACK_TITLES.get(name, name), name)
        index = self.track.findData(current)
        self.track.setCurrentIndex(max(index, 0))
        self.track.blockSignals(False)

    def apply_filters(self) -> None:
        f = self.filters()
        shown_total = 0
        for group in self._groups():
            key = group.data(0, KEY_ROLE)
            shown = 0
            for child in self._children(group):
                if child.data(0, KIND_ROLE) == "guide":
                    guide = next(g for g in self._library.guides if g.id == child.data(0, KEY_ROLE))
                    visible = guide_matches(guide, f)
                else:
                    q = self._library.question(int(child.data(0, KEY_ROLE)))
                    assert q is not None
                    visible = question_matches(q, self._states.get(q.id), f)
                    shown_total += visible
                child.setHidden(not visible)
                shown += visible
            total = group.childCount()
            title = "Interview guide" if key == "guides" else self._category_title(str(key))
            group.setText(0, f"{title}  ({shown}/{total})" if f.active else f"{title}  ({total})")
            group.setHidden(shown == 0)
        total_q = len(self._library.questions)
        self.summary.setText(
            f"{shown_total} of {total_q} questions match" if f.active else f"{total_q} questions"
        )
        if f.active and shown_total == 0 and not any(not g.isHidden() for g in self._groups()):
            query = f.query.strip()
            narrowed = f.category or f.difficulty or f.bookmarked_only or f.unstudied_only
            what = f"No question matches “{query}”" if query else "No question passes these filters"
            if query and narrowed:
                what += " with these filters"
            self.no_match.setText(
                f"<b>{what}.</b><br>Try fewer or shorter words, or clear the filters."
            )
            self.no_match.show()
        else:
            self.no_match.hide()
        self._fill_results(f)

    def _fill_results(self, f: Filters) -> None:
        """With a query: one list ranked by relevance, each result with its snippet."""
        query = f.query.strip()
        self.results.blockSignals(True)
        self.results.clear()
        self._result_items: dict[int, QTreeWidgetItem] = {}
        if not query:
            self.results.hide()
            self.tree.show()
            self.results.blockSignals(False)
            return
        pool = [
            q
            for q in self._library.questions
            if question_matches(
                q,
                self._states.get(q.id),
                Filters(
                    category=f.category,
                    difficulty=f.difficulty,
                    bookmarked_only=f.bookmarked_only,
                    unstudied_only=f.unstudied_only,
                    track=f.track,
                ),
            )
        ]
        for hit in rank_questions(pool, query):
            q = hit.question
            item = QTreeWidgetItem(self.results, [f"{q.number}. {q.question}\n    {hit.snippet}"])
            item.setData(0, KIND_ROLE, "question")
            item.setData(0, KEY_ROLE, str(q.number))
            item.setToolTip(0, f"Matched in the {hit.field}: {hit.snippet}")
            status = self._statuses.get(q.id)
            if status is not None:
                item.setIcon(0, self._icons[status])
            self._result_items[q.number] = item
        guides = [g for g in self._library.guides if guide_matches(g, f)]
        for g in guides:
            item = QTreeWidgetItem(self.results, [f"Guide: {g.title}"])
            item.setData(0, KIND_ROLE, "guide")
            item.setData(0, KEY_ROLE, g.id)
        found = self.results.topLevelItemCount() > 0
        self.results.setVisible(found)
        self.tree.setVisible(not found)  # empty, under the no-match message
        self.results.blockSignals(False)

    def _groups(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    @staticmethod
    def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        items = (group.child(j) for j in range(group.childCount()))
        return [item for item in items if item is not None]

    def _category_title(self, category_id: str) -> str:
        category = self._library.category(category_id)
        return category.title if category else category_id

    def visible_question_numbers(self) -> list[int]:
        """Numbers of the questions shown, in list order: next/previous walk this list."""
        if self.results.isVisibleTo(self) or self.search.text().strip():
            return list(getattr(self, "_result_items", {}))
        numbers = []
        for (kind, key), item in self._items.items():
            parent = item.parent()
            if (
                kind == "question"
                and not item.isHidden()
                and parent is not None
                and not parent.isHidden()
            ):
                numbers.append(int(key))
        return numbers

    # -- selection ------------------------------------------------------------------------

    def select_question(self, number: int) -> None:
        hit = getattr(self, "_result_items", {}).get(number)
        if hit is not None and hit is not self.results.currentItem():
            self.results.blockSignals(True)
            self.results.setCurrentItem(hit)
            self.results.blockSignals(False)
        item = self._items.get(("question", str(number)))
        if item is not None and item is not self.tree.currentItem():
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def select_guide(self, guide_id: str) -> None:
        item = self._items.get(("guide", guide_id))
        if item is not None and item is not self.tree.currentItem():
            self.tree.setCurrentItem(item)

    def _on_current_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if current is None:
            return
        kind = current.data(0, KIND_ROLE)
        if kind == "question":
            self.question_selected.emit(int(current.data(0, KEY_ROLE)))
        elif kind == "guide":
            self.guide_selected.emit(str(current.data(0, KEY_ROLE)))
