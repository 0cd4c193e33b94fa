"""Registry entry for the regularization visualizer (question 3: L1 vs L2)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

# Declared here, not imported from algorithm/state: a spec must not pull in NumPy.
PENALTIES: tuple[str, ...] = ("lasso (L1)", "ridge (L2)")
DATASETS: tuple[str, ...] = ("synthetic", "CSV file…")

SPEC = VisualizerSpec(
    id="regularization",
    title="L1 / L2 regularization",
    description=(
        "Why lasso gives exact zeros and ridge only shrinks: the L1 diamond and L2 disk "
        "against the loss contours of two slopes, coefficient paths as α grows, training vs "
        "validation error along the path, and coordinate descent one sweep at a time."
    ),
    questions=(3,),
    view="visualizers.regularization.view:RegularizationView",
    parameters=(
        Parameter(
            "penalty",
            "Penalty",
            "choice",
            PENALTIES[0],
            choices=PENALTIES,
            tooltip="Lasso: 1/(2n)‖y − Xw‖² + α‖w‖₁. Ridge: ‖y − Xw‖² + α‖w‖² (scikit-learn's).",
        ),
        Parameter(
            "alpha",
            "Penalty α",
            "float",
            0.3,
            minimum=0.001,
            maximum=10000.0,
            log_scale=True,
            decimals=4,
            tooltip="Strength of the penalty, in scikit-learn's units for each model",
        ),
        Parameter(
            "dataset",
            "Data",
            "choice",
            DATASETS[0],
            choices=DATASETS,
            tooltip="Synthetic data with known true slopes, or your CSV (last column is y)",
        ),
        Parameter(
            "n_features",
            "Features",
            "int",
            6,
            minimum=2,
            maximum=10,
            tooltip="Synthetic features; the true slopes of x3, x5, x7, x8 and x10 are 0",
        ),
        Parameter(
            "correlation",
            "Feature correlation ρ",
            "float",
            0.5,
            minimum=0.0,
            maximum=0.95,
            step=0.05,
            decimals=2,
            tooltip="corr(x_i, x_j) = ρ^|i−j|: correlated features tilt the loss contours",
        ),
        Parameter(
            "noise",
            "Noise σ",
            "float",
            1.0,
            minimum=0.1,
            maximum=5.0,
            step=0.1,
            decimals=2,
            tooltip="Standard deviation of the noise added to y",
        ),
        Parameter(
            "n_samples",
            "Samples",
            "int",
            80,
            minimum=20,
            maximum=1000,
            step=10,
            tooltip="Rows of synthetic data (70% train, 30% validation)",
        ),
    ),
    presets=(
        Preset(
            "lasso_corner",
            "Lasso lands on a corner",
            "A strong L1 penalty: the loss contour touches the diamond at its corner on the "
            "w₁ axis, so x2 and every weaker slope are exactly 0; only x1 survives.",
            {"penalty": PENALTIES[0], "alpha": 1.2, "n_features": 6},
        ),
        Preset(
            "ridge_disk",
            "Ridge touches the disk",
            "The same data under an L2 penalty: every slope shrinks, none is exactly 0.",
            {"penalty": PENALTIES[1], "alpha": 20.0, "n_features": 6},
        ),
        Preset(
            "correlated",
            "Correlated features",
            "ρ = 0.9: the loss contours become long, narrow ellipses and coordinate descent "
            "zig-zags along the valley, needing many more sweeps.",
            {"penalty": PENALTIES[0], "alpha": 0.2, "correlation": 0.9, "n_features": 4},
        ),
        Preset(
            "overfit_small",
            "Few rows, many features",
            "30 noisy rows and 10 features: with α tiny the validation error is high, and a "
            "larger α lowers it.",
            {
                "penalty": PENALTIES[0],
                "alpha": 0.002,
                "n_samples": 30,
                "n_features": 10,
                "noise": 2.5,
            },
        ),
        Preset(
            "huge_alpha",
            "α beyond the largest useful value",
            "α above max|xᵀy|/n: lasso sets every slope to 0 in the first sweep.",
            {"penalty": PENALTIES[0], "alpha": 5.0},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "l1_zero",
            (3,),
            "lasso_corner",
            "With a strong L1 penalty, what happens to the slope of x2 (true value 0.7, "
            "correlated with x1)?",
            (
                "It shrinks a little but stays clearly non-zero",
                "It becomes exactly 0",
                "It grows to compensate for x1",
            ),
            1,
            "The soft-threshold sets w₂ to 0 whenever |x₂ᵀr|/n ≤ α: the contour meets the "
            "diamond at a corner on the w₁ axis.",
            watch_steps=8,
        ),
        PredictionPrompt(
            "l2_no_zero",
            (3,),
            "ridge_disk",
            "Under a strong L2 penalty, how many slopes end exactly at 0?",
            ("None", "The ones whose true value is 0", "All but one"),
            0,
            "Ridge's update c / (z + α) only divides: it shrinks towards 0 but reaches it "
            "only if c is exactly 0. The disk has no corners.",
            watch_steps=8,
        ),
        PredictionPrompt(
            "small_data",
            (3,),
            "overfit_small",
            "With 30 noisy rows, 10 features and almost no penalty, where is the validation "
            "error lowest along the path?",
            ("At the smallest α", "At a moderate α", "At the largest α, all slopes 0"),
            1,
            "Too little penalty fits the noise (high variance), too much zeroes real "
            "effects (high bias); the validation curve is U-shaped.",
            watch_steps=3,
        ),
    ),
)
