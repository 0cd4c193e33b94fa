"""Reference solutions of the data-structures-and-algorithms practice problems (pure Python).

The loops an ML-engineer interview asks for: heaps, windows, binary search on the answer,
caches, tries, graph search, union-find, hashing and sparse data. The unit tests check every
one against a brute-force oracle.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict, deque
from collections.abc import Sequence
from typing import Any


def top_k(nums: Sequence[float], k: int) -> list[float]:
    """The k largest values, largest first (all of them when k ≥ n): a size-k min-heap, O(n log k)."""
    if k < 0:
        raise ValueError("k must be non-negative")
    heap: list[float] = []
    for value in nums:
        if len(heap) < k:
            heapq.heappush(heap, value)
        elif k and value > heap[0]:
            heapq.heapreplace(heap, value)
    return sorted(heap, reverse=True)


def merge_k_sorted(lists: Sequence[Sequence[float]]) -> list[float]:
    """One sorted list from k sorted lists: a heap of each list's next item, O(N log k)."""
    heap = [(values[0], i, 0) for i, values in enumerate(lists) if values]
    heapq.heapify(heap)
    out = []
    while heap:
        value, i, j = heapq.heappop(heap)
        out.append(value)
        if j + 1 < len(lists[i]):
            heapq.heappush(heap, (lists[i][j + 1], i, j + 1))
    return out


def sliding_window_max(nums: Sequence[float], k: int) -> list[float]:
    """Maximum of every window of k consecutive values: a deque of candidate indices, O(n)."""
    if not 1 <= k <= len(nums):
        raise ValueError("k must be between 1 and len(nums)")
    window: deque[int] = deque()
    out = []
    for i, value in enumerate(nums):
        while window and nums[window[-1]] <= value:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(nums[window[0]])
    return out


class MovingAverage:
    """Mean of the last `size` values of a stream, O(1) per value."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self.window: deque[float] = deque()
        self.total = 0.0

    def next(self, value: float) -> float:
        self.window.append(value)
        self.total += value
        if len(self.window) > self.size:
            self.total -= self.window.popleft()
        return self.total / len(self.window)


def min_capacity(weights: list[int], days: int) -> int:
    """Least ship capacity that carries the packages, in order, within `days` days.

    Binary search on the answer: capacity c works iff a greedy fill needs ≤ days; the
    answer lies in [max(weights), sum(weights)]. O(n log Σw).
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if not weights:
        return 0

    def days_needed(capacity: int) -> int:
        used, load = 1, 0
        for w in weights:
            if load + w > capacity:
                used, load = used + 1, 0
            load += w
        return used

    low, high = max(weights), sum(weights)
    while low < high:
        middle = (low + high) // 2
        if days_needed(middle) <= days:
            high = middle
        else:
            low = middle + 1
    return low


def merge_intervals(intervals: Sequence[Sequence[float]]) -> list[list[float]]:
    """Overlapping or touching intervals merged, sorted by start: sort, then one sweep."""
    merged: list[list[float]] = []
    for start, end in sorted((float(a), float(b)) for a, b in intervals):
        if start > end:
            raise ValueError(f"interval [{start}, {end}] ends before it starts")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


class LRUCache:
    """get/put in O(1); putting into a full cache evicts the least recently used key."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.items: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        if key not in self.items:
            return -1
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: Any, value: Any) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)


class Trie:
    """Prefix tree of words; autocomplete returns the first k completions in sorted order."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def insert(self, word: str) -> None:
        node = self.root
        for char in word:
            node = node.setdefault(char, {})
        node["$"] = True

    def autocomplete(self, prefix: str, k: int) -> list[str]:
        node = self.root
        for char in prefix:
            if char not in node:
                return []
            node = node[char]
        out: list[str] = []
        stack = [(node, prefix)]
        while stack and len(out) < k:  # depth first, children in reverse so "a" pops first
            current, word = stack.pop()
            if "$" in current:
                out.append(word)
            for char in sorted((c for c in current if c != "$"), reverse=True):
                stack.append((current[char], word + char))
        return out


