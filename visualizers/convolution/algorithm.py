"""2-D convolution as deep-learning frameworks define it: the answer to question 7's "what does a CNN compute".

`conv2d` is cross-correlation (no kernel flip) over a zero-padded image, with stride and
dilation, written as the loop over output positions an interviewer expects; the
visualizer animates the same generator, `conv_positions`, one output pixel per step.
Pooling, the receptive field of a stack of layers, and the cost of a convolution
compared with a dense layer and an RNN on the same input are here too. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def conv_output_size(n: int, k: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length along one axis: ⌊(n + 2p − d·(k − 1) − 1) / s⌋ + 1."""
    if min(n, k, stride, dilation) < 1 or padding < 0:
        raise ValueError("sizes, stride and dilation must be ≥ 1 and padding ≥ 0")
    span = dilation * (k - 1) + 1  # the kernel's footprint once dilated
    if n + 2 * padding < span:
        raise ValueError(
            f"the dilated kernel ({span} pixels) is wider than the padded input "
            f"({n + 2 * padding} pixels): lower the dilation or add padding"
        )
    return (n + 2 * padding - span) // stride + 1


def pad(image: FloatArray, padding: int) -> FloatArray:
    """Zero padding on every side, as frameworks do by default."""
    return np.pad(np.asarray(image, dtype=np.float64), padding, mode="constant")


@dataclass(frozen=True)
class Position:
    """One output pixel: where the kernel sits and what it multiplied."""

    row: int  # output coordinates
    col: int
    rows: NDArray[np.intp]  # rows of the padded image the kernel taps read
    cols: NDArray[np.intp]
    patch: FloatArray  # the padded-image values under the kernel taps
    products: FloatArray  # patch ⊙ kernel
    value: float  # Σ products: the output pixel


def conv_positions(
    image: FloatArray, kernel: FloatArray, stride: int = 1, padding: int = 0, dilation: int = 1
) -> Iterator[Position]:
    """Slide the kernel over the padded image, row by row, yielding every multiply-add."""
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("conv2d takes a 2-D image and a 2-D kernel")
    out_h = conv_output_size(image.shape[0], kernel.shape[0], stride, padding, dilation)
    out_w = conv_output_size(image.shape[1], kernel.shape[1], stride, padding, dilation)
    padded = pad(image, padding)
    taps_r = np.arange(kernel.shape[0]) * dilation
    taps_c = np.arange(kernel.shape[1]) * dilation
    for i in range(out_h):
        for j in range(out_w):
            rows = i * stride + taps_r
            cols = j * stride + taps_c
            patch = padded[np.ix_(rows, cols)]
            products = patch * kernel
            yield Position(i, j, rows, cols, patch, products, float(products.sum()))


def conv2d(
    image: FloatArray, kernel: FloatArray, stride: int = 1, padding: int = 0, dilation: int = 1
) -> FloatArray:
    """Cross-correlate `image` with `kernel` (zero padding, stride, dilation): a CNN layer's output."""
    out_h = conv_output_size(np.shape(image)[0], np.shape(kernel)[0], stride, padding, dilation)
    out_w = conv_output_size(np.shape(image)[1], np.shape(kernel)[1], stride, padding, dilation)
    out = np.zeros((out_h, out_w))
    for position in conv_positions(image, kernel, stride, padding, dilation):
        out[position.row, position.col] = position.value
    return out


