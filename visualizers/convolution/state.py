"""Everything the convolution view shows, computed without Qt.

`ConvolutionState` turns the parameters (and the learner's drawing) into the padded input,
the kernel and a stepper that computes one output pixel per frame with `conv_positions`,
the same generator `conv2d` runs. It also narrates each multiply-add, pools the finished
map, and prices the layer against a dense layer and an RNN.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from visualizers.convolution.algorithm import (
    KERNELS,
    FloatArray,
    Position,
    conv_output_size,
    conv_positions,
    layer_costs,
    pad,
    pool2d,
    receptive_field,
    sample_image,
)
from visualizers.core.frames import Frame, read_only

POOLING: tuple[str, ...] = ("none", "max 2×2", "average 2×2")


@dataclass(frozen=True)
class ConvFrame(Frame):
    position: Position | None = None
    # The feature map so far: NaN where the kernel has not been yet.
    output: FloatArray = field(default_factory=lambda: np.zeros((0, 0)))
    pooled: FloatArray | None = None  # the pooled map, once the whole map is done


class ConvolutionStepper:
    def __init__(self, state: ConvolutionState) -> None:
        self.state = state
        self._positions: Iterator[Position] = conv_positions(
            state.image, state.kernel, state.stride, state.padding, state.dilation
        )
        self._total = state.output_shape[0] * state.output_shape[1]

    def first(self) -> ConvFrame:
        output = np.full(self.state.output_shape, np.nan)
        frame = ConvFrame(step=0, explanation="", output=read_only(output))
        return self._narrated(frame)

    def advance(self, frame: ConvFrame) -> ConvFrame:
        position = next(self._positions)
        output = np.array(frame.output)
        output[position.row, position.col] = position.value
        done = frame.step + 1 >= self._total
        pooled = None
        if done and self.state.pooling != "none":
            pooled = read_only(self.state.pool(output))
        new = ConvFrame(
            step=frame.step + 1,
            explanation="",
            finished=done,
            position=position,
            output=read_only(output),
            pooled=pooled,
        )
        return self._narrated(new)

    def _narrated(self, frame: ConvFrame) -> ConvFrame:
        return replace(frame, explanation=self.state.explain(frame))


class ConvolutionState:
    """Parameters + the learner's drawing → padded image, kernel, stepper and side figures."""

    def __init__(
        self, params: Mapping[str, object], seed: int, drawing: FloatArray | None = None
    ) -> None:
        self.seed = seed
        self.image_name = str(params["image"])
        self.size = int(params["size"])  # type: ignore[call-overload]
        self.kernel_name = str(params["kernel"])
        self.stride = int(params["stride"])  # type: ignore[call-overload]
        self.padding = int(params["padding"])  # type: ignore[call-overload]
        self.dilation = int(params["dilation"])  # type: ignore[call-overload]
        self.pooling = str(params["pooling"])
        self.depth = int(params["depth"])  # type: ignore[call-overload]
        self.channels = int(params["channels"])  # type: ignore[call-overload]
        if self.kernel_name not in KERNELS:
            raise ValueError(f"unknown kernel {self.kernel_name!r}")
        self.kernel = KERNELS[self.kernel_name]
        if (
            self.image_name == "hand-drawn"
            and drawing is not None
            and drawing.shape
            == (
                self.size,
                self.size,
            )
        ):
            self.image = np.array(drawing, dtype=np.float64)
        else:
            self.image = sample_image(self.image_name, self.size)
        k = self.kernel.shape[0]
        out = conv_output_size(self.size, k, self.stride, self.padding, self.dilation)
        self.output_shape = (out, out)
        if self.pooling != "none" and out < 2:
            raise ValueError("the feature map is smaller than the 2×2 pooling window")
        self.padded = pad(self.image, self.padding)

    def stepper(self) -> ConvolutionStepper:
        return ConvolutionStepper(self)

    def pool(self, output: FloatArray) -> FloatArray:
        return pool2d(output, 2, 2, "max" if self.pooling.startswith("max") else "average")

    def explain(self, frame: ConvFrame) -> str:
        k = self.kernel.shape[0]
        span = self.dilation * (k - 1) + 1
        out_h, out_w = self.output_shape
        header = (
            f"Output size = ⌊({self.size} + 2·{self.padding} − {span}) / {self.stride}⌋ + 1 "
            f"= <b>{out_h}</b> (a {k}×{k} kernel dilated by {self.dilation} covers {span} "
            "pixels)."
        )
        position = frame.position
        if position is None:
            return (
                f"{header}<br>The kernel ({html.escape(self.kernel_name)}) will slide over the "
                f"{'zero-padded ' if self.padding else ''}image {self.stride} pixel(s) at a "
                "time; at each stop it multiplies the pixels under its taps by its weights and "
                "adds them up: one output pixel."
            )
        terms = [
            f"{w:+.2f}·{v:.2f}"
            for w, v in zip(self.kernel.ravel(), position.patch.ravel(), strict=True)
            if w != 0.0
        ]
        shown = " ".join(terms[:9]) + (" …" if len(terms) > 9 else "")
        text = (
            f"{header}<br><b>Output ({position.row}, {position.col})</b> = Σ weight·pixel = "
            f"{shown} = <b>{position.value:.3f}</b> "
            f"({len(terms)} multiply-adds; window rows {position.rows[0]}–{position.rows[-1]}, "
            f"columns {position.cols[0]}–{position.cols[-1]} of the padded image)."
        )
        if frame.finished:
            text += (
                f"<br>Done: {out_h * out_w} positions, the same {k * k} weights reused at every "
                "one — that sharing is why a conv layer is small and translation-equivariant."
            )
            if frame.pooled is not None:
                text += (
                    f" {html.escape(self.pooling.capitalize())} pooling keeps one number per "
                    f"2×2 block: {out_h}×{out_w} → {frame.pooled.shape[0]}×{frame.pooled.shape[1]}."
                )
        return text

    def receptive_fields(self) -> list[tuple[int, int]]:
        """(field, jump) after each of `depth` stacked copies of this layer."""
        k = self.kernel.shape[0]
        return receptive_field([(k, self.stride, self.dilation)] * self.depth)

    def costs_html(self) -> str:
        """Question 7's comparison as a small table, plus the receptive field of the stack."""
        k = self.kernel.shape[0]
        rows = layer_costs(self.size, self.size, 1, self.channels, k, self.stride, self.padding)
        lines = [
            f"<b>One layer on a {self.size}×{self.size} image, {self.channels} output channels</b>",
            "<table cellpadding='3'><tr><th align='left'>layer</th>"
            "<th align='right'>parameters</th><th align='right'>multiply-adds</th></tr>",
        ]
        for cost in rows:
            lines.append(
                f"<tr><td>{html.escape(cost.name)}</td><td align='right'>{cost.parameters:,}</td>"
                f"<td align='right'>{cost.multiply_adds:,}</td></tr>"
            )
        lines.append("</table>")
        fields = self.receptive_fields()
        chain = ", ".join(f"{f}×{f}" for f, _ in fields)
        lines.append(f"Receptive field after 1…{self.depth} stacked layers: {chain} input pixels.")
        return "".join(lines)

    @staticmethod
    def toggle_pixel(drawing: FloatArray, row: int, col: int) -> FloatArray:
        """A copy of the drawing with one pixel switched between ink and paper."""
        new = np.array(drawing, dtype=np.float64)
        if 0 <= row < new.shape[0] and 0 <= col < new.shape[1]:
            new[row, col] = 0.0 if new[row, col] > 0.5 else 1.0
        return new
