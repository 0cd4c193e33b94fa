"""Machine-learning-from-scratch practice problems (100–119)."""

from app.practice.problems import Problem

PROBLEMS: tuple[Problem, ...] = ()
