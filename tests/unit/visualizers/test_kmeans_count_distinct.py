"""`count_distinct`: k-means' "are there k distinct points?" check, against NumPy's unique rows."""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.kmeans.algorithm import check_data, count_distinct


@pytest.mark.parametrize("seed", range(6))
def test_counts_distinct_rows_up_to_the_limit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    pool = rng.integers(-3, 4, size=(rng.integers(1, 9), 2)).astype(float)
    data = pool[rng.integers(0, len(pool), 300)]  # many duplicates of a few rows
    truth = len(np.unique(data, axis=0))
    for limit in range(1, 13):
        assert count_distinct(data, limit) == min(truth, limit)


def test_rows_differing_in_one_column_are_distinct() -> None:
    data = np.array([[1.0, 2.0], [1.0, 3.0], [1.0, 2.0], [4.0, 2.0]])
    assert count_distinct(data, 10) == 3


def test_check_data_names_the_distinct_count() -> None:
    data = np.array([[0.0, 0.0]] * 50 + [[1.0, 1.0]] * 50)
    with pytest.raises(ValueError, match="only 2 distinct points"):
        check_data(data, 3)
    assert check_data(data, 2).shape == (100, 2)
