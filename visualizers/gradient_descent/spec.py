"""Registry entry for the gradient-descent visualizer (questions 10 and 25)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

# The choices live here, not in run.py: the registry imports every spec when the app starts,
# so a spec must not pull in NumPy (about 100 ms of start-up). A test checks they match
# the algorithm's surfaces.
SYNTHETIC = "synthetic line"
CSV_PROBLEM = "CSV file"
DATA_PROBLEMS: tuple[str, ...] = (SYNTHETIC, "diabetes (BMI)", CSV_PROBLEM)
SURFACE_NAMES: tuple[str, ...] = ("elongated bowl", "saddle", "Rosenbrock")
PROBLEMS: tuple[str, ...] = (*DATA_PROBLEMS, *SURFACE_NAMES)
COMPARE_MODES: tuple[str, ...] = ("off", "optimizers", "learning rates")

PRESETS: tuple[Preset, ...] = (
    Preset(
        "lr_too_large",
        "Learning rate too large",
        "Plain descent on a narrow bowl (largest curvature 15, so η must stay below 2/15 ≈ "
        "0.133), raced at η = 0.033, 0.1 and 0.3.",
        {"problem": "elongated bowl", "compare": "learning rates", "learning_rate": 0.1},
    ),
    Preset(
        "rosenbrock_valley",
        "Rosenbrock valley",
        "Plain, momentum and Adam at η = 0.001 from the classic start (−1.2, 1), down the "
        "curved, nearly flat valley to (1, 1).",
        {
            "problem": "Rosenbrock",
            "compare": "optimizers",
            "learning_rate": 0.001,
            "max_steps": 3000,
            "start_u": -0.6,
            "start_v": 0.0,
        },
    ),
    Preset(
        "momentum_overshoot",
        "Momentum overshoot",
        "Momentum with β = 0.95 on the narrow bowl: the velocity it builds carries it past "
        "the minimum again and again.",
        {
            "problem": "elongated bowl",
            "optimizer": "momentum",
            "momentum": 0.95,
            "learning_rate": 0.05,
        },
    ),
    Preset(
        "minibatch_noise",
        "Mini-batch noise",
        "Fitting the synthetic line from mini-batches of 4 examples: each step follows a "
        "noisy estimate of the gradient.",
        {
            "problem": "synthetic line",
            "batch_mode": "mini-batch",
            "batch_size": 4,
            "learning_rate": 0.05,
            "max_steps": 400,
        },
    ),
    Preset(
        "unscaled_features",
        "Unscaled features",
        "The diabetes data in raw units (BMI around 26): the loss bowl is steep along w and "
        "flat along b, so even η = 0.01 is too large.",
        {"problem": "diabetes (BMI)", "scaling": "none", "learning_rate": 0.01},
    ),
)

PREDICTIONS: tuple[PredictionPrompt, ...] = (
    PredictionPrompt(
        "gd_lr_race",
        (10,),
        "lr_too_large",
        "Three plain runs on a bowl whose steepest direction has curvature 15 use η = 0.033, "
        "0.1 and 0.3. What happens to the η = 0.3 run?",
        (
            "It converges fastest: bigger steps, fewer of them",
            "It zig-zags but still converges",
            "It blows up within a few steps",
            "It stalls where it started",
        ),
        2,
        "Along a direction of curvature λ each step multiplies the error by (1 − ηλ). With "
        "η = 0.3 that factor is 1 − 4.5 = −3.5: every step overshoots by more than it "
        "corrects, and the run is stopped at step 4. η = 0.1 gives −0.5, which zig-zags yet "
        "shrinks; plain descent is stable only for η < 2/λ ≈ 0.133.",
        watch_steps=5,
    ),
    PredictionPrompt(
        "gd_momentum_overshoot",
        (10,),
        "momentum_overshoot",
        "Momentum with β = 0.95 heads for the minimum of a narrow bowl. When it first reaches "
        "x = 0, does it stop there?",
        (
            "Yes, momentum damps the motion at the minimum",
            "No, it keeps going and crosses x = 0 again and again",
            "It never reaches x = 0",
        ),
        1,
        "The velocity v ← βv + ∇L remembers about 1/(1 − β) = 20 past gradients, so it is "
        "still large when the path reaches the minimum. It overshoots (first at step 7) and "
        "spirals in, crossing x = 0 more than twenty times in 300 steps. A smaller β or η "
        "damps it.",
        watch_steps=40,
    ),
    PredictionPrompt(
        "gd_rosenbrock_race",
        (10,),
        "rosenbrock_valley",
        "Plain GD, momentum and Adam all use η = 0.001 on Rosenbrock's valley. Which one "
        "reaches the minimum (1, 1) within 3,000 steps?",
        ("Plain GD", "Momentum", "Adam", "None of them"),
        1,
        "The valley floor is almost flat, so plain steps along it are tiny and it ends near "
        "(0.84, 0.71). Adam moves about η per step whatever the gradient, so at 0.001 a step "
        "it covers only a fraction of the way. Momentum keeps adding up the small, consistent gradient "
        "along the floor and converges at step 2,263.",
        watch_steps=2300,
    ),
    PredictionPrompt(
        "gd_unscaled",
        (25,),
        "unscaled_features",
        "Linear regression on raw BMI values (around 26) with η = 0.01, a step size that "
        "works well on standardized data. What happens?",
        (
            "It converges, just more slowly",
            "It diverges at once",
            "It converges to a different line",
        ),
        1,
        "The curvature along w is about 2·mean(x²) ≈ 1,430 when x is around 26, so steps are "
        "stable only for η < 2/1430 ≈ 0.0014; the run is stopped at step 2. Standardizing x "
        "and y brings the curvature to 2, and then η = 0.1 converges in about 70 steps.",
        watch_steps=3,
    ),
    PredictionPrompt(
        "gd_minibatch",
        (25,),
        "minibatch_noise",
        "Fitting a line from mini-batches of 4 examples: what does the full-data loss do "
        "from step to step?",
        (
            "It falls every step, as with the full batch",
            "It falls overall but goes up on many steps",
            "It stays flat until the end of the first epoch",
        ),
        1,
        "Each step follows the gradient of 4 examples only: an unbiased but noisy estimate. "
        "The full-data loss trends down yet rises on about half of the 400 steps, and the "
        "fit keeps jittering around the least-squares line instead of settling on it; a "
        "decaying η or bigger batches quiet it.",
        watch_steps=60,
    ),
)

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
    presets=PRESETS,
    predictions=PREDICTIONS,
)
