"""The checker itself must be able to fail: wrong numbers, wrong precision, missing snippets."""

from __future__ import annotations

from tests.content.quotes import matches, q, quoted_number


def test_reads_the_last_number_with_its_precision() -> None:
    assert quoted_number("F1 ≈ 0.667") == (0.667, 3)
    assert quoted_number("1,000,000 rows") == (1_000_000.0, 0)
    assert quoted_number("change of −0.25") == (-0.25, 2)


def test_accepts_rounding_to_the_quoted_digits_only() -> None:
    assert matches(q("≈ 0.667", 2 / 3))[0]
    assert not matches(q("≈ 0.668", 2 / 3))[0]
    assert not matches(q("≈ 0.67", 0.6751))[0]
    assert matches(q("about 80", 84.0, tol=10))[0]
