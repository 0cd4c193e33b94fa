"""Registry entry for the matrix-factorization visualizer (no Qt)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

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
    presets=(
        Preset(
            "overfitting",
            "Overfitting with many factors",
            "Rank 20 and no regularization: train RMSE keeps falling while test RMSE turns up.",
            {"rank": 20, "reg": 0.0, "lr": 0.05, "epochs": 40},
        ),
        Preset(
            "strong-regularization",
            "Strong regularization",
            "λ = 0.8 shrinks every factor toward zero: both RMSEs stay high (underfitting).",
            {"reg": 0.8},
        ),
        Preset(
            "cold-start",
            "Cold start (5% observed)",
            "Very sparse ratings (ALS): some users and videos have no training ratings at all.",
            {"observed": 0.05, "method": "ALS", "epochs": 15},
        ),
        Preset(
            "als",
            "Alternating least squares",
            "Exact ridge solves per half-step: no learning rate, and J never rises.",
            {"method": "ALS", "epochs": 15},
        ),
        Preset(
            "learning-rate-too-large",
            "Learning rate too large",
            "η = 1 with ten factors and no regularization: SGD overshoots and diverges.",
            {"lr": 1.0, "reg": 0.0, "rank": 10, "epochs": 20},
        ),
    ),
    predictions=(
        PredictionPrompt(
            "mf-lr-diverges",
            (22,),
            "learning-rate-too-large",
            "SGD with η = 1.0 and no regularization: what happens to the training loss?",
            (
                "It blows up to infinity or NaN within a few epochs",
                "It falls faster than with η = 0.02 and settles lower",
                "It falls just as with η = 0.02, only noisier",
            ),
            0,
            "Each update moves p_u and q_i by η × error × the other vector; with η = 1 the "
            "step overshoots, the errors grow, and the next steps are larger still. The run "
            "stops with a divergence message: lower η.",
            watch_steps=20,
        ),
        PredictionPrompt(
            "mf-overfit-test-rmse",
            (22, 15),
            "overfitting",
            "Rank 20, λ = 0: train RMSE falls every epoch. What does test RMSE do?",
            (
                "Falls at first, then rises while train RMSE keeps falling",
                "Falls along with train RMSE to the end",
                "Stays flat from the first epoch",
            ),
            0,
            "Twenty factors per user with no penalty can fit each user's few ratings "
            "exactly, noise included: the held-out error bottoms out and climbs. The "
            "explanation flags it as overfitting; raise λ, lower the rank or stop early.",
            watch_steps=40,
        ),
        PredictionPrompt(
            "mf-als-monotone",
            (22,),
            "als",
            "ALS solves each half-step exactly. Can the objective J rise from one epoch to the next?",
            (
                "No: each half-step lands on its minimum, so J never rises",
                "Yes, it jitters like SGD",
                "Yes, every other epoch",
            ),
            0,
            "With one side fixed, J is a ridge regression per user (then per video) whose "
            "exact solution can't be worse than where it started. That is why ALS needs no "
            "learning rate.",
            watch_steps=15,
        ),
        PredictionPrompt(
            "mf-strong-regularization",
            (15,),
            "strong-regularization",
            "λ = 0.8 instead of 0.05: where does test RMSE end up?",
            (
                "Higher: the factors are shrunk so hard the model underfits",
                "Lower: more regularization always generalizes better",
                "The same: λ only changes the training error",
            ),
            0,
            "A strong penalty pulls every factor and bias toward 0, so predictions drift "
            "toward the global mean: train and test RMSE both stay high. λ trades variance "
            "for bias; the best value is found on held-out ratings.",
            watch_steps=60,
        ),
        PredictionPrompt(
            "mf-genres-discovered",
            (15, 12),
            "als",
            "The model never sees a genre label. After training, do videos of one genre sit "
            "together in the latent space?",
            (
                "Yes: videos liked by the same users get similar factors",
                "No: without labels the factors are random",
                "Only when biases are turned off",
            ),
            0,
            "Collaborative filtering learns item vectors from who rated what: videos loved by "
            "the same users end up near each other, so genres emerge as clusters. The "
            "explanation reports how much of the hidden taste space the factors recover.",
            watch_steps=15,
        ),
        PredictionPrompt(
            "mf-cold-user-fallback",
            (12, 13),
            "cold-start",
            "With 5% of ratings observed, some users have none in training. What does the "
            "model predict for them?",
            (
                "μ + b_i for every video: the same popularity-like list for all of them",
                "Their favourite genre first",
                "Random videos",
            ),
            0,
            "A user with no ratings has nothing to fit: ALS sets p_u = 0 and b_u = 0, so the "
            "prediction is the global mean plus each video's bias (SGD leaves p_u at its tiny "
            "random start, nearly the same). Content features (genre, an onboarding "
            "question) are what can personalize here.",
            watch_steps=30,
        ),
        PredictionPrompt(
            "mf-fold-in-zero",
            (13,),
            "cold-start",
            "On the Cold start tab, a new user with 0 ratings is folded in. Which list is best "
            "for them?",
            (
                "The genre list from the onboarding answer",
                "The model's list: it knows every video's factors",
                "They are all equally good",
            ),
            0,
            "With no ratings the fold-in gives p = 0, so the model ranks by μ + b_i, which is "
            "popularity. The onboarding answer is the only personal signal; a few ratings "
            "later the folded-in model overtakes it.",
            watch_steps=30,
        ),
    ),
)
