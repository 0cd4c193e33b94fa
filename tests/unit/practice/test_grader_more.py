"""Every practice problem: the starter fails everything, a correct file passes everything, and
typical wrong answers are rejected with a reason."""

from __future__ import annotations

import inspect

import pytest

from app.practice import reference_dsa, reference_ml
from app.practice.grader import Report, grade
from app.practice.problems import all_problems

NEW = sorted(n for n in all_problems() if n >= 100)
# The reference modules, sent to the child as text: this checks the whole path (encoding,
# sessions, sweeps, checks) end to end; the references themselves are checked against
# independent oracles in test_references.py.
REFERENCES = "\n".join(
    inspect.getsource(m).replace("from __future__ import annotations\n", "")
    for m in (reference_ml, reference_dsa)
)


def _grade(number: int, code: str) -> Report:
    return grade(all_problems()[number], code)


@pytest.mark.parametrize("number", NEW)
def test_starter_fails_and_a_correct_file_passes(number: int) -> None:
    problem = all_problems()[number]
    assert "# your code" in problem.starter and "NotImplementedError" in problem.starter
    assert _grade(number, problem.starter).passed == 0
    report = _grade(number, REFERENCES)
    assert report.problem is None
    assert [c.message for c in report.cases if not c.passed] == []


def _why(report: Report, title: str) -> str:
    return next(c.message for c in report.cases if c.case.title == title)


def test_an_unstable_softmax_is_rejected() -> None:
    code = (
        "import numpy as np\n"
        "def softmax_cross_entropy(logits, labels):\n"
        "    z = np.asarray(logits, float)\n"
        "    labels = np.asarray(labels)\n"
        "    if z.size == 0 or len(labels) != len(z) or labels.max() >= z.shape[1]:\n"
        "        raise ValueError('bad')\n"
        "    with np.errstate(all='ignore'):\n"
        "        p = np.exp(z) / np.exp(z).sum(1, keepdims=True)\n"
        "        return p, float(-np.log(p[np.arange(len(z)), labels]).mean())\n"
    )
    report = _grade(100, code)
    assert "subtract each row's max" in _why(report, "huge logits (exp overflows)")
    assert _why(report, "two rows, three classes") == ""


def test_auc_without_tie_handling_is_rejected() -> None:
    code = (
        "def roc_auc(y_true, scores):\n"
        "    if not y_true or len(y_true) != len(scores) or set(y_true) - {0, 1} or len(set(y_true)) < 2:\n"
        "        raise ValueError('bad')\n"
        "    pos = [s for s, y in zip(scores, y_true) if y == 1]\n"
        "    neg = [s for s, y in zip(scores, y_true) if y == 0]\n"
        "    return sum(p > n for p in pos for n in neg) / (len(pos) * len(neg))\n"
    )
    report = _grade(102, code)
    assert "average rank" in _why(report, "ties count one half")
    assert _why(report, "a perfect ranking") == ""


def test_a_biased_reservoir_is_rejected() -> None:
    code = "def reservoir_sample(stream, k, seed):\n    return list(stream)[:k]\n"
    report = _grade(107, code)
    assert "biased" in _why(report, "reservoir: 3 of 10, over 2000 seeds")


def test_an_lru_that_evicts_by_insertion_order_is_rejected() -> None:
    code = (
        "class LRUCache:\n"
        "    def __init__(self, capacity):\n"
        "        if capacity < 1:\n"
        "            raise ValueError('capacity')\n"
        "        self.capacity, self.items = capacity, {}\n"
        "    def get(self, key):\n"
        "        return self.items.get(key, -1)\n"
        "    def put(self, key, value):\n"
        "        self.items[key] = value\n"
        "        if len(self.items) > self.capacity:\n"
        "            del self.items[next(iter(self.items))]\n"
    )
    report = _grade(126, code)
    assert _why(report, "capacity 2: eviction order").startswith(
        "expected [None, None, 1, None, -1"
    )
