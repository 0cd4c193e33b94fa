"""Points and Voronoi regions drawn straight into pixel buffers (pure NumPy, no Qt).

Measured offscreen (see `benchmarks/kmeans_frame.py`): one pyqtgraph ScatterPlotItem per
cluster takes ~190 ms a frame at 100,000 points, while writing small disc stamps straight
into an ARGB32 pixel buffer takes a few milliseconds at any size. So the view draws points
as an image, in two layers:

- points: a full-resolution, top-down (height, width) uint32 image, transparent except
  for a disc per point. Where each disc lands depends only on the points and the view, so
  its pixel indices (`Stamps`) are computed once per zoom/resize and a frame that only
  recolours points is a handful of scatter-writes (`draw_points`).
- regions: the nearest-centroid label of a coarse grid of cells (`region_cells`), which Qt
  scales up under the points; recomputed only when the centroids move.

Colours come from a 256-entry lookup table indexed by codes: 0–15 fill of cluster j, 16–31
the outline of cluster j, 32–63 a probability ramp (k-means++ seeding), 64/65 an
unassigned point's fill/outline, 128 + j the shaded Voronoi region of centroid j, 255
transparent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

RIM = 16
RAMP = 32
RAMP_LEVELS = 32
UNASSIGNED = 64
REGION = 128


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


@dataclass(frozen=True)
class Stamps:
    """Where every visible point's disc goes in a top-down (height, width) image.

    `fill` and `ring` are (offsets, visible points) flat pixel indices into an image of
    height·width + 1 pixels: writes that fall outside the picture go to the extra last
    pixel, so drawing needs no bounds checks. `visible` selects the points drawn (None:
    all of them).
    """

    size: tuple[int, int]  # (width, height)
    visible: NDArray[np.intp] | None
    fill: NDArray[np.intp]
    ring: NDArray[np.intp]


def stamp_indices(
    points: NDArray[np.float64],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    size: tuple[int, int],
    radius: int,
    rim: bool,
) -> Stamps:
    """The pixels of a disc (and outline) per point for this view; see `Stamps`."""
    width, height = size
    x0, x1 = x_range
    y0, y1 = y_range
    fill_offsets, ring_offsets = _stamp(radius, rim)
    empty = np.empty((0, 0), dtype=np.intp)
    if width < 1 or height < 1 or x1 <= x0 or y1 <= y0 or len(points) == 0:
        return Stamps(size, np.empty(0, dtype=np.intp), empty, empty)
    px = np.floor((points[:, 0] - x0) * (width / (x1 - x0))).astype(np.intp)
    # Rows count down from the top of the screen, where y = y1.
    py = np.floor((y1 - points[:, 1]) * (height / (y1 - y0))).astype(np.intp)
    edge = radius + 1  # keep points whose stamp can touch the picture
    inside = (px >= -edge) & (px < width + edge) & (py >= -edge) & (py < height + edge)
    visible = None if inside.all() else np.flatnonzero(inside)
    if visible is not None:
        px, py = px[visible], py[visible]
    spare = width * height  # the extra pixel that absorbs writes outside the picture

    def indices(offsets: tuple[tuple[int, int], ...]) -> NDArray[np.intp]:
        out = np.empty((len(offsets), len(px)), dtype=np.intp)
        for row, (dx, dy) in zip(out, offsets, strict=True):
            # dy is "up" in the offsets (a disc is symmetric, but keep the convention).
            cx, cy = px + dx, py - dy
            np.add(cy * width, cx, out=row)
            row[(cx < 0) | (cx >= width) | (cy < 0) | (cy >= height)] = spare
        return out

    ring = indices(ring_offsets) if ring_offsets else empty
    return Stamps(size, visible, indices(fill_offsets), ring)


def draw_points(
    image: NDArray[np.uint32],
    stamps: Stamps,
    colours: NDArray[np.uint32],
    rim_colours: NDArray[np.uint32] | None,
) -> None:
    """Clear `image` (height·width + 1 pixels, flat) to transparent and stamp every point.

    `colours`/`rim_colours` are per point (all points, `stamps.visible` picks). Outlines of
    all points are drawn before any fill, so overlapping points merge into one shape
    instead of showing a ring through each other; later points win ties.
    """
    image.fill(0)
    if stamps.visible is not None:
        colours = colours[stamps.visible]
        if rim_colours is not None:
            rim_colours = rim_colours[stamps.visible]
    if rim_colours is not None:
        for row in stamps.ring:
            image[row] = rim_colours
    for row in stamps.fill:
        image[row] = colours


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


def rim_codes(codes: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Outline codes for fill codes: a darker cluster colour, or the unassigned outline."""
    return np.where(codes < RIM, codes + RIM, UNASSIGNED + 1).astype(np.uint8)


def region_cells(
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    size: tuple[int, int],
    cell: int,
) -> tuple[tuple[int, int], NDArray[np.float64]]:
    """A coarse grid of `cell`×`cell`-pixel cells over a (width, height) picture.

    Returns the grid's (columns, rows) and the cells' centres in data coordinates as a
    (rows·columns, 2) array, row by row from the top. The grid starts at the picture's
    bottom-left corner and covers every pixel, so its last column and its top row may
    reach past the picture's right and top edges (by `columns·cell − width` and
    `rows·cell − height` pixels).
    """
    width, height = size
    columns, rows = -(-width // cell), -(-height // cell)  # ceil
    x0, x1 = x_range
    y0, y1 = y_range
    xs = x0 + (np.arange(columns) + 0.5) * (cell * (x1 - x0) / width)
    ys = y0 + (np.arange(rows)[::-1] + 0.5) * (cell * (y1 - y0) / height)
    centres = np.empty((rows, columns, 2))
    centres[:, :, 0] = xs[None, :]
    centres[:, :, 1] = ys[:, None]
    return (columns, rows), centres.reshape(-1, 2)
