"""Test cases for practice problems and the checks that judge a learner's result (no Qt).

A `Case` carries the call the child makes (JSON-ready), the text shown for its input and the
expected result, and a `check` that turns the child's `CallResult` into `None` (passed) or
one sentence saying what is wrong. Checks run in the app's process on plain decoded data;
only the call itself runs in the child.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.practice.child import Opaque, encode_value
from app.practice.runner import CallResult

Check = Callable[[CallResult], str | None]


@dataclass(frozen=True)
class Case:
    """One test: `kind` is "fixed", "edge" or "random"."""

    id: str
    kind: str
    title: str
    call: dict[str, Any]
    shown_input: str
    expected_text: str
    check: Check


def call(target: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The JSON request for calling `target(*args, **kwargs)` in the child."""
    return {
        "target": target,
        "kind": "call",
        "args": encode_value(list(args)),
        "kwargs": {k: encode_value(v) for k, v in kwargs.items()},
    }


def sweep(target: str, seed_index: int, seeds: Sequence[int], *args: Any) -> dict[str, Any]:
    """The request for calling `target(*args)` once per seed, the seed at `args[seed_index]`."""
    return {
        "target": target,
        "kind": "sweep",
        "args": encode_value(list(args)),
        "kwargs": {},
        "seed_index": seed_index,
        "seeds": list(seeds),
    }


def session(
    target: str, init_args: Sequence[Any], ops: Sequence[tuple[str, Sequence[Any]]]
) -> dict[str, Any]:
    """The request for `obj = target(*init_args)` followed by method calls, results collected."""
    return {
        "target": target,
        "kind": "session",
        "args": encode_value(list(init_args)),
        "kwargs": {},
        "ops": [[name, encode_value(list(args))] for name, args in ops],
    }


# -- showing values -----------------------------------------------------------------------


def show(value: Any, limit: int = 160) -> str:
    """A compact, readable rendering of a value for the results list."""
    if isinstance(value, Opaque):
        text = str(value)
    elif isinstance(value, np.ndarray):
        text = np.array2string(
            value, precision=4, suppress_small=True, threshold=20, separator=", "
        )
        text = " ".join(text.split())
    elif isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, tuple):
        inner = ", ".join(show(v, limit) for v in value)
        text = f"({inner}{',' if len(value) == 1 else ''})"
    elif isinstance(value, list):
        text = (
            "["
            + ", ".join(show(v, limit) for v in value[:40])
            + (", …" if len(value) > 40 else "")
            + "]"
        )
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_args(*args: Any, **kwargs: Any) -> str:
    parts = [show(a, 120) for a in args] + [f"{k}={show(v, 120)}" for k, v in kwargs.items()]
    return ", ".join(parts)


RESOURCE_ERRORS = {
    "MemoryError": "ran out of memory (the limit is 1 GB of address space)",
    "RecursionError": "recursed too deeply (RecursionError): is a base case missing?",
}


def raised(result: CallResult) -> str:
    """What a failed call did, e.g. 'raised ZeroDivisionError: division by zero'."""
    if result.error_type in RESOURCE_ERRORS:
        return RESOURCE_ERRORS[result.error_type]
    message = f": {result.error_message}" if result.error_message else ""
    return f"raised {result.error_type}{message}"


def _hint_for(result: CallResult, hint: str) -> str:
    """A problem's hint, unless the call ran out of a resource (then the hint would mislead)."""
    return "" if result.error_type in RESOURCE_ERRORS else _hint(hint)


# -- checks -------------------------------------------------------------------------------


def as_float(value: Any) -> float | None:
    """`value` as a Python float, or None when it is not a single real number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return float(value.reshape(-1)[0])
    return None


def as_array(value: Any) -> np.ndarray | None:
    """`value` as a float array (lists and tuples of numbers count), or None."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    return array


