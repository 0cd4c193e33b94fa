"""The one registry of visualizers: the menu, question links, self-test and UI tests read it.

Pure Python (no Qt). A visualizer is declared once, as a `VisualizerSpec` named `SPEC`
in its package's `spec.py`, its id listed in `catalog.VISUALIZER_IDS`. The view class is named
by a dotted path and imported only when the visualizer is opened, so building menus stays
cheap and this module never pulls in Qt.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from visualizers.core.catalog import VISUALIZER_IDS, spec_module

ParameterKind = Literal["int", "float", "choice", "bool"]


@dataclass(frozen=True)
class Parameter:
    """One user-tunable parameter, rendered by the parameter panel as a slider/spin box/combo."""

    name: str
    label: str
    kind: ParameterKind
    default: int | float | str | bool
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    unit: str = ""
    tooltip: str = ""
    log_scale: bool = False
    decimals: int = 3

    def __post_init__(self) -> None:
        if self.kind in ("int", "float"):
            if self.minimum is None or self.maximum is None:
                raise ValueError(
                    f"parameter {self.name!r}: numeric parameters need minimum and maximum"
                )
            if not (self.minimum <= float(self.default) <= self.maximum):
                raise ValueError(
                    f"parameter {self.name!r}: default {self.default} outside [{self.minimum}, {self.maximum}]"
                )
            if self.log_scale and self.minimum <= 0:
                raise ValueError(
                    f"parameter {self.name!r}: a log-scale parameter needs minimum > 0"
                )
        if self.kind == "choice" and self.default not in self.choices:
            raise ValueError(
                f"parameter {self.name!r}: default {self.default!r} not among {self.choices}"
            )

    def clamp(self, value: object) -> int | float | str | bool:
        """Coerce a user-supplied value into this parameter's type and range (absurd values are clamped)."""
        if self.kind == "bool":
            return bool(value)
        if self.kind == "choice":
            return value if value in self.choices else self.default
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return self.default
        if number != number:  # NaN
            return self.default
        assert self.minimum is not None and self.maximum is not None
        number = min(max(number, self.minimum), self.maximum)
        return round(number) if self.kind == "int" else number


@dataclass(frozen=True)
class Preset:
    """A named scenario ("learning rate too large") that sets the parameters it names.

    `values` overlays the spec's defaults (every parameter not named goes back to its
    default), so a preset always shows the same picture. Predict-then-watch prompts and the
    view's preset menu both use presets.
    """

    id: str
    title: str
    description: str
    values: Mapping[str, int | float | str | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class PredictionPrompt:
    """A predict-then-watch prompt: the learner predicts, then the preset's run shows the answer.

    `questions` are the question numbers it is written for; `preset` is the id of one of the
    spec's presets that sets up exactly the scenario asked about; `watch_steps` is how many
    player steps the run needs before the answer is visible (the verdict waits for them).
    """

    id: str
    questions: tuple[int, ...]
    preset: str
    prompt: str
    choices: tuple[str, ...]
    correct: int
    explanation: str
    watch_steps: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.correct < len(self.choices):
            raise ValueError(f"prompt {self.id!r}: correct answer {self.correct} is not a choice")


@dataclass(frozen=True)
class VisualizerSpec:
    """Everything the app needs to know about a visualizer without importing it."""

    id: str
    title: str
    description: str
    questions: tuple[int, ...]
    view: str  # "package.module:ClassName" of the Qt view, imported lazily
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    seed: int = 0
    presets: tuple[Preset, ...] = field(default_factory=tuple)
    predictions: tuple[PredictionPrompt, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        names = {p.name for p in self.parameters}
        preset_ids = {p.id for p in self.presets}
        if len(preset_ids) != len(self.presets):
            raise ValueError(f"visualizer {self.id!r}: duplicate preset ids")
        for preset in self.presets:
            unknown = set(preset.values) - names
            if unknown:
                raise ValueError(
                    f"visualizer {self.id!r}: preset {preset.id!r} sets unknown {sorted(unknown)}"
                )
        for prompt in self.predictions:
            if prompt.preset not in preset_ids:
                raise ValueError(
                    f"visualizer {self.id!r}: prompt {prompt.id!r} names no preset {prompt.preset!r}"
                )

    def preset(self, preset_id: str) -> Preset:
        for p in self.presets:
            if p.id == preset_id:
                return p
        raise KeyError(f"visualizer {self.id!r} has no preset {preset_id!r}")

    def preset_values(self, preset_id: str) -> dict[str, int | float | str | bool]:
        """Every parameter's value under this preset: defaults overlaid with the preset's."""
        return self.resolve(self.preset(preset_id).values)

    def defaults(self) -> dict[str, int | float | str | bool]:
        return {p.name: p.default for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(f"visualizer {self.id!r} has no parameter {name!r}")

    def resolve(self, values: Mapping[str, object]) -> dict[str, int | float | str | bool]:
        """Defaults overlaid with `values`, each clamped to its declared range; unknown names ignored."""
        resolved = self.defaults()
        for p in self.parameters:
            if p.name in values:
                resolved[p.name] = p.clamp(values[p.name])
        return resolved

    def load_view_class(self) -> type:
        module_name, _, class_name = self.view.partition(":")
        module = importlib.import_module(module_name)
        view_class: type = getattr(module, class_name)
        return view_class


def all_specs() -> tuple[VisualizerSpec, ...]:
    """Every registered visualizer, in menu order."""
    specs = []
    for visualizer_id in VISUALIZER_IDS:
        module_name = spec_module(visualizer_id)
        spec = importlib.import_module(module_name).SPEC
        if not isinstance(spec, VisualizerSpec):
            raise TypeError(f"{module_name}.SPEC is not a VisualizerSpec")
        if spec.id != visualizer_id:
            raise ValueError(f"{module_name}.SPEC has id {spec.id!r}, not its package's name")
        specs.append(spec)
    if len(set(VISUALIZER_IDS)) != len(VISUALIZER_IDS):
        raise ValueError(f"duplicate visualizer ids in the catalog: {VISUALIZER_IDS}")
    return tuple(specs)


def get(visualizer_id: str) -> VisualizerSpec | None:
    """The spec with this id, or None when no such visualizer is registered (yet)."""
    for spec in all_specs():
        if spec.id == visualizer_id:
            return spec
    return None


def for_question(number: int) -> tuple[VisualizerSpec, ...]:
    """Visualizers that illustrate question `number`."""
    return tuple(s for s in all_specs() if number in s.questions)
