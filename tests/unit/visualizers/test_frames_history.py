"""History (lazy, bounded, never recomputes) and Parameter / VisualizerSpec resolution."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from visualizers.core.frames import Frame, History, read_only
from visualizers.core.registry import Parameter, VisualizerSpec


@dataclasses.dataclass(frozen=True)
class CountFrame(Frame):
    value: int = 0


class Counter:
    """Counts up to `stop`; records how often it was asked to advance."""

    def __init__(self, stop: int = 10) -> None:
        self.stop = stop
        self.calls = 0

    def first(self) -> CountFrame:
        return CountFrame(step=0, explanation="0", value=0)

    def advance(self, frame: CountFrame) -> CountFrame:
        self.calls += 1
        n = frame.value + 1
        return CountFrame(step=n, explanation=str(n), value=n, finished=n >= self.stop)


def test_history_computes_lazily_and_never_recomputes() -> None:
    stepper = Counter()
    history = History(stepper)
    assert len(history) == 1 and stepper.calls == 0
    assert history[4].value == 4 and stepper.calls == 4
    same = history[2]
    assert history[2] is same and stepper.calls == 4  # scrubbing back is indexing


def test_history_stops_at_finished_and_clamps_indices() -> None:
    history = History(Counter(stop=3))
    assert history.extend_to(100) == 3
    assert history.complete and history.last.finished
    assert history[50].value == 3
    with pytest.raises(IndexError):
        history[-1]


def test_history_limit_bounds_a_run_that_never_finishes() -> None:
    history = History(Counter(stop=10**9), limit=5)
    assert history.extend_to(10**6) == 4
    assert len(history) == 5 and history.complete
    with pytest.raises(ValueError):
        History(Counter(), limit=0)


def test_same_stepper_same_frames() -> None:
    a, b = History(Counter()), History(Counter())
    a.extend_to(9)
    b.extend_to(9)
    assert a.frames() == b.frames()


def test_frames_are_immutable_and_read_only_copies() -> None:
    frame = CountFrame(step=0, explanation="")
    with pytest.raises(dataclasses.FrozenInstanceError):
        frame.value = 3  # type: ignore[misc]
    source = np.arange(3.0)
    ro = read_only(source)
    source[0] = 99.0
    assert ro[0] == 0.0
    with pytest.raises(ValueError):
        ro[1] = 5.0


def test_parameter_clamps_and_coerces() -> None:
    rate = Parameter("lr", "η", "float", 0.1, minimum=1e-4, maximum=3.0, log_scale=True)
    assert rate.clamp(10) == 3.0
    assert rate.clamp(-1) == 1e-4
    assert rate.clamp("0.5") == 0.5
    assert rate.clamp(math.nan) == 0.1
    assert rate.clamp("abc") == 0.1
    count = Parameter("n", "n", "int", 5, minimum=1, maximum=10)
    assert count.clamp(7.6) == 8 and isinstance(count.clamp(7.6), int)
    mode = Parameter("m", "m", "choice", "a", choices=("a", "b"))
    assert mode.clamp("b") == "b" and mode.clamp("z") == "a"
    assert Parameter("f", "f", "bool", False).clamp(1) is True


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "float", "default": 1.0},  # no range
        {"kind": "float", "default": 5.0, "minimum": 0.0, "maximum": 1.0},
        {"kind": "float", "default": 0.5, "minimum": 0.0, "maximum": 1.0, "log_scale": True},
        {"kind": "choice", "default": "z", "choices": ("a",)},
    ],
)
def test_parameter_rejects_inconsistent_declarations(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Parameter("p", "p", **kwargs)


def test_spec_resolve_overlays_defaults_and_ignores_unknown_names() -> None:
    spec = VisualizerSpec(
        id="x",
        title="X",
        description="",
        questions=(1,),
        view="m:C",
        parameters=(Parameter("n", "n", "int", 5, minimum=1, maximum=10),),
    )
    assert spec.resolve({"n": 99, "other": 1}) == {"n": 10}
    assert spec.defaults() == {"n": 5}
    with pytest.raises(KeyError):
        spec.parameter("missing")
