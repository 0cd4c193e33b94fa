"""The one shortcut table (pure): no key is given to two actions, the player's keys included."""

from __future__ import annotations

from collections import Counter

from app.shortcuts import SCREEN_KEYS, SHORTCUTS
from visualizers.core.keys import PLAYER_KEYS


def test_no_two_window_actions_share_a_key() -> None:
    keys = Counter(s.keys for s in SHORTCUTS.values() if s.keys)
    assert [k for k, n in keys.items() if n > 1] == []


def test_ids_labels_and_groups_are_filled_in() -> None:
    for action_id, entry in SHORTCUTS.items():
        assert entry.id == action_id and entry.label and entry.tip and entry.group


def test_the_dialog_lists_the_players_keys_from_the_players_table() -> None:
    listed = {(label, keys) for where, label, keys in SCREEN_KEYS if where == "Visualizer"}
    assert listed == {(label, keys) for _name, label, keys in PLAYER_KEYS}
