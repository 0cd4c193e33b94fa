"""The navigation pane: search box, filters, and the tree of guide pages and questions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
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
from app.search import Filters, guide_matches, question_matches
from app.store import QuestionState

KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class Navigator(QWidget):
    """Emits `question_selected(number)` / `guide_selected(id)` when the user picks an entry."""

    question_selected = Signal(int)
    guide_selected = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._states: dict[str, QuestionState] = {}
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search questions, answers, tags…")
        self.search.setClearButtonEnabled(True)
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

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setObjectName("navigation")
        self.tree.setAccessibleName("Questions and guides")
        self.summary = QLabel(self)
        self.summary.setObjectName("navSummary")

        filters_row = QHBoxLayout()
        filters_row.addWidget(self.category, 3)
        filters_row.addWidget(self.difficulty, 2)
        checks_row = QHBoxLayout()
        checks_row.addWidget(self.bookmarked)
        checks_row.addWidget(self.unstudied)
        checks_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters_row)
        layout.addLayout(checks_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)

        self._build_tree()
        # Filtering 25 questions is instant, but a short debounce keeps typing smooth as
        # content grows and avoids rebuilding the selection on every keystroke.
        self._refilter = QTimer(self, singleShot=True, interval=80)
        self._refilter.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._refilter.start)
        for combo in (self.category, self.difficulty):
            combo.currentIndexChanged.connect(self.apply_filters)
        for check in (self.bookmarked, self.unstudied):
            check.toggled.connect(self.apply_filters)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.apply_filters()

    # -- building -------------------------------------------------------------------------

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
        self.tree.blockSignals(True)
        self._build_tree()
        self.tree.blockSignals(False)
        self.set_states(self._states)

    def set_states(self, states: dict[str, QuestionState]) -> None:
        """Refresh progress markers (★ bookmarked, ✓ studied) and re-apply the filters."""
        self._states = dict(states)
        for q in self._library.questions:
            item = self._items.get(("question", str(q.number)))
            if item is None:
                continue
            state = self._states.get(q.id)
            marks = ""
            if state and state.bookmarked:
                marks += " ★"
            if state and state.known:
                marks += " ✔✔"
            elif state and state.studied:
                marks += " ✓"
            item.setText(0, f"{q.number}. {q.question}{marks}")
        self.apply_filters()

    # -- filtering ------------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(
            query=self.search.text(),
            category=self.category.currentData(),
            difficulty=self.difficulty.currentData(),
            bookmarked_only=self.bookmarked.isChecked(),
            unstudied_only=self.unstudied.isChecked(),
        )

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
        """Numbers of the questions shown, in tree order: next/previous walk this list."""
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
