"""Rating data for the matrix-factorization visualizer: a synthetic users × videos matrix, or a CSV.

Pure Python and NumPy (no Qt). The synthetic matrix is generated from *hidden tastes*, so
what the model learns can be compared with the truth: every video belongs to a genre, the
genres sit on a circle in a 2-D taste space (neighbours are related: dance next to music,
pets next to comedy), and each user's taste vector points near a favourite genre. A rating
is a global offset + a user bias + a video quality + taste · genre vector + Gaussian noise,
clipped to the 1–5 star range. Better videos are watched (observed) more often, as in real
logs, which gives a popularity baseline something to find.

A CSV holds `user,item,rating` triples, one per line (an optional header line is skipped);
any bad row is reported with its line number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from visualizers.core.csv_reader import check_magnitude, iter_rows, parse_number, sniff_format

GENRES: tuple[str, ...] = (
    "dance",
    "music",
    "gaming",
    "sports",
    "travel",
    "cooking",
    "pets",
    "comedy",
)
RATING_MIN = 1.0
RATING_MAX = 5.0
_GLOBAL_OFFSET = 3.0
_USER_BIAS_SD = 0.35
_VIDEO_QUALITY_SD = 0.45
_GENRE_RADIUS = 1.1
_VIDEO_JITTER_SD = 0.15
_TASTE_ANGLE_SD = 0.35
# How strongly quality drives how often a video is watched (and so rated).
_POPULARITY_SKEW = 0.6
# The synthetic matrix goes up to 1000 × 1000; a CSV's is also bounded in cells, since
# every frame redraws the whole matrix (2000 × 2000 froze the window for seconds).
MAX_CSV_USERS = 1000
MAX_CSV_ITEMS = 1000
MAX_CSV_CELLS = 250_000


@dataclass(frozen=True)
class RatingData:
    """A users × items rating matrix with its observed mask, names and (if synthetic) the truth.

    `ratings` holds a value wherever `observed` is true; elsewhere it is NaN for a CSV and the
    would-be noisy rating for synthetic data (never shown to the model). The `true_*` fields
    are None for a CSV.
    """

    ratings: NDArray[np.float64]
    observed: NDArray[np.bool_]
    user_names: tuple[str, ...]
    item_names: tuple[str, ...]
    source: str
    genres: tuple[str, ...] = ()
    item_genre: NDArray[np.int64] | None = None
    user_favorite: NDArray[np.int64] | None = None
    true_user_factors: NDArray[np.float64] | None = None
    true_item_factors: NDArray[np.float64] | None = None
    true_user_bias: NDArray[np.float64] | None = None
    true_item_bias: NDArray[np.float64] | None = None
    noise: float | None = None

    @property
    def shape(self) -> tuple[int, int]:
        rows, cols = self.ratings.shape
        return int(rows), int(cols)

    @property
    def synthetic(self) -> bool:
        return self.true_item_factors is not None

    def true_rating(
        self, user_factor: NDArray[np.float64], user_bias: float
    ) -> NDArray[np.float64]:
        """Noise-free ratings of every video by a user with these hidden tastes (synthetic only)."""
        if self.true_item_factors is None or self.true_item_bias is None:
            raise ValueError("only synthetic data knows the true ratings")
        raw = (
            _GLOBAL_OFFSET + user_bias + self.true_item_bias + self.true_item_factors @ user_factor
        )
        return np.clip(raw, RATING_MIN, RATING_MAX)


def genre_direction(genre: int) -> NDArray[np.float64]:
    """Unit vector of a genre on the taste circle."""
    angle = 2.0 * math.pi * genre / len(GENRES)
    return np.array([math.cos(angle), math.sin(angle)])


def synthetic_ratings(
    users: int, videos: int, fraction_observed: float, noise: float, seed: int
) -> RatingData:
    """Users × videos star ratings from hidden 2-D tastes, about `fraction_observed` of them seen."""
    if users < 1 or videos < 1:
        raise ValueError("the rating matrix needs at least one user and one video")
    if not 0.0 < fraction_observed <= 1.0:
        raise ValueError("the fraction of observed ratings must be in (0, 1]")
    if not (noise >= 0.0 and math.isfinite(noise)):
        raise ValueError("the rating noise must be a finite number ≥ 0")
    rng = np.random.default_rng(seed)
    n_genres = len(GENRES)

    item_genre = rng.permutation(np.arange(videos) % n_genres)
    directions = np.stack([genre_direction(g) for g in range(n_genres)])
    item_factors = _GENRE_RADIUS * directions[item_genre] + rng.normal(
        0.0, _VIDEO_JITTER_SD, (videos, 2)
    )
    item_bias = rng.normal(0.0, _VIDEO_QUALITY_SD, videos)

    favorite = rng.integers(0, n_genres, users)
    angle = 2.0 * np.pi * favorite / n_genres + rng.normal(0.0, _TASTE_ANGLE_SD, users)
    strength = rng.uniform(0.6, 1.4, users)
    user_factors = strength[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    user_bias = rng.normal(0.0, _USER_BIAS_SD, users)

    clean = _GLOBAL_OFFSET + user_bias[:, None] + item_bias[None, :] + user_factors @ item_factors.T
    ratings = np.clip(clean + rng.normal(0.0, noise, clean.shape), RATING_MIN, RATING_MAX)

    # Popular (better) videos are rated more often; the mean stays near fraction_observed.
    weight = np.exp(_POPULARITY_SKEW * item_bias / _VIDEO_QUALITY_SD)
    watch_probability = np.clip(fraction_observed * weight / weight.mean(), 0.0, 1.0)
    observed = rng.random((users, videos)) < watch_probability[None, :]

    counters = [0] * n_genres
    item_names = []
    for g in item_genre:
        counters[g] += 1
        item_names.append(f"{GENRES[g]} #{counters[g]}")
    return RatingData(
        ratings=ratings,
        observed=observed,
        user_names=tuple(f"user {u + 1}" for u in range(users)),
        item_names=tuple(item_names),
        source="synthetic",
        genres=GENRES,
        item_genre=item_genre.astype(np.int64),
        user_favorite=favorite.astype(np.int64),
        true_user_factors=user_factors,
        true_item_factors=item_factors,
        true_user_bias=user_bias,
        true_item_bias=item_bias,
        noise=float(noise),
    )


def simulate_new_user(
    data: RatingData, favorite_genre: int, n_ratings: int, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """A brand-new user who loves `favorite_genre` and has rated `n_ratings` videos (synthetic only).

    Returns (rated item indices, their ratings, the user's true rating of every video), so the
    cold-start panel can score each recommender against what the user would really think.
    """
    if data.true_item_factors is None:
        raise ValueError("a simulated new user needs synthetic data with hidden tastes")
    rng = np.random.default_rng(seed)
    angle = 2.0 * math.pi * favorite_genre / len(GENRES) + rng.normal(0.0, _TASTE_ANGLE_SD)
    taste = 1.2 * np.array([math.cos(angle), math.sin(angle)])
    truth = data.true_rating(taste, 0.0)
    n_items = data.shape[1]
    count = max(0, min(n_ratings, n_items))
    # New users mostly watch what is popular, so they rate popular videos first.
    popularity = data.observed.sum(axis=0).astype(np.float64) + 1.0
    items = rng.choice(n_items, size=count, replace=False, p=popularity / popularity.sum())
    noise = data.noise or 0.0
    values = np.clip(truth[items] + rng.normal(0.0, noise, count), RATING_MIN, RATING_MAX)
    return items.astype(np.int64), values, truth


def parse_rating_csv(text: str, source: str = "CSV") -> RatingData:
    """Parse `user,item,rating` lines into a rating matrix; ValueError names the first bad line.

    Blank lines are skipped, a first line whose rating field is not a number is taken as a
    header, and a (user, item) pair given twice is an error (which rating would be right?).
    Reading, limits and the magnitude rule are `visualizers.core.csv_reader`'s; the matrix
    size is checked as users and items appear, so a file too big to animate is refused early.
    """
    users: dict[str, int] = {}
    items: dict[str, int] = {}
    triples: list[tuple[int, int, float]] = []
    first_line: dict[tuple[int, int], int] = {}
    delimiter, decimal_comma = sniff_format(text, ",;\t")
    first_row = True
    for line, row in iter_rows(text, name=source, max_rows=MAX_CSV_CELLS, delimiter=delimiter):
        is_first, first_row = first_row, False
        if len(row) != 3:
            raise ValueError(
                f"{source}, line {line}: expected 3 fields (user,item,rating), got {len(row)}"
            )
        user, item, rating_text = (field[:80] for field in row)
        rating = parse_number(rating_text, decimal_comma=decimal_comma)
        if rating is None:
            if is_first:
                continue  # a header such as "user,item,rating"
            raise ValueError(
                f"{source}, line {line}: rating {rating_text[:40]!r} is not a number"
            ) from None
        if not user or not item:
            raise ValueError(f"{source}, line {line}: the user and the item need names")
        if not math.isfinite(rating):
            raise ValueError(
                f"{source}, line {line}: rating {rating_text[:40]!r} is not a finite number"
            )
        check_magnitude(rating, name=source, line=line, column="rating")
        u = users.setdefault(user, len(users))
        i = items.setdefault(item, len(items))
        if len(users) > MAX_CSV_USERS or len(items) > MAX_CSV_ITEMS:
            raise ValueError(_too_big(source, line))
        if (u, i) in first_line:
            raise ValueError(
                f"{source}, line {line}: {user!r} already rated {item!r} on line "
                f"{first_line[(u, i)]}; keep one rating per pair"
            )
        first_line[(u, i)] = line
        triples.append((u, i, rating))
    if not triples:
        raise ValueError(f"{source}: no ratings found (expected lines of user,item,rating)")
    if len(users) * len(items) > MAX_CSV_CELLS:
        raise ValueError(
            f"{source}: {len(users)} users × {len(items)} items is more than this visualizer "
            f"can animate interactively (at most {MAX_CSV_CELLS:,} user–item cells, e.g. "
            "500 × 500); use a sample of the users or items"
        )
    ratings = np.full((len(users), len(items)), np.nan)
    observed = np.zeros((len(users), len(items)), dtype=bool)
    for u, i, rating in triples:
        ratings[u, i] = rating
        observed[u, i] = True
    return RatingData(
        ratings=ratings,
        observed=observed,
        user_names=tuple(users),
        item_names=tuple(items),
        source=source,
    )


def _too_big(source: str, line: int) -> str:
    return (
        f"{source}, line {line}: more than {MAX_CSV_USERS} users or {MAX_CSV_ITEMS} items; "
        f"this visualizer animates at most {MAX_CSV_USERS} × {MAX_CSV_ITEMS} "
        f"(and {MAX_CSV_CELLS:,} cells in all). Use a sample of the file."
    )
