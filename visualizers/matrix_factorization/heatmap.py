"""Rating matrices as RGBA images for the heatmaps (pure NumPy, no Qt).

A missing rating is truly blank (alpha 0, the plot background shows through) instead of a
colour that reads as a value. Images are items along x and users along y, so they are
built items-major: `PredictionImage` computes the model's prediction straight in that
layout (no transposed copy), and `cells_rgba` colours only the cells it is given (the
held-out ratings of the error map) on a blank image instead of a matrix of NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def to_rgba(
    values: NDArray[np.float64], low: float, high: float, lut: NDArray[np.uint32]
) -> NDArray[np.uint8]:
    """users × items values → an image (items along x, users along y); NaN is transparent.

    Works on the transposed float32 values and a packed 32-bit lookup table, so a
    1,000 × 1,000 matrix costs one gather instead of four and no RGBA transpose.
    """
    # Clip while still float64: a run heading for divergence can predict values beyond
    # float32's range (found by the monkey test), and the cast would overflow. NaN stays NaN.
    bounded = np.clip(values.T, low - 1.0, high + 1.0)
    return _packed_rgba(np.ascontiguousarray(bounded, dtype=np.float32), low, high, lut)


class PredictionImage:
    """The image `to_rgba` draws of μ + b_u + b_i + P Qᵀ, without computing that matrix.

    The colour scale is folded into the factors, (v − low)·k = (kQ)(P)ᵀ + row + column
    terms, so one float32 matrix product written in the image's items-major layout and two
    in-place additions give the lookup index; the scratch buffers are kept between frames
    (a fresh 1,000 × 1,000 buffer costs page faults on every frame). Values match
    `to_rgba(model.predict(), …)` up to float32 rounding at the edge of a colour step.
    """

    def __init__(self, low: float, high: float, lut: NDArray[np.uint32]) -> None:
        self.low, self.high, self.lut = low, high, lut
        self._scaled: NDArray[np.float32] = np.zeros((0, 0), np.float32)
        self._index: NDArray[np.uint8] = np.zeros((0, 0), np.uint8)

    def render(
        self,
        global_mean: float,
        user_bias: NDArray[np.float64],
        item_bias: NDArray[np.float64],
        P: NDArray[np.float64],
        Q: NDArray[np.float64],
    ) -> NDArray[np.uint8]:
        shape = (Q.shape[0], P.shape[0])  # items × users
        if self._scaled.shape != shape:
            self._scaled = np.empty(shape, np.float32)
            self._index = np.empty(shape, np.uint8)
        k = 255.0 / (self.high - self.low)
        scaled = self._scaled
        # A diverging run overflows float32 to ±inf (clipped to the end colours below) or
        # makes inf − inf = NaN (blank, as `to_rgba` draws NaN): no warning is an error.
        with np.errstate(over="ignore", invalid="ignore"):
            np.matmul((Q * k).astype(np.float32), P.T.astype(np.float32), out=scaled)
            scaled += ((global_mean - self.low + user_bias) * k).astype(np.float32)[None, :]
            scaled += (item_bias * k).astype(np.float32)[:, None]
            np.clip(scaled, 0.0, 255.0, out=scaled)
            missing = np.isnan(scaled) if np.isnan(scaled.sum(dtype=np.float64)) else None
            if missing is not None:
                scaled[missing] = 0.0  # a NaN cast to int is undefined
            np.copyto(self._index, scaled, casting="unsafe")
        packed = self.lut[self._index]
        if missing is not None:
            packed[missing] = 0
        rgba: NDArray[np.uint8] = packed.view(np.uint8).reshape(*packed.shape, 4)
        return rgba


def cells_rgba(
    shape: tuple[int, int],
    users: NDArray[np.intp],
    items: NDArray[np.intp],
    values: NDArray[np.float64],
    low: float,
    high: float,
    lut: NDArray[np.uint32],
) -> NDArray[np.uint8]:
    """A users × items `shape` image, blank except `values` at the (user, item) cells.

    The same colours as `to_rgba` of a matrix holding `values` there and NaN elsewhere,
    for a cost that follows the number of cells, not the size of the matrix.
    """
    n_users, n_items = shape
    packed = np.zeros((n_items, n_users), dtype=np.uint32)
    bounded = np.clip(values, low - 1.0, high + 1.0).astype(np.float32)
    packed[items, users] = _packed_rgba(bounded, low, high, lut).view(np.uint32).reshape(-1)
    rgba: NDArray[np.uint8] = packed.view(np.uint8).reshape(*packed.shape, 4)
    return rgba


def _packed_rgba(
    scaled: NDArray[np.float32], low: float, high: float, lut: NDArray[np.uint32]
) -> NDArray[np.uint8]:
    """Values already clipped to [low − 1, high + 1] (float32, changed in place) → RGBA."""
    scaled -= np.float32(low)
    scaled *= np.float32(255.0 / (high - low))
    missing = np.isnan(scaled)
    np.clip(scaled, 0.0, 255.0, out=scaled)
    scaled[missing] = 0.0  # a NaN cast to int is undefined; its alpha is zeroed below
    packed = lut[scaled.astype(np.uint8)]
    packed[missing] = 0
    rgba: NDArray[np.uint8] = packed.view(np.uint8).reshape(*packed.shape, 4)
    return rgba
