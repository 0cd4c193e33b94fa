"""The one colour palette of the visualizers (pure, no Qt).

Okabe & Ito's colour-blind-safe set ("Color Universal Design", 2008), without its black
(the axes already use the foreground colour). Each colour is legible on white and on
#1e1e1e. `CATEGORICAL` extends it for k-means' up to twelve clusters: beyond eight no
palette stays distinguishable for every reader, so views also label what colour shows
(centroid numbers, legends, marker shapes).
"""

from __future__ import annotations

ORANGE = "#e69f00"
SKY_BLUE = "#56b4e9"
GREEN = "#009e73"  # bluish green
YELLOW = "#f0e442"
BLUE = "#0072b2"
VERMILLION = "#d55e00"
PURPLE = "#cc79a7"  # reddish purple
GREY = "#888888"

# The order series are given colours in (e.g. runners in a race).
SERIES: tuple[str, ...] = (ORANGE, BLUE, GREEN, PURPLE, VERMILLION, SKY_BLUE)

# Clusters: Okabe–Ito first, then six darker or paler relatives that stay apart from them.
CATEGORICAL: tuple[str, ...] = (
    *SERIES,
    "#b59b00",  # dark yellow (pure yellow vanishes on white)
    "#7f3c8d",  # plum
    "#e73f74",  # rose
    "#3969ac",  # steel blue
    "#80ba5a",  # leaf green
    "#8c564b",  # brown
)
