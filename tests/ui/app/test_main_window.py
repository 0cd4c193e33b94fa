"""The study window driven like a user would: navigate, search, reveal, bookmark, restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu, QMenuBar
from pytestqt.qtbot import QtBot

from app.content import load_library
from app.main_window import MainWindow
from app.store import Store
from app.theme import ThemeChoice, is_dark

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[WindowFactory]:
    library = load_library()
    opened: list[tuple[MainWindow, Store]] = []

    def make() -> MainWindow:
        store = Store(tmp_path / "progress.sqlite3")
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, store, settings)
        opened.append((window, store))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert window.tabs.currentWidget() is window.today  # the start page
        window.tabs.setCurrentWidget(window.question_view)
        return window

    yield make
    for window, store in opened:
        window.close()
        store.close()


def _visible_questions(window: MainWindow) -> list[int]:
    return window.navigator.visible_question_numbers()


def test_starts_on_first_question_with_answer_hidden(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.question_view.question is not None
    assert window.question_view.question.number == 1
    text = window.question_view.browser.toPlainText()
    assert "bias" in text.lower()
    assert "Key points" not in text
    assert window.reveal_action.isEnabled()


def test_reveal_shows_answer_sections(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    text = window.question_view.browser.toPlainText()
    for section in (
        "Answer",
        "Key points",
        "Worked example",
        "What the interviewer asks next",
        "Pitfalls",
    ):
        assert section in text
    assert not window.question_view.reveal_button.isEnabled()


def test_clicking_a_question_in_the_tree_opens_it(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    item = window.navigator._items[("question", "15")]
    rect = window.navigator.tree.visualItemRect(item)
    window.navigator.tree.scrollToItem(item)
    rect = window.navigator.tree.visualItemRect(item)
    qtbot.mouseClick(window.navigator.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.question_view.question is not None
    assert window.question_view.question.number == 15


def test_next_and_previous_follow_the_list(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.question_view.question and window.question_view.question.number == 2
    window.previous_question()
    assert window.question_view.question and window.question_view.question.number == 1


def test_search_filters_as_you_type(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.navigator.search.hasFocus()
    qtbot.keyClicks(window.navigator.search, "centroid")
    qtbot.waitUntil(
        lambda: (
            23 in _visible_questions(window)
            and len(_visible_questions(window)) < len(window.library.questions)
        )
    )
    assert "match" in window.navigator.summary.text()
    window.next_question()  # next/previous walk the filtered list
    assert (
        window.question_view.question
        and window.question_view.question.number in _visible_questions(window)
    )
    window.navigator.search.clear()
    qtbot.waitUntil(lambda: len(_visible_questions(window)) == len(window.library.questions))


def test_category_filter_and_counts(make_window: WindowFactory) -> None:
    window = make_window()
    nav = window.navigator
    nav.category.setCurrentIndex(nav.category.findData("coding"))
    assert _visible_questions(window) == [21, 22, 23, 24, 25]
    coding_group = next(g for g in nav._groups() if g.text(0).startswith("Coding"))
    assert "(5/5)" in coding_group.text(0)


def test_bookmark_survives_restart(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.show_question(7)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.question_view.bookmark_button.isChecked()
    window.question_view.notes.setPlainText("CNN: weight sharing")
    window.close()

    again = make_window()
    assert (
        again.question_view.question and again.question_view.question.number == 7
    )  # last position
    assert again.question_view.bookmark_button.isChecked()
    assert again.question_view.notes.toPlainText() == "CNN: weight sharing"
    again.navigator.bookmarked.setChecked(True)
    assert _visible_questions(again) == [7]
    assert "★" in again.navigator._items[("question", "7")].text(0)


def test_related_link_navigates(make_window: WindowFactory) -> None:
    window = make_window()
    window.show_question(25)
    window.question_view.reveal()
    related = window.question_view.question.related  # type: ignore[union-attr]
    assert related
    window.question_view.related_requested.emit(related[0])
    assert window.question_view.question and window.question_view.question.number == related[0]


def test_coding_question_shows_the_real_source(make_window: WindowFactory) -> None:
    window = make_window()
    window.show_question(21)
    window.question_view.reveal()
    text = window.question_view.browser.toPlainText()
    assert "def cosine_similarity(" in text
    assert "similarity/algorithm.py" in text


def test_reading_mode_shows_answers_and_persists(make_window: WindowFactory) -> None:
    window = make_window()
    window.reading_action.trigger()
    window.show_question(3)
    assert "Key points" in window.question_view.browser.toPlainText()
    window.close()
    again = make_window()
    assert again.reading_action.isChecked()


def test_guide_pages_are_browsable(make_window: WindowFactory) -> None:
    window = make_window()
    guide = window.library.guides[0]
    window.show_guide(guide.id)
    assert guide.title in window.question_view.browser.toPlainText()
    assert not window.reveal_action.isEnabled()


def test_theme_override(make_window: WindowFactory) -> None:
    window = make_window()
    window.set_theme(ThemeChoice.DARK)
    assert is_dark()
    window.set_theme(ThemeChoice.LIGHT)
    assert not is_dark()
    assert window.settings.value("theme") == "light"


def test_every_action_with_a_shortcut_is_in_a_menu(make_window: WindowFactory) -> None:
    window = make_window()
    in_menus = set()
    stack: list[QMenu | QMenuBar] = [window.menuBar()]
    while stack:
        menu = stack.pop()
        for a in menu.actions():
            submenu = a.menu()
            if isinstance(submenu, QMenu):
                stack.append(submenu)
            in_menus.add(a)
    for action in window.actions():
        if not action.shortcut().isEmpty():
            assert action in in_menus, action.text()


def test_corrupt_database_shows_a_banner(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"garbage" * 500)
    store = Store(path)
    window = MainWindow(
        load_library(), store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    assert store.recovery_message
    window.show_banner(store.recovery_message)
    window.show()
    assert window.banner.isVisible() and "moved aside" in window.banner_label.text()
    window.close()
    store.close()


def test_content_pack_is_validated_before_it_is_shown(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text))
    )
    window = make_window()
    source = next(
        window.library.in_category("coding")[0].source.parent.glob("q21_*.yaml")
    ).read_text()
    pack = tmp_path / "pack" / "questions"
    pack.mkdir(parents=True)
    good = source.replace("number: 21", "number: 921").replace(
        "id: cosine-similarity", "id: cosine-again"
    )
    (pack / "q921.yaml").write_text(good, encoding="utf-8")
    (pack / "q922.yaml").write_text("number: [", encoding="utf-8")
    assert not window.open_content_pack(pack.parent)
    assert warnings and "Nothing from" in warnings[0] and "q922.yaml" in warnings[0]
    assert 921 not in window.navigator.visible_question_numbers()

    (pack / "q922.yaml").unlink()
    assert window.open_content_pack(pack.parent)
    assert 921 in window.navigator.visible_question_numbers()
    window.show_question(921)
    assert window.question_view.question is not None and window.question_view.question.number == 921


def test_switching_questions_leaves_no_stale_checklist_rows(make_window: WindowFactory) -> None:
    """Regression: the previous question's key-point rows stayed visible (painting over the
    new ones) until the event loop ran their deleteLater."""
    from PySide6.QtWidgets import QCheckBox

    window = make_window()
    window.show_question(1)
    window.question_view.reveal()
    window.show_question(21)
    window.question_view.reveal()
    box = window.question_view.recall.checklist_box
    visible = [c for c in box.findChildren(QCheckBox) if c.isVisible()]
    q21 = window.library.question(21)
    assert q21 is not None and len(visible) == len(q21.key_points)


def test_visualizer_titles_with_ampersands_are_shown_literally(make_window: WindowFactory) -> None:
    """Regression: "Precision, recall & the threshold" showed as "recall _the threshold"."""
    window = make_window()
    window.show_question(24)
    assert window.question_view.visualizer_button.text() == "▶ Precision, recall && the threshold"
    view = window.open_visualizer("pr_threshold")
    assert view is not None
    assert window.tabs.tabText(window.tabs.indexOf(view)) == "Precision, recall && the threshold"
    window.visualizers_menu.aboutToShow.emit()
    assert any(
        a.text() == "Precision, recall && the threshold" for a in window.visualizers_menu.actions()
    )


def test_visualizers_menu_is_filled_once_when_first_opened(make_window: WindowFactory) -> None:
    """The menu's entries are read from the registry after start-up, not while building the
    window: on first opening, or after the first paint, whichever comes first, and once."""
    from app.shortcuts import literal_label
    from visualizers.core import registry

    window = make_window()
    assert window.visualizers_menu.isEmpty()
    window.visualizers_menu.aboutToShow.emit()
    titles = [a.text() for a in window.visualizers_menu.actions()]
    assert titles == [literal_label(spec.title) for spec in registry.all_specs()]
    window.finish_startup()
    window.visualizers_menu.aboutToShow.emit()
    assert [a.text() for a in window.visualizers_menu.actions()] == titles


def test_finishing_start_up_sets_its_objects_aside_from_the_collector(
    make_window: WindowFactory,
) -> None:
    import gc

    window = make_window()
    gc.unfreeze()  # whatever an earlier test froze
    window.finish_startup()
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    assert frozen > 10_000  # the modules, classes and window of start-up


def test_other_visualizers_listing_a_question_are_offered(make_window: WindowFactory) -> None:
    """Question 8 links the playground; the bias–variance visualizer lists it too."""
    window = make_window()
    window.show()
    window.show_question(8)
    view = window.question_view
    assert view.visualizer_ids()[0] == "neural_network"
    assert view.more_visualizers_button.isVisible()
    [action] = view.more_visualizers_menu.actions()
    assert action.text() == "▶ Bias–variance tradeoff"
    action.trigger()
    current = window.tabs.currentWidget()
    assert getattr(getattr(current, "spec", None), "id", None) == "bias_variance"
    # A question with no link of its own gets the spec's visualizer as its main button.
    window.show_question(11)
    assert view.visualizer_button.isVisible()
    assert view.visualizer_ids() == ["similarity"]
    assert not view.more_visualizers_button.isVisible()
    # A question no visualizer lists shows neither button.
    window.show_question(9)
    assert not view.visualizer_button.isVisible()
    assert not view.more_visualizers_button.isVisible()
