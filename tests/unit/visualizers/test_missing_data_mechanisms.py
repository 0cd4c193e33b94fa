"""How values go missing: the rate's bounds, the weighting's strength and cap, odd columns.

Written from the survivors of a mutation run (`make mutation MODULE=visualizers/missing_data/algorithm.py`).
The probabilities are exp(1.5·z) of the standardised column, scaled to the rate and capped
at 0.95; these tests measure both on large samples. No Qt.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from visualizers.missing_data.algorithm import make_missing, ols

N = 200_000


@pytest.mark.parametrize("rate", [0.0, 1.0, -0.1, 1.5])
def test_the_rate_must_be_strictly_between_zero_and_one(rate: float) -> None:
    with pytest.raises(ValueError, match=r"^the missing rate must be between 0 and 1$"):
        make_missing(np.zeros((10, 2)), 0, "MCAR", rate, seed=0)


def test_nearly_everything_may_go_missing() -> None:
    mask = make_missing(np.zeros((10_000, 2)), 0, "MCAR", 0.99, seed=0)
    assert mask.mean() == pytest.approx(0.99, abs=0.01)


def test_mar_needs_another_column_and_mnar_does_not() -> None:
    X = np.random.default_rng(0).normal(size=(50, 2))
    for driver in (None, 0):
        with pytest.raises(
            ValueError, match=r"^MAR needs a different, observed column to depend on$"
        ):
            make_missing(X, 0, "MAR", 0.3, seed=0, driver=driver)
    assert make_missing(X, 0, "MNAR", 0.3, seed=0).shape == (50,)
    with pytest.raises(
        ValueError, match=re.escape("unknown mechanism 'MISSING'; use one of MCAR, MAR, MNAR")
    ):
        make_missing(X, 0, "MISSING", 0.3, seed=0)


def test_a_standard_deviation_up_makes_a_value_e_to_the_1_5_times_likelier_to_go() -> None:
    z = np.random.default_rng(1).normal(size=N)
    mask = make_missing(z[:, None] * 4.0 + 10.0, 0, "MNAR", 0.02, seed=2)  # scale-free
    high = mask[np.abs(z - 1.0) < 0.25].mean()
    low = mask[np.abs(z + 1.0) < 0.25].mean()
    assert high / low == pytest.approx(math.exp(3.0), rel=0.5)  # e^(1.5 × 2) ≈ 20


def test_no_value_goes_missing_with_probability_above_0_95() -> None:
    z = np.random.default_rng(3).normal(size=N)
    mask = make_missing(z[:, None], 0, "MNAR", 0.6, seed=4)
    top = mask[z > np.quantile(z, 0.98)]  # 4,000 rows, all at the cap
    assert top.mean() == pytest.approx(0.95, abs=0.015)
    assert mask.mean() == pytest.approx(0.6, abs=0.02)


def test_a_constant_driver_means_every_row_is_equally_likely() -> None:
    X = np.column_stack([np.random.default_rng(5).normal(size=20_000), np.full(20_000, 3.0)])
    mask = make_missing(X, 0, "MAR", 0.25, seed=6, driver=1)
    assert mask.mean() == pytest.approx(0.25, abs=0.015)


def test_ols_returns_slopes_and_intercept() -> None:
    x = np.arange(10.0)[:, None]
    slopes, intercept = ols(x, 3.0 + 2.0 * x[:, 0])
    assert slopes == pytest.approx([2.0]) and intercept == pytest.approx(3.0)
