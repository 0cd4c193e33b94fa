"""Registry entry for the gradient-descent visualizer (questions 10 and 25)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, VisualizerSpec

# The choices live here, not in run.py: the registry imports every spec when the app starts,
# so a spec must not pull in NumPy (about 100 ms of start-up). A test checks they match
# the algorithm's surfaces.
SYNTHETIC = "synthetic line"
CSV_PROBLEM = "CSV file"
DATA_PROBLEMS: tuple[str, ...] = (SYNTHETIC, "diabetes (BMI)", CSV_PROBLEM)
SURFACE_NAMES: tuple[str, ...] = ("elongated bowl", "saddle", "Rosenbrock")
PROBLEMS: tuple[str, ...] = (*DATA_PROBLEMS, *SURFACE_NAMES)
COMPARE_MODES: tuple[str, ...] = ("off", "optimizers", "learning rates")

SPEC = VisualizerSpec(
    id="gradient_descent",
    title="Gradient descent",
    description="Watch batch, mini-batch and stochastic gradient descent (plain, momentum, "
    "Adam) fit a line or roll down test surfaces, and race optimizers on the same loss.",
    questions=(10, 25),
    view="visualizers.gradient_descent.view:GradientDescentView",
    parameters=(
        Parameter(
            "problem",
            "Problem",
            "choice",
            "synthetic line",
            choices=PROBLEMS,
            tooltip="What to minimise: the squared error of a line fit to data "
            "(synthetic, the bundled diabetes data, or your CSV), or a 2-D test surface",
        ),
        Parameter(
            "optimizer",
            "Optimizer",
            "choice",
            "plain",
            choices=("plain", "momentum", "adam"),
            tooltip="plain: θ ← θ − η∇L;  momentum: v ← βv + ∇L, θ ← θ − ηv;  "
            "Adam: momentum divided by a running RMS of the gradient",
        ),
        Parameter(
            "compare",
            "Race",
            "choice",
            "off",
            choices=COMPARE_MODES,
            tooltip="Run several optimizers side by side on the same surface and batches: "
            "plain vs momentum vs Adam, or the chosen optimizer at η/3, η and 3η",
        ),
        Parameter(
            "learning_rate",
            "Learning rate η",
            "float",
            0.1,
            minimum=1e-4,
            maximum=3.0,
            log_scale=True,
            decimals=4,
            tooltip="Step size. Plain GD is stable only for η < 2/λ_max (the largest curvature)",
        ),
        Parameter(
            "momentum",
            "Momentum β",
            "float",
            0.9,
            minimum=0.0,
            maximum=0.99,
            step=0.01,
            decimals=2,
            tooltip="Momentum's decay β (also Adam's β₁)",
        ),
        Parameter(
            "batch_mode",
            "Gradient from",
            "choice",
            "batch",
            choices=("batch", "mini-batch", "stochastic"),
            tooltip="All examples (batch), a shuffled mini-batch, or one example per step "
            "(analytic surfaces always use the exact gradient)",
        ),
        Parameter(
            "batch_size",
            "Mini-batch size",
            "int",
            8,
            minimum=1,
            maximum=64,
            unit="examples",
            tooltip="Examples per mini-batch step",
        ),
        Parameter(
            "max_steps",
            "Steps",
            "int",
            300,
            minimum=10,
            maximum=5000,
            step=10,
            tooltip="The run stops after this many updates (or when every runner converged "
            "or diverged)",
        ),
        Parameter(
            "n_points",
            "Points (synthetic)",
            "int",
            40,
            minimum=5,
            maximum=500,
            tooltip="Number of synthetic data points",
        ),
        Parameter(
            "slope",
            "Slope (synthetic)",
            "float",
            2.0,
            minimum=-5.0,
            maximum=5.0,
            step=0.1,
            decimals=2,
            tooltip="True slope of the synthetic line (intercept 1)",
        ),
        Parameter(
            "noise",
            "Noise σ (synthetic)",
            "float",
            1.0,
            minimum=0.0,
            maximum=5.0,
            step=0.1,
            decimals=2,
            tooltip="Standard deviation of the Gaussian noise added to y",
        ),
        Parameter(
            "outliers",
            "Outliers (synthetic)",
            "int",
            0,
            minimum=0,
            maximum=20,
            tooltip="Points pushed far above the line: squared error lets them pull the fit",
        ),
        Parameter(
            "scaling",
            "Feature scaling",
            "choice",
            "none",
            choices=("none", "min-max", "standardize"),
            tooltip="Rescale x and y before fitting: scaling changes the curvature, and so the "
            "usable learning rate (try the diabetes data with and without it)",
        ),
        Parameter(
            "start_u",
            "Start (across)",
            "float",
            -0.8,
            minimum=-1.0,
            maximum=1.0,
            step=0.05,
            decimals=2,
            tooltip="Starting point, −1 = left edge of the contour plot, "
            "+1 = right edge. Click the contour plot to choose it",
        ),
        Parameter(
            "start_v",
            "Start (up)",
            "float",
            0.8,
            minimum=-1.0,
            maximum=1.0,
            step=0.05,
            decimals=2,
            tooltip="Starting point, −1 = bottom of the contour plot, +1 = top. "
            "Click the contour plot to choose it",
        ),
    ),
)
