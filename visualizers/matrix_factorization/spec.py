"""Registry entry for the matrix-factorization visualizer (no Qt)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, VisualizerSpec

DATA_SYNTHETIC = "synthetic genres"
DATA_CSV = "my CSV (user,item,rating)"

SPEC = VisualizerSpec(
    id="matrix_factorization",
    title="Matrix factorization for recommendations",
    description=(
        "Factor a users × videos rating matrix into user and video taste vectors by SGD or "
        "alternating least squares, learning from the observed ratings only. Watch the "
        "reconstruction fill in the blanks, train and test RMSE part ways when the model "
        "overfits, and users and videos drift into genre clusters in the latent space. Pick a "
        "user for their recommendations and why; add a new user to see the cold-start problem "
        "next to popularity and genre-based fallbacks."
    ),
    questions=(15, 22, 12, 13),
    view="visualizers.matrix_factorization.view:MatrixFactorizationView",
    parameters=(
        Parameter(
            "data",
            "Ratings",
            "choice",
            DATA_SYNTHETIC,
            choices=(DATA_SYNTHETIC, DATA_CSV),
            tooltip="Synthetic ratings from hidden genre tastes, or a CSV loaded below.",
        ),
        Parameter(
            "method",
            "Method",
            "choice",
            "SGD",
            choices=("SGD", "ALS"),
            tooltip="Stochastic gradient descent, or alternating least squares (no learning rate).",
        ),
        Parameter(
            "rank",
            "Rank k",
            "int",
            2,
            minimum=1,
            maximum=30,
            tooltip="Number of latent factors per user and per video.",
        ),
        Parameter(
            "lr",
            "Learning rate η (SGD)",
            "float",
            0.02,
            minimum=0.001,
            maximum=1.0,
            log_scale=True,
            decimals=3,
            tooltip="SGD step size; too large and the loss diverges. ALS ignores it.",
        ),
        Parameter(
            "reg",
            "Regularization λ",
            "float",
            0.05,
            minimum=0.0,
            maximum=1.0,
            step=0.01,
            decimals=2,
            tooltip="L2 penalty on factors and biases, charged once per rating.",
        ),
        Parameter(
            "epochs",
            "Epochs",
            "int",
            60,
            minimum=1,
            maximum=300,
            tooltip="Passes over the training ratings; one per animation step.",
        ),
        Parameter(
            "biases",
            "User and video biases",
            "bool",
            True,
            tooltip="Learn μ + b_u + b_i, so the factors model taste rather than generosity.",
        ),
        Parameter(
            "observed",
            "Fraction observed (synthetic)",
            "float",
            0.3,
            minimum=0.02,
            maximum=1.0,
            step=0.01,
            decimals=2,
            tooltip="Share of user–video pairs that have a rating; popular videos get more.",
        ),
        Parameter(
            "noise",
            "Rating noise σ (synthetic)",
            "float",
            0.3,
            minimum=0.0,
            maximum=1.5,
            step=0.05,
            decimals=2,
            tooltip="Gaussian noise on each rating: the best achievable test RMSE.",
        ),
        Parameter(
            "users",
            "Users (synthetic)",
            "int",
            200,
            minimum=5,
            maximum=1000,
            tooltip="Rows of the rating matrix.",
        ),
        Parameter(
            "videos",
            "Videos (synthetic)",
            "int",
            100,
            minimum=5,
            maximum=1000,
            tooltip="Columns of the rating matrix.",
        ),
        Parameter(
            "seed",
            "Seed",
            "int",
            0,
            minimum=0,
            maximum=9999,
            tooltip="Seeds the data, the train/test split, the initial factors and the shuffles.",
        ),
    ),
)
