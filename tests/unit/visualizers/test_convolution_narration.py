"""The convolution state's narration, pooling choice and cost table, on a drawing made here.

The image is a 6 × 6 drawing with known pixels, so the multiply-adds the text lists, the
window it names and the output size are worked out by hand or by a plain loop.
"""

from __future__ import annotations

import numpy as np
import pytest

from visualizers.convolution.algorithm import KERNELS
from visualizers.convolution.spec import SPEC
from visualizers.convolution.state import ConvFrame, ConvolutionState


def drawing() -> np.ndarray:
    image = np.zeros((6, 6))
    image[1, 1:5] = 1.0  # a bar
    image[2:5, 3] = 0.5  # and a stem
    return image


def state(**values: object) -> ConvolutionState:
    params = SPEC.resolve({"image": "hand-drawn", "size": 6, **values})
    return ConvolutionState(params, 0, drawing())


def run(s: ConvolutionState) -> list[ConvFrame]:
    stepper = s.stepper()
    frames = [stepper.first()]
    while not frames[-1].finished:
        frames.append(stepper.advance(frames[-1]))
    return frames


def test_the_opening_text_gives_the_size_formula_and_the_slide() -> None:
    s = state(kernel="box blur", stride=2, padding=1)
    # ⌊(6 + 2 − 3) / 2⌋ + 1 = 3
    assert s.explain(ConvFrame(step=0, explanation="")) == (
        "Output size = ⌊(6 + 2·1 − 3) / 2⌋ + 1 = <b>3</b> (a 3×3 kernel dilated by 1 covers 3 "
        "pixels).<br>The kernel (box blur) will slide over the zero-padded image 2 pixel(s) "
        "at a time; at each stop it multiplies the pixels under its taps by its weights and "
        "adds them up: one output pixel."
    )
    plain = state(kernel="identity", dilation=2).explain(ConvFrame(step=0, explanation=""))
    # A 3×3 kernel dilated by 2 spans 5 pixels: ⌊(6 + 0 − 5) / 1⌋ + 1 = 2.
    assert plain.startswith("Output size = ⌊(6 + 2·0 − 5) / 1⌋ + 1 = <b>2</b> (a 3×3 kernel")
    assert "covers 5 pixels" in plain and "over the image 1 pixel(s)" in plain


def test_each_position_lists_its_nonzero_products_and_window() -> None:
    s = state(kernel="vertical edges (Sobel)")
    frames = run(s)
    image = drawing()
    sobel = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    for frame in frames[1:]:
        assert frame.position is not None
        r, c = frame.position.row, frame.position.col
        products = [
            (sobel[i][j], image[r + i, c + j]) for i in range(3) for j in range(3) if sobel[i][j]
        ]
        value = sum(w * v for w, v in products)
        shown = " ".join(f"{w:+.2f}·{v:.2f}" for w, v in products)
        assert (
            f"<br><b>Output ({r}, {c})</b> = Σ weight·pixel = {shown} = <b>{value:.3f}</b> "
            f"(6 multiply-adds; window rows {r}–{r + 2}, columns {c}–{c + 2} of the padded "
            "image)."
        ) in frame.explanation
    assert frames[-1].explanation.endswith(
        "<br>Done: 16 positions, the same 9 weights reused at every one — that sharing is why "
        "a conv layer is small and translation-equivariant."
    )
    assert all("Done" not in f.explanation for f in frames[:-1])
    assert [f.finished for f in frames] == [False] * 16 + [True]


def test_more_than_nine_products_are_cut_with_an_ellipsis() -> None:
    s = state(kernel="Gaussian blur 5×5")
    frame = run(s)[1]
    assert frame.position is not None
    weights = KERNELS["Gaussian blur 5×5"].ravel()
    pixels = drawing()[0:5, 0:5].ravel()
    first_nine = " ".join(f"{w:+.2f}·{v:.2f}" for w, v in zip(weights[:9], pixels[:9], strict=True))
    assert f"Σ weight·pixel = {first_nine} … = " in frame.explanation
    assert "(25 multiply-adds; window rows 0–4, columns 0–4" in frame.explanation
    nine = run(state(kernel="box blur"))[1].explanation
    assert "(9 multiply-adds;" in nine and " … =" not in nine


