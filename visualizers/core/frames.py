"""Immutable frames, the stepper protocol and the frame history the player indexes (pure, no Qt).

A stepper turns parameters and a seed into a sequence of frames: `first()` then
`advance(previous)` until a frame says it is `finished`. Frames never change after they
are made, so the history can hand out any earlier one: stepping back and scrubbing are
indexing, and the same seed and parameters replay the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Frame:
    """Base of every visualizer's frame; subclasses add their (read-only) arrays."""

    step: int
    explanation: str
    finished: bool = False
    # Set when the run stopped because something went wrong (e.g. divergence).
    error: str | None = None


class Stepper[F: Frame](Protocol):
    """A pure, seeded producer of frames."""

    def first(self) -> F:
        """The frame before any step (step 0)."""
        ...

    def advance(self, frame: F) -> F:
        """The frame after `frame`; only called while `frame.finished` is False."""
        ...


def _adopt_nothing(_stepper: object) -> None:
    pass


@dataclass(frozen=True)
class RunPlan[F: Frame]:
    """A run to build off the GUI thread, split where threads meet.

    `build()` runs on a worker: it may read only what the plan captured (an immutable
    snapshot of the state's data and parameters), never the live state. `adopt(stepper)`
    runs afterwards on the GUI thread and installs what the state caches about the run
    (its dataset, the stepper it narrates). A plan superseded or cancelled is dropped
    without `adopt`, so the state never sees it.
    """

    build: Callable[[], Stepper[F]]
    adopt: Callable[[Stepper[F]], None] = field(default=_adopt_nothing)


def read_only[T: np.generic](array: NDArray[T]) -> NDArray[T]:
    """A read-only copy of `array` (same dtype), so a frame's data can't change behind the
    history's back. The one array freezer every visualizer uses."""
    copy: NDArray[T] = np.array(array, copy=True)
    copy.flags.writeable = False
    return copy


class History[F: Frame]:
    """Frames produced so far by one stepper; computes ahead lazily, never recomputes.

    `limit` caps the run length: the frame at index `limit - 1` is the last one, so a
    stepper that never converges can't grow memory without bound.
    """

    def __init__(self, stepper: Stepper[F], limit: int = 5000) -> None:
        if limit < 1:
            raise ValueError("a history needs room for at least one frame")
        self._stepper = stepper
        self._limit = limit
        self._frames: list[F] = [stepper.first()]

    def __len__(self) -> int:
        return len(self._frames)

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def stepper(self) -> Stepper[F]:
        """The stepper these frames come from."""
        return self._stepper

    @property
    def complete(self) -> bool:
        """True once the last frame is finished or the step limit is reached."""
        return self._frames[-1].finished or len(self._frames) >= self._limit

    @property
    def last(self) -> F:
        return self._frames[-1]

    def extend_to(self, index: int) -> int:
        """Compute frames up to `index` (or until the run completes); returns the last valid index."""
        while len(self._frames) <= index and not self.complete:
            self._frames.append(self._stepper.advance(self._frames[-1]))
        return min(index, len(self._frames) - 1)

    def __getitem__(self, index: int) -> F:
        if index < 0:
            raise IndexError("frame indices start at 0")
        return self._frames[self.extend_to(index)]

    def frames(self) -> tuple[F, ...]:
        """The frames computed so far."""
        return tuple(self._frames)
