"""How a worked example's quoted number is checked against an independent recomputation.

A `Quote` pairs a literal snippet of a question's text (for example ``"≈ 0.667"``) with the
value the test computed from the example's inputs. The snippet must occur in the question,
and the last number in it, read with the precision it is quoted to, must match the value.
Editing a number in the YAML without redoing the arithmetic therefore fails a test.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Quote:
    """A snippet quoted in a question and the value recomputed for its last number."""

    text: str
    value: float
    tol: float | None = None  # absolute tolerance; default: half a unit of the last digit


def q(text: str, value: float, tol: float | None = None) -> Quote:
    return Quote(text, float(value), tol)


def quoted_number(snippet: str) -> tuple[float, int]:
    """The last number in `snippet` and its count of decimals ("1,234.50" -> (1234.5, 2))."""
    found = NUMBER.findall(snippet)
    if not found:
        raise ValueError(f"no number in {snippet!r}")
    token = found[-1].replace("−", "-").replace(",", "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    return float(token), decimals


def matches(quote: Quote) -> tuple[bool, str]:
    """Does the quoted number agree with the recomputed value at the precision it is quoted to?"""
    number, decimals = quoted_number(quote.text)
    tol = quote.tol if quote.tol is not None else 0.5 * 10.0**-decimals + 1e-9
    ok = math.isfinite(quote.value) and abs(number - quote.value) <= tol * (1 + 1e-9)
    return ok, f"{quote.text!r} quotes {number}, recomputed {quote.value:.6g} (tol {tol:g})"
