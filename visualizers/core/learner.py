"""A learner's own run of an algorithm, for a visualizer to draw beside its reference (pure).

"Animate my code" (the practice pane) asks a visualizer's state for a `LearnerPlan`: the
calls of the learner's function (plain arrays and numbers, built from the run on screen)
whose results are the learner's version of the reference's steps. The app runs those
calls in its sandboxed child process — a visualizer never imports or executes the
learner's code — and hands the plain results back as `LearnerResult`s. The state turns
them into a `LearnerRun`: what to draw at each reference frame, and where the two first
differ. The player then drives both: one frame index, yours and the reference's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from visualizers.core.frames import Frame, History, Stepper

FloatArray = NDArray[np.float64]
MAX_REFERENCE_FRAMES = 2000  # a learner run compares at most this many reference frames


@dataclass(frozen=True)
class LearnerCall:
    """`function(*args)` with plain values; its result is the learner's state at `frame`."""

    function: str
    args: tuple[Any, ...]
    frame: int  # the reference frame index this call's result belongs to


@dataclass(frozen=True)
class LearnerPlan:
    """The calls to run in the child, and a sentence saying what they are."""

    function: str
    calls: tuple[LearnerCall, ...]
    note: str


@dataclass(frozen=True)
class LearnerResult:
    """One call's plain result (decoded from the child), or why there is none."""

    value: Any = None
    error: str = ""


@dataclass(frozen=True)
class LearnerRun[T]:
    """The learner's drawable state per reference frame (None: nothing to draw there yet)."""

    per_frame: tuple[T | None, ...]
    errors: tuple[str, ...]  # per frame: why the learner's result there is missing or unusable
    difference: int | None  # the first frame where the learner's run differs, if any
    difference_text: str  # says where and how, with numbers ("" when they agree)
    summary: str  # one sentence for the strip above the plots
    extra: dict[str, Any] = field(default_factory=dict)

    def at(self, index: int) -> T | None:
        """The learner's state at reference frame `index` (the last one past the end)."""
        if not self.per_frame:
            return None
        return self.per_frame[min(max(index, 0), len(self.per_frame) - 1)]

    def error_at(self, index: int) -> str:
        if not self.errors:
            return ""
        return self.errors[min(max(index, 0), len(self.errors) - 1)]

    def comparison(self, index: int) -> str:
        """A sentence for the narration of frame `index` comparing the two runs."""
        if self.difference is None:
            return "Your code agrees with the reference at every step shown."
        if index < self.difference:
            return (
                f"Your code agrees with the reference so far; they first differ at step "
                f"{self.difference}. {self.difference_text}"
            )
        return f"First difference — {self.difference_text}"


def walk[F: Frame](stepper: Stepper[F], limit: int = MAX_REFERENCE_FRAMES) -> list[F]:
    """Every frame of `stepper`'s run, up to `limit` frames (the reference the learner meets)."""
    history = History(stepper, limit=limit)
    history.extend_to(limit - 1)
    return list(history.frames())


def plain_array(value: Any, shape: tuple[int, ...] | None = None) -> FloatArray | None:
    """`value` as a finite-or-not float array of `shape` (None if it isn't one)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    if shape is not None and array.shape != shape:
        return None
    return array


def pair(value: Any) -> tuple[Any, Any] | None:
    """A two-item result (a tuple or list) split, else None."""
    if isinstance(value, tuple | list) and len(value) == 2:
        return value[0], value[1]
    return None


def result_error(result: LearnerResult | None) -> str:
    """Why `result` has no value ("" when it has one)."""
    if result is None:
        return "no result (the run was cut short)"
    return result.error


def fmt_point(point: Sequence[float] | FloatArray) -> str:
    """(x, y) with four significant digits, "nan" kept visible."""
    return "(" + ", ".join(f"{float(v):.4g}" for v in point) + ")"
