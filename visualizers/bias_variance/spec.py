"""Registry entry for the bias–variance visualizer (question 1, and overfitting in question 8)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

FAMILIES: tuple[str, ...] = ("polynomial", "k-NN")

SPEC = VisualizerSpec(
    id="bias_variance",
    title="Bias–variance tradeoff",
    description=(
        "Fit polynomials (or k-NN) of growing complexity to many training sets drawn from a "
        "known curve plus noise: the fan of fits, their mean, and bias², variance, noise and "
        "expected test error against complexity, including double descent."
    ),
    questions=(1, 8),
    view="visualizers.bias_variance.view:BiasVarianceView",
    parameters=(
        Parameter(
            "family",
            "Model",
            "choice",
            FAMILIES[0],
            choices=FAMILIES,
            tooltip="Polynomials by least squares, or k-nearest-neighbour averages",
        ),
        Parameter(
            "max_degree",
            "Highest degree",
            "int",
            12,
            minimum=1,
            maximum=60,
            tooltip="The run steps through degrees 0…this (polynomials only)",
        ),
        Parameter(
            "n_points",
            "Points per set",
            "int",
            20,
            minimum=6,
            maximum=80,
            tooltip="Size of each training set (evenly spaced x, fresh noise each set)",
        ),
        Parameter(
            "noise",
            "Noise σ",
            "float",
            0.3,
            minimum=0.05,
            maximum=1.5,
            step=0.05,
            decimals=2,
            tooltip="Standard deviation of the noise on y; σ² is the irreducible error",
        ),
        Parameter(
            "n_sets",
            "Training sets",
            "int",
            40,
            minimum=5,
            maximum=200,
            step=5,
            tooltip="How many training sets are drawn (each gives one fit in the fan)",
        ),
    ),
    presets=(
        Preset(
            "classic_u",
            "The classic U",
            "Degrees 0–12 on 20 points: bias falls, variance rises, the expected error is U-shaped.",
        ),
        Preset(
            "more_data",
            "More data",
            "80 points per set: the same degrees, much less variance; the best degree moves up.",
            {"n_points": 80},
        ),
        Preset(
            "noisy",
            "Very noisy data",
            "σ = 1: the noise floor σ² dominates and simpler models win.",
            {"noise": 1.0},
        ),
        Preset(
            "knn",
            "k-NN from k = n to k = 1",
            "Averaging all points (k = n) is pure bias; copying the nearest point (k = 1) is "
            "pure variance.",
            {"family": FAMILIES[1]},
        ),
        Preset(
            "double_descent",
            "Double descent",
            "15 points, degrees up to 60: the error peaks at degree 14 (interpolation) and "
            "falls again as the minimum-norm fit smooths out.",
            {"n_points": 15, "max_degree": 60, "n_sets": 100},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "u_shape",
            (1,),
            "classic_u",
            "As the degree grows from 0 to 12, what does the expected test error do?",
            ("Falls steadily", "Falls, then rises", "Rises steadily"),
            1,
            "Bias² falls and variance rises; their sum (plus the constant σ²) is U-shaped.",
            watch_steps=12,
        ),
        PredictionPrompt(
            "knn_one",
            (1,),
            "knn",
            "For k-NN, which term dominates at k = 1?",
            ("Bias²", "Variance", "Neither"),
            1,
            "Copying the nearest noisy point follows every set's noise: variance ≈ σ².",
            watch_steps=19,
        ),
        PredictionPrompt(
            "noise_floor",
            (1,),
            "noisy",
            "With σ = 1, can any degree bring the expected error below 1?",
            ("Yes, a high enough degree", "No: σ² = 1 is irreducible", "Only degree 0"),
            1,
            "Bias² and variance are never negative, so the error is at least σ².",
            watch_steps=12,
        ),
        PredictionPrompt(
            "more_data_variance",
            (8,),
            "more_data",
            "With four times more points per training set, what happens to the variance of "
            "a degree-12 fit?",
            ("It grows", "It shrinks a lot", "It stays the same"),
            1,
            "More data is the most reliable cure for overfitting: each fit sees more of the "
            "curve and less of any one point's noise.",
            watch_steps=12,
        ),
        PredictionPrompt(
            "double_descent",
            (8,),
            "double_descent",
            "Past the interpolation threshold (more coefficients than points), the test error…",
            ("keeps exploding", "falls again", "stays at its peak"),
            1,
            "Among all exact fits, least squares returns the minimum-norm one, which gets "
            "smoother as parameters are added: the second descent seen in large networks.",
            watch_steps=60,
        ),
    ),
)
