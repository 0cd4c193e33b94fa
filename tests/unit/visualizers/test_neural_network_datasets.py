"""The playground's toy problems, checked against their geometry (no training needed).

With no noise every point lies exactly on its curve: the two moons' arcs, the circles'
radii, the spirals' arms; XOR's labels are the quadrant rule; the blobs sit around their
centres. Noise is added last, with the spread asked for.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.neural_network.algorithm import DATASETS, make_dataset


@pytest.mark.parametrize("n", [40, 41])
def test_two_moons_lie_on_their_two_half_circles(n: int) -> None:
    X, y = make_dataset("two moons", n, 0.0, seed=1)
    half = n // 2
    assert X.shape == (n, 2) and X.dtype == np.float64 and y.dtype == np.int64
    assert list(y) == [0] * half + [1] * (n - half)
    shift = np.array([0.5, 0.25])
    upper = X[:half] + shift  # centred on the origin, above it
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0, atol=1e-12)
    assert (upper[:, 1] >= -1e-12).all()
    lower = X[half:] + shift - np.array([1.0, 0.5])  # centred on (1, 0.5), below it
    np.testing.assert_allclose(np.hypot(*lower.T), 1.0, atol=1e-12)
    assert (lower[:, 1] <= 1e-12).all()
    assert np.ptp(np.arctan2(upper[:, 1], upper[:, 0])) > 2.0  # spread along the arc


@pytest.mark.parametrize("n", [50, 51])
def test_circles_are_an_outer_ring_and_an_inner_one(n: int) -> None:
    X, y = make_dataset("circles", n, 0.0, seed=2)
    half = n // 2
    assert list(y) == [0] * half + [1] * (n - half)
    radius = np.hypot(*X.T)
    np.testing.assert_allclose(radius[:half], 1.0, atol=1e-12)
    np.testing.assert_allclose(radius[half:], 0.45, atol=1e-12)
    angles = np.arctan2(X[:, 1], X[:, 0])
    assert (angles < -1.0).any() and (angles > 1.0).any()  # all the way round


@pytest.mark.parametrize("n", [60, 61])
def test_spirals_wind_out_in_opposite_directions(n: int) -> None:
    X, y = make_dataset("spirals", n, 0.0, seed=3)
    half = n // 2
    assert list(y) == [0] * half + [1] * (n - half)
    r = np.hypot(*X.T)
    assert r.max() <= 0.45 * 3 + 1e-12
    t = r * np.pi / 0.45  # the angle that put each point at its radius
    arm = np.c_[np.cos(t), np.sin(t)] * r[:, None]
    np.testing.assert_allclose(X[:half], arm[:half], atol=1e-9)
    np.testing.assert_allclose(X[half:], -arm[half:], atol=1e-9)
    assert t.max() > 2 * np.pi  # more than one turn


def test_xor_labels_the_quadrants() -> None:
    X, y = make_dataset("xor", 400, 0.0, seed=4)
    assert np.abs(X).max() <= 1.0 and X.min() < -0.9 and X.max() > 0.9
    np.testing.assert_array_equal(y, (X[:, 0] > 0) ^ (X[:, 1] > 0))
    assert 0.4 < y.mean() < 0.6


def test_blobs_sit_around_three_centres() -> None:
    X, y = make_dataset("gaussian blobs", 3_000, 0.0, seed=5)
    centres = np.array([[-0.8, -0.6], [0.8, -0.6], [0.0, 0.8]])
    assert set(np.unique(y)) == {0, 1, 2}
    for label, centre in enumerate(centres):
        points = X[y == label]
        np.testing.assert_allclose(points.mean(axis=0), centre, atol=0.05)
        assert points.std(axis=0) == pytest.approx([0.3, 0.3], abs=0.03)


@pytest.mark.parametrize("name", DATASETS)
def test_noise_is_added_last_with_the_spread_asked_for(name: str) -> None:
    clean, y_clean = make_dataset(name, 2_000, 0.0, seed=6)
    noisy, y_noisy = make_dataset(name, 2_000, 0.2, seed=6)
    np.testing.assert_array_equal(y_clean, y_noisy)
    assert (noisy - clean).std() == pytest.approx(0.2, rel=0.05)
    assert abs((noisy - clean).mean()) < 0.02


def test_an_unknown_problem_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown dataset 'moons'; choose one of"):
        make_dataset("moons", 10, 0.1, seed=0)
