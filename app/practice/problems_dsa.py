"""Data structures and algorithms as ML-engineer loops ask them (questions 120–134; no Qt).

Expected values come from `reference_dsa.py`, which the unit tests check against brute
force. Where several answers are right (a topological order, a pair of indices), the check
validates the answer instead of comparing it with one of them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from app.practice import reference_dsa as ref
from app.practice.cases import Case, CaseList, Check, call, raised, same, show, show_args
from app.practice.problems import Problem, class_starter, function_starter
from app.practice.runner import CallResult

RNG_SEED = 120


def _rng(offset: int) -> np.random.Generator:
    return np.random.default_rng(RNG_SEED + offset)


def _top_k_cases() -> list[Case]:
    c, t, f = CaseList(), "top_k", ref.top_k
    c.against(
        "fixed",
        "3 largest watch times",
        t,
        f,
        [5, 1, 9, 3, 7, 9, 2],
        3,
        hint="largest first; duplicates count",
    )
    c.against("fixed", "k = 1", t, f, [-3, -1, -2], 1)
    c.against("edge", "k = 0", t, f, [1, 2], 0)
    c.against("edge", "k larger than the list", t, f, [2, 8, 4], 5)
    c.against("edge", "empty list", t, f, [], 3)
    c.against("edge", "negative k", t, f, [1, 2], -1, raises="k must be ≥ 0")
    for i in range(4):
        rng = _rng(i)
        nums = rng.integers(-100, 100, int(rng.integers(1, 200))).tolist()
        c.against("random", f"{len(nums)} random values", t, f, nums, int(rng.integers(1, 20)))
    return c.cases


def _merge_k_cases() -> list[Case]:
    c, t, f = CaseList(), "merge_k_sorted", ref.merge_k_sorted
    c.against("fixed", "three shards of a ranking", t, f, [[1, 4, 7], [2, 5, 8], [3, 6, 9]])
    c.against("fixed", "uneven lengths and duplicates", t, f, [[1, 1, 5], [1], [0, 2, 2, 2, 10]])
    c.against("edge", "no lists", t, f, [])
    c.against("edge", "empty lists among them", t, f, [[], [3], [], [1, 2]])
    for i in range(3):
        rng = _rng(10 + i)
        lists = [
            sorted(rng.integers(0, 50, int(rng.integers(0, 15))).tolist())
            for _ in range(int(rng.integers(1, 8)))
        ]
        c.against("random", f"{len(lists)} random sorted lists", t, f, lists)
    return c.cases


def _window_cases() -> list[Case]:
    c, t, f = CaseList(), "sliding_window_max", ref.sliding_window_max
    c.against("fixed", "window of 3", t, f, [1, 3, -1, -3, 5, 3, 6, 7], 3)
    c.against("fixed", "decreasing values", t, f, [9, 8, 7, 6, 5], 2)
    c.against("edge", "k = 1 returns the list", t, f, [4, 2, 12], 1)
    c.against("edge", "k = n returns the max", t, f, [4, 2, 12, 3], 4)
    c.against("edge", "k larger than the list", t, f, [1, 2], 3, raises="k > len(nums)")
    c.against("edge", "k = 0", t, f, [1, 2], 0, raises="k must be ≥ 1")
    for i in range(3):
        rng = _rng(20 + i)
        nums = rng.integers(-50, 50, int(rng.integers(5, 300))).tolist()
        c.against(
            "random",
            f"{len(nums)} random values",
            t,
            f,
            nums,
            int(rng.integers(1, 5 + len(nums) // 4)),
        )
    return c.cases


def _moving_average_cases() -> list[Case]:
    c = CaseList()
    c.session(
        "fixed",
        "window of 3",
        "MovingAverage",
        ref.MovingAverage,
        [3],
        [("next", [1]), ("next", [10]), ("next", [3]), ("next", [5])],
    )
    c.session(
        "edge",
        "window of 1",
        "MovingAverage",
        ref.MovingAverage,
        [1],
        [("next", [4]), ("next", [-2])],
    )
    c.session(
        "edge", "size 0", "MovingAverage", ref.MovingAverage, [0], [], raises="size must be ≥ 1"
    )
    rng = _rng(30)
    values = rng.normal(size=200).round(3).tolist()
    c.session(
        "random",
        "200 values, window 17",
        "MovingAverage",
        ref.MovingAverage,
        [17],
        [("next", [v]) for v in values],
    )
    return c.cases


def _capacity_cases() -> list[Case]:
    c, t, f = CaseList(), "min_capacity", ref.min_capacity
    c.against("fixed", "10 batches in 5 days", t, f, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)
    c.against("fixed", "3 days", t, f, [3, 2, 2, 4, 1, 4], 3)
    c.against("edge", "one day: the total", t, f, [5, 1, 4], 1)
    c.against("edge", "more days than batches: the heaviest", t, f, [5, 1, 4], 10)
    c.against("edge", "no batches", t, f, [], 3)
    c.against("edge", "zero days", t, f, [1], 0, raises="days must be ≥ 1")
    for i in range(3):
        rng = _rng(40 + i)
        weights = rng.integers(1, 500, int(rng.integers(1, 300))).tolist()
        c.against(
            "random", f"{len(weights)} random batches", t, f, weights, int(rng.integers(1, 30))
        )
    return c.cases


def _intervals_cases() -> list[Case]:
    c, t, f = CaseList(), "merge_intervals", ref.merge_intervals
    c.against("fixed", "overlapping sessions", t, f, [[1, 3], [2, 6], [8, 10], [15, 18]])
    c.against("fixed", "unsorted input", t, f, [[8, 10], [1, 4], [2, 3]])
    c.against("edge", "touching intervals merge", t, f, [[1, 2], [2, 3]])
    c.against("edge", "no intervals", t, f, [])
    c.against(
        "edge", "an interval that ends before it starts", t, f, [[3, 1]], raises="start > end"
    )
    for i in range(3):
        rng = _rng(50 + i)
        starts = rng.integers(0, 100, int(rng.integers(1, 40)))
        c.against(
            "random",
            f"{len(starts)} random intervals",
            t,
            f,
            [[int(s), int(s + rng.integers(0, 10))] for s in starts],
        )
    return c.cases


def _lru_cases() -> list[Case]:
    c = CaseList()
    ops = [
        ("put", [1, 1]),
        ("put", [2, 2]),
        ("get", [1]),
        ("put", [3, 3]),
        ("get", [2]),
        ("put", [4, 4]),
        ("get", [1]),
        ("get", [3]),
        ("get", [4]),
    ]
    c.session("fixed", "capacity 2: eviction order", "LRUCache", ref.LRUCache, [2], ops)
    c.session(
        "fixed",
        "put refreshes an existing key",
        "LRUCache",
        ref.LRUCache,
        [2],
        [
            ("put", [1, 1]),
            ("put", [2, 2]),
            ("put", [1, 10]),
            ("put", [3, 3]),
            ("get", [1]),
            ("get", [2]),
        ],
    )
    c.session(
        "edge",
        "capacity 1",
        "LRUCache",
        ref.LRUCache,
        [1],
        [("put", ["a", 1]), ("put", ["b", 2]), ("get", ["a"]), ("get", ["b"])],
    )
    c.session(
        "edge", "capacity 0", "LRUCache", ref.LRUCache, [0], [], raises="capacity must be ≥ 1"
    )
    rng = _rng(60)
    random_ops: list[tuple[str, list[Any]]] = []
    for _ in range(400):
        key = int(rng.integers(0, 12))
        random_ops.append(
            ("get", [key]) if rng.random() < 0.5 else ("put", [key, int(rng.integers(0, 100))])
        )
    c.session(
        "random", "400 random operations, capacity 5", "LRUCache", ref.LRUCache, [5], random_ops
    )
    return c.cases


def _trie_cases() -> list[Case]:
    c = CaseList()
    words = ["cat", "car", "cart", "carbon", "dog", "do", "card"]
    inserts: list[tuple[str, list[Any]]] = [("insert", [w]) for w in words]
    c.session(
        "fixed",
        "hashtag autocomplete",
        "Trie",
        ref.Trie,
        [],
        [*inserts, ("autocomplete", ["car", 3]), ("autocomplete", ["do", 5])],
    )
    c.session(
        "edge", "prefix not present", "Trie", ref.Trie, [], [*inserts, ("autocomplete", ["z", 3])]
    )
    c.session(
        "edge",
        "empty prefix: every word, sorted",
        "Trie",
        ref.Trie,
        [],
        [*inserts, ("autocomplete", ["", 10])],
    )
    c.session(
        "edge",
        "a word inserted twice appears once",
        "Trie",
        ref.Trie,
        [],
        [("insert", ["ab"]), ("insert", ["ab"]), ("autocomplete", ["a", 5])],
    )
    rng = _rng(70)
    letters = np.array(list("abc"))
    random_words = ["".join(rng.choice(letters, int(rng.integers(1, 6)))) for _ in range(60)]
    c.session(
        "random",
        "60 random words",
        "Trie",
        ref.Trie,
        [],
        [
            *(("insert", [w]) for w in random_words),
            ("autocomplete", ["a", 7]),
            ("autocomplete", ["bc", 4]),
            ("autocomplete", ["", 12]),
        ],
    )
    return c.cases


def _grid_cases() -> list[Case]:
    c, t, f = CaseList(), "grid_shortest_path", ref.grid_shortest_path
    maze = ["....#", ".##.#", "...#.", "#.#..", "....."]
    c.against("fixed", "a small maze", t, f, maze, (0, 0), (4, 4))
    c.against("fixed", "start is the goal", t, f, maze, (2, 2), (2, 2))
    c.against(
        "edge",
        "no way through",
        t,
        f,
        ["..#..", "..#..", "..#.."],
        (0, 0),
        (2, 4),
        hint="return −1 when the goal can't be reached",
    )
    c.against("edge", "start on a wall", t, f, maze, (0, 4), (4, 4), raises="start is a wall")
    c.against("edge", "goal outside the grid", t, f, maze, (0, 0), (9, 9), raises="goal outside")
    for i in range(3):
        rng = _rng(80 + i)
        rows, cols = int(rng.integers(5, 30)), int(rng.integers(5, 30))
        cells = np.where(rng.random((rows, cols)) < 0.28, "#", ".")
        cells[0, 0] = cells[-1, -1] = "."
        c.against(
            "random",
            f"random {rows}×{cols} grid",
            t,
            f,
            ["".join(r) for r in cells],
            (0, 0),
            (rows - 1, cols - 1),
        )
    return c.cases


def _expect_topological(tasks: list[str], deps: list[tuple[str, str]]) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected an order of the tasks, but it {raised(result)}"
        order = result.value
        if not isinstance(order, list | tuple) or sorted(map(str, order)) != sorted(tasks):
            return f"the order must hold each task exactly once, got {show(order)}"
        position = {task: i for i, task in enumerate(order)}
        for before, after in deps:
            if position[before] > position[after]:
                return f"{before!r} must run before {after!r}, got {show(order)}"
        return None

    return check


def _topo_cases() -> list[Case]:
    c, t = CaseList(), "topological_order"
    pipeline = ["ingest", "clean", "features", "train", "evaluate", "deploy", "labels"]
    deps = [
        ("ingest", "clean"),
        ("clean", "features"),
        ("labels", "train"),
        ("features", "train"),
        ("train", "evaluate"),
        ("evaluate", "deploy"),
    ]
    examples = [
        ("fixed", "a training pipeline", pipeline, deps),
        ("edge", "no dependencies", ["b", "a"], []),
        ("edge", "a single task", ["only"], []),
    ]
    rng = _rng(90)
    for i in range(3):
        n = int(rng.integers(5, 40))
        names = [f"t{j}" for j in range(n)]
        edges = {(int(a), int(b)) for a, b in rng.integers(0, n, (n * 2, 2)) if a < b}
        shuffled = [names[j] for j in rng.permutation(n)]
        examples.append(
            (
                "random",
                f"random DAG #{i + 1}, {n} tasks",
                shuffled,
                sorted((names[a], names[b]) for a, b in edges),
            )
        )
    for kind, title, tasks, dependencies in examples:
        c.add(
            kind,
            title,
            call(t, tasks, dependencies),
            show_args(tasks, dependencies),
            "any order that respects every dependency",
            _expect_topological(tasks, dependencies),
        )
    c.against(
        "edge",
        "a cycle",
        t,
        ref.topological_order,
        ["a", "b", "c"],
        [("a", "b"), ("b", "c"), ("c", "a")],
        raises="the dependencies contain a cycle",
    )
    return c.cases


def _components_cases() -> list[Case]:
    c, t, f = CaseList(), "count_components", ref.count_components
    c.against("fixed", "two friend groups and a loner", t, f, 6, [(0, 1), (1, 2), (3, 4)])
    c.against("fixed", "a cycle is one component", t, f, 4, [(0, 1), (1, 2), (2, 3), (3, 0)])
    c.against("edge", "no edges", t, f, 3, [])
    c.against("edge", "no nodes", t, f, 0, [])
    c.against("edge", "self-loops and repeated edges", t, f, 3, [(0, 0), (1, 2), (2, 1), (1, 2)])
    c.against(
        "edge",
        "an edge to a node that doesn't exist",
        t,
        f,
        3,
        [(0, 5)],
        raises="node 5 is outside 0..2",
    )
    for i in range(3):
        rng = _rng(100 + i)
        n = int(rng.integers(10, 500))
        edges = [(int(a), int(b)) for a, b in rng.integers(0, n, (int(rng.integers(0, n)), 2))]
        c.against("random", f"{n} nodes, {len(edges)} random edges", t, f, n, edges)
    return c.cases


def _expect_pair(nums: list[int], target: int) -> Check:
    exists = ref.two_sum(nums, target) is not None

    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected a pair of indices or None, but it {raised(result)}"
        value = result.value
        if not exists:
            return (
                None
                if value is None
                else f"no pair sums to {target}: expected None, got {show(value)}"
            )
        if not isinstance(value, list | tuple) or len(value) != 2:
            return f"expected a pair (i, j), got {show(value)}"
        i, j = (int(v) for v in value)
        if not 0 <= i < j < len(nums):
            return f"expected indices i < j inside the list, got {show(value)}"
        if nums[i] + nums[j] != target:
            return f"nums[{i}] + nums[{j}] = {nums[i] + nums[j]}, not {target}"
        return None

    return check


def _two_sum_cases() -> list[Case]:
    c = CaseList()
    examples = [
        ("fixed", "a pair exists", [2, 7, 11, 15], 9),
        ("fixed", "the same value twice", [3, 3, 4], 6),
        ("edge", "no pair", [1, 2, 4], 100),
        ("edge", "one element can't pair with itself", [5], 10),
        ("edge", "empty list", [], 0),
    ]
    rng = _rng(110)
    for _ in range(3):
        nums = rng.integers(-50, 50, int(rng.integers(2, 80))).tolist()
        examples.append(("random", f"{len(nums)} random values", nums, int(rng.integers(-60, 60))))
    for kind, title, nums, target in examples:
        c.add(
            kind,
            f"two_sum: {title}",
            call("two_sum", nums, target),
            show_args(nums, target),
            "a valid (i, j), or None",
            _expect_pair(nums, target),
        )
    for kind, title, nums, target in examples[:2] + examples[5:]:
        c.against(
            kind,
            f"two_sum_count: {title}",
            "two_sum_count",
            ref.two_sum_count,
            nums,
            target,
            hint="count every index pair i < j once",
        )
    c.against(
        "edge",
        "two_sum_count: all zeros",
        "two_sum_count",
        ref.two_sum_count,
        [0, 0, 0, 0],
        0,
        hint="4 zeros make 6 pairs",
    )
    return c.cases


def _sparse_dot_cases() -> list[Case]:
    c, t, f = CaseList(), "sparse_dot", ref.sparse_dot
    c.against(
        "fixed", "two hashtag vectors", t, f, {0: 1.0, 3: 2.0, 7: -1.0}, {3: 4.0, 7: 2.0, 9: 5.0}
    )
    c.against("edge", "no common index", t, f, {1: 2.0}, {2: 3.0})
    c.against("edge", "an empty vector", t, f, {}, {1: 1.0})
    for i in range(3):
        rng = _rng(120 + i)
        a = {
            int(k): float(v)
            for k, v in zip(
                rng.choice(10_000, 300, replace=False), rng.normal(size=300).round(3), strict=True
            )
        }
        b = {
            int(k): float(v)
            for k, v in zip(
                rng.choice(10_000, 2_000, replace=False),
                rng.normal(size=2_000).round(3),
                strict=True,
            )
        }
        c.against("random", "random vectors in 10,000 dimensions", t, f, a, b)
    return c.cases


def _expect_sparse(expected: dict[tuple[int, int], float]) -> Check:
    def check(result: CallResult) -> str | None:
        if not result.ok:
            return f"expected a dict of non-zero entries, but it {raised(result)}"
        value = result.value
        if not isinstance(value, dict):
            return f"expected a dict {{(row, col): value}}, got {show(value)}"
        got = {tuple(int(i) for i in k): v for k, v in value.items() if abs(float(v)) > 1e-12}
        if not same(got, expected):
            missing = sorted(set(expected) - set(got))[:3]
            extra = sorted(set(got) - set(expected))[:3]
            detail = f" (missing {missing}, unexpected {extra})" if missing or extra else ""
            return f"expected {show(expected)}, got {show(value)}{detail}"
        return None

    return check


def _random_sparse(
    rng: np.random.Generator, rows: int, cols: int, nnz: int
) -> dict[tuple[int, int], float]:
    return {
        (int(r), int(q)): float(rng.integers(-5, 6)) or 1.0
        for r, q in zip(rng.integers(0, rows, nnz), rng.integers(0, cols, nnz), strict=True)
    }


def _sparse_matmul_cases() -> list[Case]:
    c = CaseList()
    A = {(0, 0): 1.0, (0, 2): 2.0, (1, 1): 3.0}
    B = {(0, 1): 4.0, (2, 1): 5.0, (1, 0): -1.0}
    examples = [
        ("fixed", "2×3 times 3×2", A, B),
        (
            "edge",
            "products that cancel are left out",
            {(0, 0): 1.0, (0, 1): 1.0},
            {(0, 0): 2.0, (1, 0): -2.0},
        ),
        ("edge", "an empty matrix", {}, B),
    ]
    for i in range(3):
        rng = _rng(130 + i)

        examples.append(
            (
                "random",
                f"random sparse matrices #{i + 1}",
                _random_sparse(rng, 40, 60, 90),
                _random_sparse(rng, 60, 30, 90),
            )
        )
    for kind, title, left, right in examples:
        expected = ref.sparse_matmul(left, right)
        c.add(
            kind,
            title,
            call("sparse_matmul", left, right),
            show_args(left, right),
            show(expected),
            _expect_sparse(expected),
        )
    return c.cases


def _median_cases() -> list[Case]:
    c = CaseList()
    c.session(
        "fixed",
        "add, median, add, median",
        "MedianFinder",
        ref.MedianFinder,
        [],
        [("add", [5]), ("median", []), ("add", [1]), ("median", []), ("add", [3]), ("median", [])],
    )
    c.session(
        "edge",
        "median with nothing added",
        "MedianFinder",
        ref.MedianFinder,
        [],
        [("median", [])],
        raises="no values yet",
    )
    c.session(
        "edge",
        "equal values",
        "MedianFinder",
        ref.MedianFinder,
        [],
        [("add", [2]), ("add", [2]), ("median", [])],
    )
    rng = _rng(140)
    ops: list[tuple[str, list[Any]]] = []
    for v in rng.normal(size=300).round(3):
        ops += [("add", [float(v)]), ("median", [])]
    c.session("random", "300 random latencies", "MedianFinder", ref.MedianFinder, [], ops)
    return c.cases


PROBLEMS = (
    Problem(
        120,
        "top_k",
        "Top-k with a heap",
        function_starter(
            "def top_k(nums, k):",
            """
        The k largest values of nums, largest first.

        - When k ≥ len(nums), return all of them, sorted largest first.
        - Aim for O(n log k) time and O(k) extra memory (heapq).
        - Raise ValueError for k < 0.
        """,
            "import heapq",
        ),
        "app.practice.reference_dsa:top_k",
        _top_k_cases,
    ),
    Problem(
        121,
        "merge_k_sorted",
        "Merge k sorted lists",
        function_starter(
            "def merge_k_sorted(lists):",
            """
        One sorted list holding every item of k sorted lists (duplicates kept).

        - Aim for O(N log k) for N items in total.
        """,
            "import heapq",
        ),
        "app.practice.reference_dsa:merge_k_sorted",
        _merge_k_cases,
    ),
    Problem(
        122,
        "sliding_window_max",
        "Sliding-window maximum",
        function_starter(
            "def sliding_window_max(nums, k):",
            """
        The maximum of every window of k consecutive values, left to right
        (len(nums) − k + 1 values).

        - Aim for O(n) with a deque.
        - Raise ValueError unless 1 ≤ k ≤ len(nums).
        """,
            "from collections import deque",
        ),
        "app.practice.reference_dsa:sliding_window_max",
        _window_cases,
    ),
    Problem(
        123,
        "MovingAverage",
        "Moving average of a stream",
        class_starter(
            "class MovingAverage:",
            """
        Mean of the last `size` values of a stream (fewer at the start).

        - MovingAverage(size) raises ValueError for size < 1.
        - next(value) adds a value and returns the current mean, in O(1).
        """,
            [
                ("def __init__(self, size):", "Start an empty window of `size` values."),
                ("def next(self, value):", "Add `value`; return the mean of the window."),
            ],
            "from collections import deque",
        ),
        "app.practice.reference_dsa:MovingAverage",
        _moving_average_cases,
    ),
    Problem(
        124,
        "min_capacity",
        "Binary search on the answer",
        function_starter(
            "def min_capacity(weights, days):",
            """
        Training batches of the given sizes must be processed in order, within
        `days` days; each day a worker takes consecutive batches up to a capacity.
        Return the smallest whole-number capacity that finishes in time.

        - No batches: return 0.
        - Aim for O(n log Σweights): binary-search the capacity.
        - Raise ValueError for days < 1.
        """,
            "",
        ),
        "app.practice.reference_dsa:min_capacity",
        _capacity_cases,
    ),
    Problem(
        125,
        "merge_intervals",
        "Merge intervals",
        function_starter(
            "def merge_intervals(intervals):",
            """
        Merge overlapping or touching intervals [start, end]; return the merged
        intervals as a list of [start, end] lists, sorted by start.

        - Raise ValueError for an interval whose end is before its start.
        - Aim for O(n log n).
        """,
            "",
        ),
        "app.practice.reference_dsa:merge_intervals",
        _intervals_cases,
    ),
    Problem(
        126,
        "LRUCache",
        "LRU cache",
        class_starter(
            "class LRUCache:",
            """
        A cache of at most `capacity` keys that evicts the least recently used key.

        - LRUCache(capacity) raises ValueError for capacity < 1.
        - get(key) returns the value, or −1 if absent; it counts as a use.
        - put(key, value) inserts or updates (also a use) and, when over capacity,
          evicts the least recently used key. Both in O(1).
        """,
            [
                ("def __init__(self, capacity):", "An empty cache."),
                ("def get(self, key):", "The value for key, or -1."),
                ("def put(self, key, value):", "Insert or update key."),
            ],
            "from collections import OrderedDict",
        ),
        "app.practice.reference_dsa:LRUCache",
        _lru_cases,
    ),
    Problem(
        127,
        "Trie",
        "Trie autocomplete",
        class_starter(
            "class Trie:",
            """
        A prefix tree for autocomplete.

        - insert(word) adds a word (inserting it again changes nothing).
        - autocomplete(prefix, k) returns up to k stored words that start with
          prefix, in alphabetical order ([] when none).
        """,
            [
                ("def __init__(self):", "An empty trie."),
                ("def insert(self, word):", "Add a word."),
                ("def autocomplete(self, prefix, k):", "Up to k words with this prefix, sorted."),
            ],
        ),
        "app.practice.reference_dsa:Trie",
        _trie_cases,
    ),
    Problem(
        128,
        "grid_shortest_path",
        "Shortest path on a grid (BFS)",
        function_starter(
            "def grid_shortest_path(grid, start, goal):",
            """
        Fewest steps from start to goal moving up, down, left or right through
        open cells.

        - grid: list of equal-length strings, '#' is a wall, '.' is open.
        - start, goal: (row, col) pairs. Return −1 when the goal is unreachable.
        - Raise ValueError when start or goal is outside the grid or on a wall.
        - Aim for O(rows · cols).
        """,
            "from collections import deque",
        ),
        "app.practice.reference_dsa:grid_shortest_path",
        _grid_cases,
    ),
    Problem(
        129,
        "topological_order",
        "Topological sort of a pipeline",
        function_starter(
            "def topological_order(tasks, dependencies):",
            """
        An order in which to run the tasks of a pipeline DAG.

        - tasks: list of task names; dependencies: list of (before, after) pairs.
        - Return a list holding every task once, each `before` ahead of its `after`
          (any valid order passes).
        - Raise ValueError when the dependencies contain a cycle.
        - Aim for O(V + E).
        """,
            "from collections import deque",
        ),
        "app.practice.reference_dsa:topological_order",
        _topo_cases,
    ),
    Problem(
        130,
        "count_components",
        "Connected components with union-find",
        function_starter(
            "def count_components(n, edges):",
            """
        Number of connected components of an undirected graph with nodes 0..n−1.

        - edges: list of (a, b) pairs; self-loops and repeats are allowed.
        - Raise ValueError for an edge naming a node outside 0..n−1.
        - Aim for near O(n + E) with union-find (path compression).
        """,
            "",
        ),
        "app.practice.reference_dsa:count_components",
        _components_cases,
    ),
    Problem(
        131,
        "two_sum",
        "Two-sum variants",
        function_starter(
            "def two_sum(nums, target):\n"
            '    """Indices (i, j) with i < j and nums[i] + nums[j] == target, or None.\n\n'
            "    Any valid pair passes. Aim for O(n) with a dict.\n"
            '    """\n'
            "    # your code\n"
            "    raise NotImplementedError\n\n\n"
            "def two_sum_count(nums, target):",
            """
        How many index pairs i < j have nums[i] + nums[j] == target.

        - Aim for O(n).
        """,
            "",
        ),
        "app.practice.reference_dsa:two_sum+two_sum_count",
        _two_sum_cases,
    ),
    Problem(
        132,
        "sparse_dot",
        "Sparse vector dot product",
        function_starter(
            "def sparse_dot(a, b):",
            """
        Dot product of two sparse vectors stored as dicts {index: value}.

        - Return a float (0.0 when no index is shared).
        - Aim for O(min(nnz(a), nnz(b))).
        """,
            "",
        ),
        "app.practice.reference_dsa:sparse_dot",
        _sparse_dot_cases,
    ),
    Problem(
        133,
        "sparse_matmul",
        "Sparse matrix multiplication",
        function_starter(
            "def sparse_matmul(A, B):",
            """
        The product A·B of sparse matrices stored as dicts {(row, col): value}.

        - Return a dict {(row, col): value} of the non-zero entries of the product.
        - Work should grow with the non-zero products, not with the dense size.
        """,
            "",
        ),
        "app.practice.reference_dsa:sparse_matmul",
        _sparse_matmul_cases,
    ),
    Problem(
        134,
        "MedianFinder",
        "Median of a data stream",
        class_starter(
            "class MedianFinder:",
            """
        The running median of a stream of numbers.

        - add(value) in O(log n); median() in O(1), a float: the middle value, or
          the mean of the two middle values.
        - median() raises ValueError before any value was added.
        """,
            [
                ("def __init__(self):", "An empty stream."),
                ("def add(self, value):", "Add a value."),
                ("def median(self):", "The median so far."),
            ],
            "import heapq",
        ),
        "app.practice.reference_dsa:MedianFinder",
        _median_cases,
    ),
)
