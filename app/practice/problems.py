"""The table of practice problems: number → what the learner writes and how it is tested (no Qt).

A problem is linked to a content question by its number (21–25 from the guide, 100–199 for
the practice set). Its statement lives in the content YAML; the starter, the reference and
the tests live here in Python, so no code is ever read from a content file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.practice.cases import Case


@dataclass(frozen=True)
class Animation:
    """Per-step calls whose results the "Animate my code" view draws, learner beside reference."""

    kind: str  # "kmeans" or "curve": how the view draws a step
    calls: tuple[dict[str, Any], ...]
    reference_steps: Callable[[], list[Any]]
    labels: tuple[str, ...]
    data: dict[str, Any]


@dataclass(frozen=True)
class Problem:
    number: int
    target: str  # the function or class the learner defines
    title: str
    starter: str
    reference: str  # "module:function" shown by "Show reference"
    build_cases: Callable[[], list[Case]]
    animation: Callable[[], Animation] | None = None
    time_limit: float = 10.0
    # The visualizer whose "learner run" hook animates this problem's function (its own
    # tab, beside its reference run) instead of the small `animation` view.
    visualizer: str | None = None


def _wrapped(contract: str, width: int = 68) -> str:
    """The contract reflowed to `width`: paragraphs are separated by blank lines, and a line
    starting with "- " starts a new item, so the starter reads without scrolling sideways."""
    items: list[str] = []
    current: list[str] = []
    for line in [*textwrap.dedent(contract).strip().splitlines(), ""]:
        stripped = line.strip()
        if (not stripped or stripped.startswith("- ")) and current:
            items.append(" ".join(current))
            current = []
        if not stripped:
            items.append("")
        else:
            current.append(stripped)
    lines: list[str] = []
    for item in items[:-1]:
        indent = "  " if item.startswith("- ") else ""
        lines += textwrap.wrap(item, width, subsequent_indent=indent) or [""]
    return "\n".join(lines)


def function_starter(signature: str, contract: str, imports: str = "import numpy as np") -> str:
    """A starter file: imports, the signature, the contract as a docstring, `# your code`."""
    body = textwrap.indent(_wrapped(contract), "    ")
    head = f"{imports}\n\n\n" if imports else ""
    return (
        f'{head}{signature}\n    """\n{body}\n    """\n    # your code\n'
        "    raise NotImplementedError\n"
    )


def class_starter(
    header: str, contract: str, methods: list[tuple[str, str]], imports: str = ""
) -> str:
    """A starter class: the contract as its docstring, each method with `# your code`."""
    doc = textwrap.indent(_wrapped(contract), "    ")
    parts = [f"{imports}\n\n\n" if imports else "", f'{header}\n    """\n{doc}\n    """\n']
    for signature, summary in methods:
        parts.append(
            f'\n    {signature}\n        """{summary}"""\n        # your code\n'
            "        raise NotImplementedError\n"
        )
    return "".join(parts)


@cache
def all_problems() -> dict[int, Problem]:
    """Every practice problem by question number."""
    from app.practice import problems_dsa, problems_ml, problems_seed

    table: dict[int, Problem] = {}
    for module in (problems_seed, problems_ml, problems_dsa):
        for problem in module.PROBLEMS:
            if problem.number in table:
                raise RuntimeError(f"two practice problems share number {problem.number}")
            table[problem.number] = problem
    return table


def problem(number: int) -> Problem | None:
    return all_problems().get(number)