def grid_shortest_path(grid: list[str], start: tuple[int, int], goal: tuple[int, int]) -> int:
    """Fewest 4-neighbour steps from start to goal avoiding '#' cells; −1 when unreachable. BFS, O(rows·cols)."""
    rows, cols = len(grid), len(grid[0]) if grid else 0

    def open_cell(r: int, c: int) -> bool:
        return 0 <= r < rows and 0 <= c < cols and grid[r][c] != "#"

    if not open_cell(*start) or not open_cell(*goal):
        raise ValueError("start and goal must be open cells inside the grid")
    distance = {tuple(start): 0}
    queue = deque([tuple(start)])
    while queue:
        r, c = queue.popleft()
        if (r, c) == tuple(goal):
            return distance[(r, c)]
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if open_cell(nr, nc) and (nr, nc) not in distance:
                distance[(nr, nc)] = distance[(r, c)] + 1
                queue.append((nr, nc))
    return -1


def topological_order(tasks: list[str], dependencies: list[tuple[str, str]]) -> list[str]:
    """An order of the tasks in which every (before, after) pair holds (Kahn); ValueError on a cycle."""
    incoming = {t: 0 for t in tasks}
    following: dict[str, list[str]] = {t: [] for t in tasks}
    for before, after in dependencies:
        if before not in incoming or after not in incoming:
            raise ValueError(f"unknown task in dependency ({before}, {after})")
        following[before].append(after)
        incoming[after] += 1
    ready = deque(t for t in tasks if incoming[t] == 0)
    order = []
    while ready:
        task = ready.popleft()
        order.append(task)
        for nxt in following[task]:
            incoming[nxt] -= 1
            if incoming[nxt] == 0:
                ready.append(nxt)
    if len(order) != len(tasks):
        raise ValueError("the dependencies contain a cycle")
    return order


def count_components(n: int, edges: list[tuple[int, int]]) -> int:
    """Connected components of an undirected graph on nodes 0..n−1: union-find with path halving."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    components = n
    for a, b in edges:
        if not (0 <= a < n and 0 <= b < n):
            raise ValueError(f"edge ({a}, {b}) names a node outside 0..{n - 1}")
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_a] = root_b
            components -= 1
    return components


def two_sum(nums: list[int], target: int) -> tuple[int, int] | None:
    """Indices (i, j), i < j, with nums[i] + nums[j] == target (the pair whose j is smallest), or None. O(n)."""
    seen: dict[int, int] = {}
    for j, value in enumerate(nums):
        if target - value in seen:
            return seen[target - value], j
        seen.setdefault(value, j)
    return None


def two_sum_count(nums: list[int], target: int) -> int:
    """How many index pairs i < j have nums[i] + nums[j] == target. O(n) with a counter."""
    counts: dict[int, int] = {}
    pairs = 0
    for value in nums:
        pairs += counts.get(target - value, 0)
        counts[value] = counts.get(value, 0) + 1
    return pairs


def sparse_dot(a: dict[int, float], b: dict[int, float]) -> float:
    """Dot product of sparse vectors stored as {index: value}: walk the smaller one, O(min(nnz))."""
    if len(a) > len(b):
        a, b = b, a
    return float(sum(value * b[i] for i, value in a.items() if i in b))


def sparse_matmul(
    A: dict[tuple[int, int], float], B: dict[tuple[int, int], float]
) -> dict[tuple[int, int], float]:
    """C = A·B for matrices stored as {(row, col): value}; entries that are exactly 0 are left out.

    Index B by row, then for every a_ik add a_ik·b_kj to c_ij: work proportional to the
    products that are actually non-zero, never to the dense size.
    """
    rows_of_b: dict[int, list[tuple[int, float]]] = {}
    for (k, j), value in B.items():
        rows_of_b.setdefault(k, []).append((j, value))
    out: dict[tuple[int, int], float] = {}
    for (i, k), a_value in A.items():
        for j, b_value in rows_of_b.get(k, ()):
            out[(i, j)] = out.get((i, j), 0.0) + a_value * b_value
    return {key: value for key, value in out.items() if value != 0}


class MedianFinder:
    """Running median: a max-heap of the lower half and a min-heap of the upper half, O(log n) per add."""

    def __init__(self) -> None:
        self.low: list[float] = []  # negated values
        self.high: list[float] = []

    def add(self, value: float) -> None:
        heapq.heappush(self.low, -value)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def median(self) -> float:
        if not self.low:
            raise ValueError("no values yet")
        if len(self.low) > len(self.high):
            return float(-self.low[0])
        return (-self.low[0] + self.high[0]) / 2