@pytest.mark.parametrize(("pooling", "reduce"), [("max 2×2", np.max), ("average 2×2", np.mean)])
def test_pooling_reduces_each_2x2_block_and_says_so(pooling: str, reduce: object) -> None:
    s = state(kernel="identity", padding=1, pooling=pooling)  # 6×6 map
    frames = run(s)
    last = frames[-1]
    assert last.pooled is not None and last.pooled.shape == (3, 3)
    blocks = last.output.reshape(3, 2, 3, 2).swapaxes(1, 2)
    assert callable(reduce)
    np.testing.assert_allclose(last.pooled, [[reduce(b) for b in row] for row in blocks])
    word = pooling.split()[0].capitalize()
    assert last.explanation.endswith(
        f"translation-equivariant. {word} 2×2 pooling keeps one number per 2×2 block: 6×6 → 3×3."
    )
    assert all(f.pooled is None for f in frames[:-1])
    assert run(state(kernel="identity", padding=1))[-1].pooled is None


def test_pooling_needs_a_map_of_at_least_two_pixels() -> None:
    with pytest.raises(
        ValueError, match=r"^the feature map is smaller than the 2×2 pooling window$"
    ):
        state(kernel="Gaussian blur 5×5", stride=2, pooling="max 2×2")  # a 1×1 map
    assert state(kernel="Gaussian blur 5×5", stride=2).output_shape == (1, 1)  # fine unpooled
    assert state(kernel="Gaussian blur 5×5", pooling="max 2×2").output_shape == (2, 2)
    with pytest.raises(ValueError, match="unknown kernel 'emboss'"):
        ConvolutionState({**SPEC.resolve({}), "kernel": "emboss"}, 0)


def test_a_drawing_of_the_wrong_size_falls_back_to_the_sample() -> None:
    params = SPEC.resolve({"image": "hand-drawn", "size": 8})
    s = ConvolutionState(params, 0, drawing())  # 6 × 6 drawing, 8 × 8 asked
    assert s.image.shape == (8, 8)
    shapes = ConvolutionState(SPEC.resolve({"image": "shapes", "size": 6}), 0, drawing())
    assert not np.array_equal(shapes.image, drawing())
    np.testing.assert_array_equal(state().image, drawing())
    np.testing.assert_array_equal(state(padding=2).padded, np.pad(drawing(), 2))


def test_costs_table_and_receptive_fields_of_the_stack() -> None:
    s = state(kernel="box blur", channels=4, depth=3, stride=1)
    html = s.costs_html()
    out = 4  # 6 − 3 + 1
    conv_params, conv_macs = 9 * 4 + 4, out * out * 9 * 4
    assert html.startswith(
        "<b>One layer on a 6×6 image, 4 output channels</b><table cellpadding='3'><tr>"
        "<th align='left'>layer</th><th align='right'>parameters</th>"
        "<th align='right'>multiply-adds</th></tr>"
    )
    assert f"<td align='right'>{conv_params:,}</td><td align='right'>{conv_macs:,}</td>" in html
    assert html.count("<tr><td>") == 3
    # Three stacked 3×3 stride-1 layers see 3, 5, 7 pixels.
    assert html.endswith(
        "</table>Receptive field after 1…3 stacked layers: 3×3, 5×5, 7×7 input pixels."
    )
    strided = state(kernel="box blur", stride=2, depth=2)
    assert strided.receptive_fields() == [(3, 2), (7, 4)]


def test_padding_enters_the_cost_table() -> None:
    # 6×6 padded by 1 with a 3×3 kernel: a 6×6 map of 4 channels, 6·6·9·4 multiply-adds.
    html = state(kernel="box blur", channels=4, padding=1).costs_html()
    assert f"<td align='right'>{9 * 4 + 4:,}</td><td align='right'>{6 * 6 * 9 * 4:,}</td>" in html


def test_toggling_reaches_every_edge_pixel_and_nothing_outside() -> None:
    blank = np.zeros((4, 5), dtype=int)  # an integer drawing still toggles to floats
    for row, col in ((0, 0), (0, 4), (3, 0), (3, 4)):
        once = ConvolutionState.toggle_pixel(blank, row, col)
        assert once.dtype == np.float64 and once[row, col] == 1.0 and once.sum() == 1.0
    for row, col in ((4, 0), (0, 5), (-1, 2), (2, -1), (4, 4)):
        assert ConvolutionState.toggle_pixel(blank, row, col).sum() == 0.0, (row, col)
    grey = np.full((2, 2), 0.5)
    assert ConvolutionState.toggle_pixel(grey, 1, 1)[1, 1] == 1.0  # 0.5 is paper, not ink
    assert ConvolutionState.toggle_pixel(np.full((2, 2), 0.7), 1, 1)[1, 1] == 0.0