def pool2d(
    x: FloatArray, size: int = 2, stride: int | None = None, mode: str = "max"
) -> FloatArray:
    """Max or average pooling over `size`×`size` windows (no padding)."""
    stride = stride or size
    x = np.asarray(x, dtype=np.float64)
    out_h = conv_output_size(x.shape[0], size, stride)
    out_w = conv_output_size(x.shape[1], size, stride)
    if mode not in ("max", "average"):
        raise ValueError("pooling is 'max' or 'average'")
    out = np.empty((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            window = x[i * stride : i * stride + size, j * stride : j * stride + size]
            out[i, j] = window.max() if mode == "max" else window.mean()
    return out


def receptive_field(layers: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(receptive field, jump) after each layer of (kernel, stride, dilation), in input pixels.

    Each layer widens the field by (dilated kernel − 1) × the product of the strides
    below it: r_l = r_{l−1} + d·(k − 1)·j_{l−1}, j_l = j_{l−1}·s.
    """
    field, jump = 1, 1
    out = []
    for k, s, d in layers:
        field += d * (k - 1) * jump
        jump *= s
        out.append((field, jump))
    return out


@dataclass(frozen=True)
class LayerCost:
    name: str
    parameters: int
    multiply_adds: int


def layer_costs(
    height: int,
    width: int,
    channels_in: int,
    channels_out: int,
    kernel: int,
    stride: int = 1,
    padding: int = 0,
) -> tuple[LayerCost, LayerCost, LayerCost]:
    """Parameters and multiply-adds of a conv layer, a dense layer producing the same number of
    outputs, and an RNN that reads the image row by row with as many hidden units as one
    output row holds (question 7's comparison)."""
    out_h = conv_output_size(height, kernel, stride, padding)
    out_w = conv_output_size(width, kernel, stride, padding)
    conv_weights = kernel * kernel * channels_in * channels_out
    conv = LayerCost("convolution", conv_weights + channels_out, out_h * out_w * conv_weights)
    inputs = height * width * channels_in
    outputs = out_h * out_w * channels_out
    dense = LayerCost("dense", inputs * outputs + outputs, inputs * outputs)
    step_in = width * channels_in
    hidden = out_w * channels_out
    rnn_weights = hidden * step_in + hidden * hidden
    rnn = LayerCost("RNN over rows", rnn_weights + hidden, height * rnn_weights)
    return conv, dense, rnn


# -- kernels and images the visualizer offers ------------------------------------------------

KERNELS: dict[str, FloatArray] = {
    "vertical edges (Sobel)": np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]),
    "horizontal edges (Sobel)": np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]),
    "outline (Laplacian)": np.array([[0.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 0.0]]),
    "box blur": np.full((3, 3), 1.0 / 9.0),
    "Gaussian blur 5×5": np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256.0,
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
    "identity": np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]),
}


def gabor_kernel(size: int = 5, angle_deg: float = 45.0, wavelength: float = 4.0) -> FloatArray:
    """An oriented stripe detector, the shape first-layer CNN filters converge to."""
    half = size // 2
    y, x = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float64)
    theta = np.radians(angle_deg)
    along = x * np.cos(theta) + y * np.sin(theta)
    envelope = np.exp(-(x**2 + y**2) / (2 * (size / 3.0) ** 2))
    kernel = envelope * np.cos(2 * np.pi * along / wavelength)
    return kernel - kernel.mean()  # zero mean: flat regions give 0


KERNELS["learned-like (Gabor 45°)"] = gabor_kernel()

IMAGES: tuple[str, ...] = ("shapes", "digit", "checkerboard", "hand-drawn")


def sample_image(name: str, size: int) -> FloatArray:
    """A small grey-level image in [0, 1], drawn procedurally so nothing needs loading."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float64) / max(size - 1, 1)
    if name == "shapes":
        square = (np.abs(x - 0.3) < 0.17) & (np.abs(y - 0.3) < 0.17)
        disc = (x - 0.68) ** 2 + (y - 0.66) ** 2 < 0.2**2
        diagonal = np.abs(x - (1.0 - y)) < 0.05
        return np.clip(square * 1.0 + disc * 0.7 + diagonal * 0.45, 0.0, 1.0)
    if name == "digit":
        # A handwritten-looking "7": a top bar and a slanted stroke.
        bar = (np.abs(y - 0.2) < 0.07) & (x > 0.2) & (x < 0.8)
        stroke = (np.abs(x - (0.8 - 0.45 * (y - 0.2) / 0.7)) < 0.07) & (y > 0.15) & (y < 0.9)
        return (bar | stroke).astype(np.float64)
    if name == "checkerboard":
        cells = max(2, size // 4)
        return ((np.floor(x * cells * 0.999) + np.floor(y * cells * 0.999)) % 2).astype(np.float64)
    if name == "hand-drawn":
        return np.zeros((size, size))
    raise ValueError(f"unknown image {name!r}; choose one of {IMAGES}")