def close(a: float, b: float, rtol: float, atol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= atol + rtol * abs(b)


def expect_number(
    expected: float, *, rtol: float = 1e-9, atol: float = 1e-9, hint: str = ""
) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected {show(expected)}, but it {raised(result)}" + _hint_for(result, hint)
        got = as_float(result.value)
        if got is None:
            return f"expected a number, got {show(result.value)}"
        if math.isnan(got):
            return f"expected {show(expected)}, got nan" + _hint(hint)
        if not close(got, expected, rtol, atol):
            return f"expected {show(expected)}, got {show(got)}" + _hint(hint)
        return None

    return check


def expect_array(
    expected: Any,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    what: str = "the result",
    hint: str = "",
) -> Check:
    reference = np.asarray(expected, dtype=np.float64)

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected {show(reference)}, but it {raised(result)}" + _hint_for(result, hint)
        return compare_array(result.value, reference, rtol=rtol, atol=atol, what=what, hint=hint)

    return check


def compare_array(
    value: Any, reference: np.ndarray, *, rtol: float, atol: float, what: str, hint: str = ""
) -> str | None:
    got = as_array(value)
    if got is None:
        return f"{what} should be an array of numbers, got {show(value)}"
    if got.shape != reference.shape:
        return f"{what} should have shape {reference.shape}, got shape {got.shape}" + _hint(hint)
    if not np.all(np.isfinite(got)):
        return f"{what} holds nan or inf: {show(got)}" + _hint(hint)
    if not np.allclose(got, reference, rtol=rtol, atol=atol):
        worst = float(np.max(np.abs(got - reference)))
        return (
            f"expected {what} {show(reference)}, got {show(got)} (largest gap {worst:.3g})"
            + _hint(hint)
        )
    return None


def expect_equal(
    expected: Any, *, hint: str = "", normalize: Callable[[Any], Any] | None = None
) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected {show(expected)}, but it {raised(result)}" + _hint_for(result, hint)
        got = normalize(result.value) if normalize else result.value
        if _plain(got) != _plain(expected):
            return f"expected {show(expected)}, got {show(result.value)}" + _hint(hint)
        return None

    return check


def _plain(value: Any) -> Any:
    """Lists, tuples and arrays compared as nested lists; NumPy scalars as Python numbers."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def expect_value_error(reason: str) -> Check:
    """The call must raise ValueError (or a subclass) because of `reason`."""

    def check(result: CallResult) -> str | None:
        if result.ok:
            got = show(result.value)
            return f"should raise ValueError ({reason}), but it returned {got}"
        if not result.is_value_error:
            return f"should raise ValueError ({reason}), but it {raised(result)}"
        return None

    return check


def _hint(hint: str) -> str:
    return f" — {hint}" if hint else ""


def same(got: Any, expected: Any, rtol: float = 1e-9, atol: float = 1e-9) -> bool:
    """Structural equality with a float tolerance: sequences (lists, tuples, arrays) by item."""
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and set(got) == set(expected)
            and all(same(got[k], v, rtol, atol) for k, v in expected.items())
        )
    if isinstance(expected, list | tuple | np.ndarray):
        if (
            isinstance(got, np.ndarray)
            and isinstance(expected, np.ndarray)
            and got.shape != expected.shape
        ):
            return False
        if not isinstance(got, list | tuple | np.ndarray) or len(got) != len(expected):
            return False
        return all(same(g, e, rtol, atol) for g, e in zip(got, expected, strict=True))
    expected_number = as_float(expected) if not isinstance(expected, str) else None
    if expected_number is not None:
        got_number = as_float(got)
        if got_number is None:
            return False
        if math.isnan(expected_number):
            return math.isnan(got_number)
        if math.isinf(expected_number):
            return got_number == expected_number
        return close(got_number, expected_number, rtol, atol)
    return bool(got == expected)


def expect_same(expected: Any, *, rtol: float = 1e-9, atol: float = 1e-9, hint: str = "") -> Check:
    """The result must equal `expected`, numbers within the tolerances."""

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected {show(expected)}, but it {raised(result)}" + _hint_for(result, hint)
        if not same(result.value, expected, rtol, atol):
            return f"expected {show(expected)}, got {show(result.value)}" + _hint(hint)
        return None

    return check


class CaseList:
    """Collects cases with running ids: `add(kind, title, call, shown, expected_text, check)`."""

    def __init__(self) -> None:
        self.cases: list[Case] = []

    def add(
        self,
        kind: str,
        title: str,
        request: dict[str, Any],
        shown: str,
        expected: str,
        check: Check,
    ) -> None:
        self.cases.append(
            Case(f"{kind}-{len(self.cases) + 1}", kind, title, request, shown, expected, check)
        )

    def against(
        self,
        kind: str,
        title: str,
        target: str,
        reference: Callable[..., Any],
        *args: Any,
        raises: str = "",
        rtol: float = 1e-9,
        atol: float = 1e-9,
        hint: str = "",
    ) -> None:
        """A call judged against the reference's result (or its ValueError, with `raises`)."""
        request = call(target, *args)
        if raises:
            self.add(
                kind, title, request, show_args(*args), "ValueError", expect_value_error(raises)
            )
            return
        expected = reference(*args)
        self.add(
            kind,
            title,
            request,
            show_args(*args),
            show(expected),
            expect_same(expected, rtol=rtol, atol=atol, hint=hint),
        )

    def session(
        self,
        kind: str,
        title: str,
        target: str,
        reference: Callable[..., Any],
        init: Sequence[Any],
        ops: Sequence[tuple[str, Sequence[Any]]],
        *,
        raises: str = "",
    ) -> None:
        """An object built with `init`, then `ops` called in turn; the list of results is judged."""
        request = session(target, init, ops)
        shown = f"{target}{tuple(init)!r}; " + "; ".join(f"{m}({show_args(*a)})" for m, a in ops)
        if raises:
            self.add(kind, title, request, shown, "ValueError", expect_value_error(raises))
            return
        instance = reference(*init)
        expected = [getattr(instance, m)(*a) for m, a in ops]
        self.add(kind, title, request, shown, show(expected), expect_same(expected))
