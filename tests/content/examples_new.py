"""Recomputations of the worked examples of questions 26 onward (see quotes.py)."""

from __future__ import annotations

from collections.abc import Callable

from tests.content.quotes import Quote

CHECKS: dict[int, Callable[[], list[Quote]]] = {}
