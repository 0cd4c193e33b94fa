"""Points and Voronoi regions drawn straight into pixel buffers (pure NumPy, no Qt).

Measured offscreen (see `benchmarks/kmeans_frame.py`): one pyqtgraph ScatterPlotItem per
cluster takes ~190 ms a frame at 100,000 points, while writing small disc stamps into a
uint8 "code" image and letting an ImageItem map codes to colours with a lookup table
takes a few milliseconds at any size. So the view draws points as an image, re-rendered
whenever the visible range or the plot size changes.

Codes: 0–15 fill of cluster j, 16–31 the outline of cluster j, 32–63 a probability ramp
(k-means++ seeding), 64/65 an unassigned point's fill/outline, 128 + j the shaded Voronoi
region of centroid j (drawn under the points), 255 transparent.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

RIM = 16
RAMP = 32
RAMP_LEVELS = 32
UNASSIGNED = 64
REGION = 128
TRANSPARENT = 255


@lru_cache(maxsize=8)
def _stamp(
    radius: int, rim: bool
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Pixel offsets of a disc of `radius` and, optionally, of a one-pixel ring around it."""
    reach = radius + 1
    fill: list[tuple[int, int]] = []
    ring: list[tuple[int, int]] = []
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            d2 = dx * dx + dy * dy
            if d2 <= radius * radius + radius // 2:
                fill.append((dx, dy))
            elif rim and d2 <= reach * reach + reach // 2:
                ring.append((dx, dy))
    return tuple(fill), tuple(ring)


def point_radius(n: int) -> tuple[int, bool]:
    """Disc radius (pixels) and whether to outline, so dense plots stay readable and fast."""
    if n <= 3_000:
        return 3, True
    if n <= 30_000:
        return 2, True
    return 1, False


def rasterize_points(
    points: NDArray[np.float64],
    codes: NDArray[np.uint8],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    size: tuple[int, int],
    radius: int,
    rim: bool,
    background: NDArray[np.uint8] | None = None,
) -> NDArray[np.uint8]:
    """A (width, height) code image (x along axis 0, y up along axis 1) with a disc per point.

    Outlines of all points are drawn before any fill, so overlapping points merge into one
    shape instead of showing a ring through each other. Later points win ties.
    """
    width, height = size
    margin = radius + 2
    padded_h = height + 2 * margin
    image = np.full((width + 2 * margin, padded_h), TRANSPARENT, dtype=np.uint8)
    if background is not None:
        image[margin:-margin, margin:-margin] = background
    x0, x1 = x_range
    y0, y1 = y_range
    if width < 1 or height < 1 or x1 <= x0 or y1 <= y0 or len(points) == 0:
        return image[margin:-margin, margin:-margin]
    px = np.floor((points[:, 0] - x0) * (width / (x1 - x0))).astype(np.intp)
    py = np.floor((points[:, 1] - y0) * (height / (y1 - y0))).astype(np.intp)
    # Keep points whose stamp can touch the visible image; the margin absorbs the rest,
    # so the stamps below are plain scatter-writes with no per-offset bounds checks.
    edge = radius + 1
    visible = (px >= -edge) & (px < width + edge) & (py >= -edge) & (py < height + edge)
    if not visible.all():
        px, py, codes = px[visible], py[visible], codes[visible]
    flat = image.reshape(-1)
    base = (px + margin) * padded_h + (py + margin)
    fill, ring = _stamp(radius, rim)
    if ring:
        ring_codes = np.where(codes < RIM, codes + RIM, UNASSIGNED + 1).astype(np.uint8)
        for dx, dy in ring:
            flat[base + (dx * padded_h + dy)] = ring_codes
    for dx, dy in fill:
        flat[base + (dx * padded_h + dy)] = codes
    return image[margin:-margin, margin:-margin]


def probability_codes(probabilities: NDArray[np.floating]) -> NDArray[np.uint8]:
    """Ramp codes for k-means++ probabilities, scaled to the largest; zero stays 'unassigned'."""
    top = float(probabilities.max()) if len(probabilities) else 0.0
    if top <= 0.0:
        return np.full(len(probabilities), UNASSIGNED, dtype=np.uint8)
    level = np.ceil(probabilities / top * (RAMP_LEVELS - 1)).astype(np.intp)
    return np.where(probabilities > 0, RAMP + level, UNASSIGNED).astype(np.uint8)


def label_codes(labels: NDArray[np.integer]) -> NDArray[np.uint8]:
    """Fill codes for cluster labels (−1, unassigned, gets its own grey)."""
    return np.where(labels >= 0, labels, UNASSIGNED).astype(np.uint8)


def region_grid(
    x_range: tuple[float, float], y_range: tuple[float, float], size: tuple[int, int]
) -> NDArray[np.float64]:
    """Centres of a (width × height) grid of cells over the range, as (width·height, 2) points."""
    width, height = size
    xs = x_range[0] + (np.arange(width) + 0.5) * ((x_range[1] - x_range[0]) / width)
    ys = y_range[0] + (np.arange(height) + 0.5) * ((y_range[1] - y_range[0]) / height)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    return np.column_stack([gx.ravel(), gy.ravel()])


def region_codes(
    labels: NDArray[np.integer], grid: tuple[int, int], cell: int, size: tuple[int, int]
) -> NDArray[np.uint8]:
    """Nearest-centroid labels of a coarse (grid) raster blown up to `size` pixels as codes."""
    coarse = (np.asarray(labels).reshape(grid) + REGION).astype(np.uint8)
    full = np.repeat(np.repeat(coarse, cell, axis=0), cell, axis=1)
    return full[: size[0], : size[1]]
