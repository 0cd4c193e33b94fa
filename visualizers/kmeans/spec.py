"""Registry entry for the k-means visualizer (questions 23 and 2)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, VisualizerSpec

# Dataset names are declared here (datasets.py re-exports them): the registry imports every
# spec at start-up, and a spec must not pull in NumPy.
GAUSSIAN_BLOBS = "Gaussian blobs"
ANISOTROPIC_BLOBS = "Anisotropic blobs"
TWO_MOONS = "Two moons"
CIRCLES = "Concentric circles"
UNIFORM_NOISE = "Uniform noise"
IRIS = "Iris petals (real data)"
USER_CSV = "CSV file…"
DATASETS: tuple[str, ...] = (
    GAUSSIAN_BLOBS,
    ANISOTROPIC_BLOBS,
    TWO_MOONS,
    CIRCLES,
    UNIFORM_NOISE,
    IRIS,
    USER_CSV,
)

INIT_CHOICES: tuple[str, ...] = ("k-means++", "random", "placed by clicking")

SPEC = VisualizerSpec(
    id="kmeans",
    title="k-means clustering",
    description=(
        "Lloyd's algorithm one half-step at a time: points take the colour of their nearest "
        "centroid, then centroids move to their cluster means. k-means++ seeding with its "
        "sampling probabilities, Voronoi regions, draggable centroids and an elbow / "
        "silhouette view for choosing k."
    ),
    questions=(23, 2),
    view="visualizers.kmeans.view:KMeansView",
    parameters=(
        Parameter(
            "k",
            "Clusters k",
            "int",
            4,
            minimum=1,
            maximum=12,
            step=1,
            tooltip="Number of centroids (ignored while you place centroids by hand).",
        ),
        Parameter(
            "init",
            "Initialization",
            "choice",
            "k-means++",
            choices=INIT_CHOICES,
            tooltip="k-means++ spreads the seeds out; random picks k data points; "
            "'placed by clicking' starts from the centroids you click onto the plot.",
        ),
        Parameter(
            "dataset",
            "Dataset",
            "choice",
            GAUSSIAN_BLOBS,
            choices=DATASETS,
            tooltip="Load a CSV with the button below the parameters.",
        ),
        Parameter(
            "n_points",
            "Points",
            "int",
            1000,
            minimum=10,
            maximum=100_000,
            step=10,
            log_scale=True,
            tooltip="Number of points drawn from a synthetic dataset.",
        ),
        Parameter(
            "spread",
            "Spread / noise",
            "float",
            0.8,
            minimum=0.1,
            maximum=3.0,
            step=0.05,
            decimals=2,
            tooltip="Standard deviation of the blobs; noise for moons and circles.",
        ),
        Parameter(
            "seed",
            "Seed",
            "int",
            0,
            minimum=0,
            maximum=9999,
            step=1,
            tooltip="Seeds both the data and the initialization: same seed, same run.",
        ),
    ),
)
