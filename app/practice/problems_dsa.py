"""Data-structures-and-algorithms practice problems (120–149)."""

from app.practice.problems import Problem

PROBLEMS: tuple[Problem, ...] = ()
