"""A state the loading worker must not read, for the tests of off-thread runs.

`RunPlan.build()` and `stepper_for_csv` run on a worker: they may use only what the plan
captured, never the live state. A test state mixes in `Sealable` (listing in `GUARDED`
what the worker must not read) and runs the worker's part inside `with sealed(state):`;
reading a guarded attribute there fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar


class Sealable:
    """Mix in before a state class; `GUARDED` names the data and caches a worker must not read."""

    GUARDED: ClassVar[tuple[str, ...]] = ()
    sealed = False

    def __getattribute__(self, name: str) -> Any:
        if name in type(self).GUARDED and object.__getattribute__(self, "sealed"):
            raise AssertionError(f"the loading worker read state.{name}")
        return object.__getattribute__(self, name)


@contextmanager
def sealed(state: Sealable | None) -> Iterator[None]:
    """While inside, reading `state`'s guarded attributes fails the test (None: no state)."""
    if state is None:
        yield
        return
    state.sealed = True
    try:
        yield
    finally:
        state.sealed = False
