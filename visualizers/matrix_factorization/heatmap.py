"""Rating matrices as RGBA images for the heatmaps (pure NumPy, no Qt).

A missing rating is truly blank (alpha 0, the plot background shows through) instead of a
colour that reads as a value.
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
    scaled = np.ascontiguousarray(bounded, dtype=np.float32)
    scaled -= np.float32(low)
    scaled *= np.float32(255.0 / (high - low))
    missing = np.isnan(scaled)
    np.clip(scaled, 0.0, 255.0, out=scaled)
    scaled[missing] = 0.0  # a NaN cast to int is undefined; its alpha is zeroed below
    packed = lut[scaled.astype(np.uint8)]
    packed[missing] = 0
    rgba: NDArray[np.uint8] = packed.view(np.uint8).reshape(*packed.shape, 4)
    return rgba
