"""Registry entry for the k-means visualizer (questions 23 and 2)."""

from __future__ import annotations

from visualizers.core.registry import Parameter, PredictionPrompt, Preset, VisualizerSpec

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

PRESETS: tuple[Preset, ...] = (
    Preset(
        "bad_random_start",
        "Bad random start",
        "Random initialization, seed 6: two of the four starting points fall in the same blob.",
        {"init": "random", "seed": 6},
    ),
    Preset(
        "k_too_large",
        "k too large",
        "Eight centroids for four round blobs.",
        {"k": 8},
    ),
    Preset(
        "non_convex_moons",
        "Non-convex moons",
        "Two interlocking half-moons, clearly separated by eye, with k = 2.",
        {"dataset": TWO_MOONS, "k": 2, "spread": 0.15},
    ),
    Preset(
        "iris_species",
        "Iris without labels",
        "150 iris flowers by petal length and width, k = 3; the species are not shown to the "
        "algorithm.",
        {"dataset": IRIS, "k": 3},
    ),
    Preset(
        "clusters_in_noise",
        "Clusters in pure noise",
        "Points spread uniformly over a square (no groups at all), k = 4.",
        {"dataset": UNIFORM_NOISE, "k": 4},
    ),
)

PREDICTIONS: tuple[PredictionPrompt, ...] = (
    PredictionPrompt(
        "kmeans_bad_start",
        (23,),
        "bad_random_start",
        "Random init put two starting centroids in the same blob. When Lloyd's iterations "
        "stop, does each of the four blobs have its own centroid?",
        (
            "Yes, Lloyd's algorithm always finds the best clustering",
            "No, it stops in a local optimum with one centroid covering two blobs",
            "It never stops",
        ),
        1,
        "Each assign and update step can only lower the inertia from where it stands, so "
        "Lloyd gets stuck: two centroids share one blob, one sits between two. The inertia "
        "ends near 7,200, against about 1,280 from a k-means++ start. That is why seeding "
        "matters and libraries run several restarts (n_init).",
        watch_steps=12,
    ),
    PredictionPrompt(
        "kmeans_k_too_large",
        (23,),
        "k_too_large",
        "The data are four round blobs but k = 8. Compared with k = 4, is the final inertia "
        "higher or lower?",
        (
            "Higher: the clusters are wrong",
            "Lower: more centroids always cut the sum of squared distances",
            "The same",
        ),
        1,
        "Inertia is about 875 with k = 8 against about 1,260 with k = 4: splitting a blob "
        "always shortens some distances. So inertia alone can't choose k; the elbow, where "
        "it stops falling fast, and the silhouette (highest near the true k) can.",
        watch_steps=27,
    ),
    PredictionPrompt(
        "kmeans_moons",
        (23,),
        "non_convex_moons",
        "Two clearly separated half-moons, k = 2. Will each moon become one cluster?",
        (
            "Yes, the gap between them is obvious",
            "No, a straight boundary cuts through both moons",
        ),
        1,
        "Two centroids split the plane along the perpendicular bisector between them, a "
        "straight line, so clusters are always convex. About a quarter of the points, the "
        "tips of each moon, land with the other moon. Density- or graph-based methods "
        "(DBSCAN, spectral clustering) follow the shapes.",
        watch_steps=23,
    ),
    PredictionPrompt(
        "kmeans_iris",
        (2,),
        "iris_species",
        "k-means sees only petal length and width, never the species. With k = 3, how many "
        "of the 150 flowers end up in a cluster where another species is the majority?",
        ("None", "About 6", "About 50", "About 100"),
        1,
        "Setosa's petals are much smaller, so it forms a cluster of exactly its 50 flowers. "
        "Versicolor and virginica overlap: 2 versicolor join the virginica cluster and 4 "
        "virginica the versicolor one. Unsupervised structure can line up with labels it "
        "never saw, when the features separate them.",
        watch_steps=31,
    ),
    PredictionPrompt(
        "kmeans_noise",
        (2,),
        "clusters_in_noise",
        "The points are uniform noise: there are no groups. What does k-means with k = 4 return?",
        (
            "An error saying there is no structure",
            "Four clusters anyway",
            "One cluster",
        ),
        1,
        "k-means always partitions the data into k groups; it never says the groups are not "
        "there. Without labels to check against, judging whether structure is real is the "
        "analyst's job: compare the silhouette and the elbow with those of random data.",
        watch_steps=33,
    ),
)

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
    presets=PRESETS,
    predictions=PREDICTIONS,
)
