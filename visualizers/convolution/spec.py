"""Registry entry for the convolution visualizer (question 7). Imports no NumPy."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

KERNEL_CHOICES: tuple[str, ...] = (
    "vertical edges (Sobel)",
    "horizontal edges (Sobel)",
    "outline (Laplacian)",
    "box blur",
    "Gaussian blur 5×5",
    "sharpen",
    "identity",
    "learned-like (Gabor 45°)",
)
IMAGE_CHOICES: tuple[str, ...] = ("shapes", "digit", "checkerboard", "hand-drawn")
POOLING_CHOICES: tuple[str, ...] = ("none", "max 2×2", "average 2×2")

SPEC = VisualizerSpec(
    id="convolution",
    title="Convolution",
    description="Slide a kernel over an image one multiply-add at a time: stride, padding, "
    "dilation, pooling, the receptive field of a stack, and what a conv layer costs next "
    "to a dense layer and an RNN.",
    questions=(7,),
    view="visualizers.convolution.view:ConvolutionView",
    parameters=(
        Parameter(
            "image",
            "Image",
            "choice",
            "shapes",
            choices=IMAGE_CHOICES,
            tooltip="The input; pick hand-drawn and click pixels to draw your own",
        ),
        Parameter(
            "size",
            "Image size",
            "int",
            16,
            minimum=6,
            maximum=28,
            tooltip="Width and height of the input in pixels",
        ),
        Parameter(
            "kernel",
            "Kernel",
            "choice",
            "vertical edges (Sobel)",
            choices=KERNEL_CHOICES,
            tooltip="The weights the kernel multiplies by",
        ),
        Parameter(
            "stride",
            "Stride",
            "int",
            1,
            minimum=1,
            maximum=3,
            tooltip="How many pixels the kernel moves between outputs",
        ),
        Parameter(
            "padding",
            "Padding",
            "int",
            0,
            minimum=0,
            maximum=3,
            tooltip="Rings of zeros added around the image",
        ),
        Parameter(
            "dilation",
            "Dilation",
            "int",
            1,
            minimum=1,
            maximum=3,
            tooltip="Spacing between kernel taps: widens the field without weights",
        ),
        Parameter(
            "pooling",
            "Pooling",
            "choice",
            "none",
            choices=POOLING_CHOICES,
            tooltip="Pooling applied to the finished feature map",
        ),
        Parameter(
            "depth",
            "Stacked layers",
            "int",
            3,
            minimum=1,
            maximum=8,
            tooltip="For the receptive field: how many such layers are stacked",
        ),
        Parameter(
            "channels",
            "Output channels",
            "int",
            8,
            minimum=1,
            maximum=64,
            tooltip="Filters in the layer, for the cost comparison",
        ),
    ),
    presets=(
        Preset(
            "edges",
            "Vertical-edge detector",
            "Sobel on shapes: bright where intensity rises left to right, dark where it falls.",
        ),
        Preset(
            "blur",
            "Gaussian blur",
            "A 5×5 smoothing kernel with 'same' padding.",
            {"kernel": "Gaussian blur 5×5", "padding": 2},
        ),
        Preset(
            "stride_two",
            "Stride 2 halves the map",
            "The same edges at every other position: a 16×16 input gives a 7×7 map.",
            {"stride": 2},
        ),
        Preset(
            "same_padding",
            "'Same' padding keeps the size",
            "Padding 1 with a 3×3 kernel: the output is as large as the input.",
            {"padding": 1},
        ),
        Preset(
            "dilation",
            "Dilation widens the field",
            "Dilation 2: a 3×3 kernel covers 5×5 pixels with 9 weights.",
            {"dilation": 2, "depth": 4},
        ),
        Preset(
            "learned",
            "A learned-like filter",
            "An oriented stripe detector like those first CNN layers learn, on a digit.",
            {"kernel": "learned-like (Gabor 45°)", "image": "digit", "padding": 2},
        ),
        Preset(
            "pooling",
            "Max pooling",
            "Edges, then 2×2 max pooling.",
            {"pooling": "max 2×2", "padding": 1},
        ),
        Preset(
            "draw",
            "Draw your own",
            "Click pixels of the input to draw, then play.",
            {"image": "hand-drawn", "kernel": "outline (Laplacian)", "padding": 1},
        ),
    ),
    predictions=(
        PredictionPrompt(
            id="conv_stride_two",
            questions=(7,),
            preset="stride_two",
            prompt="A 3×3 kernel, no padding, stride 2 on a 16×16 image. How large is the "
            "feature map?",
            choices=("8×8", "7×7", "14×14"),
            correct=1,
            explanation="⌊(16 + 0 − 3) / 2⌋ + 1 = 7. Without padding the kernel can't centre "
            "on the border pixels, and stride 2 keeps every other position.",
            watch_steps=49,
        ),
        PredictionPrompt(
            id="conv_dilation_field",
            questions=(7,),
            preset="dilation",
            prompt="Four stacked 3×3 layers with dilation 2 and stride 1. How wide is the "
            "receptive field of one output pixel?",
            choices=("9 pixels", "17 pixels", "81 pixels"),
            correct=1,
            explanation="Each layer adds d·(k − 1) = 4 pixels: 1 + 4·4 = 17. Undilated it "
            "would be 1 + 4·2 = 9; dilation grows the field without extra weights.",
            watch_steps=1,
        ),
        PredictionPrompt(
            id="conv_params_vs_dense",
            questions=(7,),
            preset="edges",
            prompt="A 3×3 conv layer with 8 filters on a 16×16 grey image versus a dense "
            "layer with the same number of outputs. Roughly how many more parameters does "
            "the dense layer need?",
            choices=("About the same", "About 10× more", "Thousands of times more"),
            correct=2,
            explanation="The conv layer has 3·3·8 + 8 = 80 parameters, shared across all "
            "positions. The dense layer connects all 256 inputs to all 14·14·8 = 1,568 "
            "outputs: 401,000+ weights, about 5,000× more — and no built-in notion that "
            "nearby pixels belong together.",
            watch_steps=1,
        ),
    ),
)
