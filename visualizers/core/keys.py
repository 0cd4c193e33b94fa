"""The visualizer player's keys (pure data): the player binds them, the app lists them."""

from __future__ import annotations

# (player slot name, what it does, portable QKeySequence text)
PLAYER_KEYS: tuple[tuple[str, str, str], ...] = (
    ("toggle", "Play / pause", "Space"),
    ("forward", "Step forward", "Right"),
    ("back", "Step back", "Left"),
    ("reset", "Reset", "Home"),
)
