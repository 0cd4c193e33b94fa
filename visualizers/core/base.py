"""`VisualizerView`: the Qt base every visualizer view subclasses.

Layout: your plots in the centre, the explanation panel under them, the parameter panel
(built from `spec.parameters`) plus your optional extra controls on the right, and the
player controls along the bottom (play/pause, step back/forward, reset, speed 0.25x–16x,
timeline slider, loop, step counter). Space / Left / Right / Home are shortcuts scoped to
this view (`Qt.WidgetWithChildrenShortcut`), so two open visualizers never fight.

`VisualizerView[S, F]` is generic over the visualizer's state (its Qt-free `state.py`
object: parameters' consequences, the user's data, caches, side computations, narration)
and its frame type, so every hook is typed with the real classes.

Hooks a subclass implements (the base calls them; you never call them yourself):

- ``create_state(self, spec) -> S`` — the first thing ``__init__`` does, before the
  QWidget exists and before any other hook, so every later hook can rely on
  ``self.state``. Build the pure state object here (no widgets). Views written before
  state modules don't override it and get ``None``.
- ``build_plots(self) -> QWidget`` — called once from ``__init__``, *before* the first
  run. Create your pyqtgraph widgets and plot items here (the base ``__init__`` has
  already set ``self.state``, ``self.spec``, ``self.params``, ``self.seed`` and
  ``self.player``). ``visualizers.core.plotting.themed_plot`` gives a palette-aware
  PlotWidget.
- ``create_stepper(self, params, seed) -> Stepper[F]`` — pure: build the stepper for
  these resolved parameter values (a stateful view asks ``self.state.stepper``). Raise
  ``ValueError("what is wrong and what to do")`` for bad parameters or data; the base
  shows the message in the explanation panel's warning strip, reverts the panel, and
  keeps the previous run on screen.
- ``show_frame(self, frame) -> None`` — update existing plot items with ``setData``;
  never create items here. Called on every step, scrub and GIF frame: keep it fast.
  ``self.history`` holds all earlier frames if you need a trail.
- optional ``explain(self, frame) -> str`` — the narration shown for a frame (default:
  ``frame.explanation``); a stateful view asks ``self.state.explain``, so text is
  written when it is read rather than for every frame computed.
- optional ``adjust_edit(self, edited) -> dict`` — the values to run after the learner
  edited the panel (e.g. gradient descent gives Rosenbrock its own step size).
- optional ``build_extra_controls(self) -> QWidget | None`` — widgets placed under the
  parameter panel (CSV loader, toggles…). Called after ``build_plots``.
- optional ``run_started(self, stepper, first) -> None`` — a new run was created (after
  a successful ``create_stepper``, before frame 0 is shown): draw what is constant for the
  whole run (data points, a loss surface) here rather than on every frame.
- optional ``export_widget(self) -> QWidget`` — what PNG/GIF export renders (default:
  the plots widget).
- optional ``inactive_parameters(self) -> Mapping[str, str]`` — parameters that do
  nothing with the current values, each with the reason; the panel disables them (e.g.
  the momentum β for plain gradient descent). Asked after every accepted run.
- optional ``heavy_run(self, params) -> bool`` and ``plan_run(self, params, seed) ->
  RunPlan[F]`` — a run too slow for the GUI thread (big user data). When ``heavy_run``
  says so, ``set_params``/``restart`` take a `RunPlan` (a snapshot: ``build()`` runs on a
  worker and touches no live state, ``adopt(stepper)`` installs on the GUI thread) and
  build the stepper and its first frames on a worker, with the file loader's progress
  row (busy) and Cancel. Until it is ready the previous run stays on screen; Cancel keeps
  the previous parameters and run; a newer change or load drops it. Light runs (the
  default) stay synchronous, exactly as before.

Also here, written once for every visualizer: the preset menu (the spec's named
scenarios), "Reset to defaults", parameters remembered per visualizer id between
launches (`visualizers.core.memory`), and loading a user's file: ``build_file_loader``
gives the one "Load CSV…" block (button, progress bar with Cancel shown when a load takes
over 0.3 s, label; `visualizers.core.loading`), whose button calls the view's
``load_csv(path)``, which calls ``load_user_file`` — parse the file with the visualizer's
own pure parser on a worker thread (progress and Cancel come from
`visualizers.core.csv_reader`), then install it, restart, and put the previous data back
if the parse fails, is cancelled or the run is refused. It returns a `UserFileLoad`
(``finished(bool)``, ``wait()`` for tests); the view's ``load_finished(bool)`` fires too.
Closing the tab mid-load (``shutdown``) cancels the worker and waits for it.

Provided by the base: ``self.spec``, ``self.params`` (current resolved values),
``self.seed``, ``self.player`` (`Player`: ``history``, ``index``, ``play()``, ``pause()``,
``step_forward()``, ``step_back()``, ``seek(i)``, ``reset()``, ``set_speed(x)``,
``set_loop(b)``, signal ``frame_changed(int)``), ``self.stepper``, ``self.plots``,
``self.parameter_panel``, ``self.explanation``, ``self.controls``, ``self.restart()``,
``self.set_params(**values)``, ``self.set_params_now(**values)``, ``self.pending_run``,
``self.building``, ``self.cancel_run()``, ``self.current_frame``, ``self.history``,
``self.apply_preset(id)``, ``self.reset_to_defaults()``, ``self.ask_open_file(title)``,
``self.load_user_file(path, parse, install, loaded=…, run_ahead=…, **params)``,
``self.build_file_loader(tooltip, accessible_name, …)``, ``self.cancel_load()``,
``self.loading``, ``self.show_message(text)``,
``self.export_png(path)``, ``self.export_gif(path, max_frames=…,
parent_for_progress=…)``, ``self.shutdown()`` (stops the clock; the app calls it when
the tab closes) and ``self.run_self_test() -> list[str]`` (used by ``app --self-test``).

Class attributes a subclass may override: ``history_limit`` (frames kept per run,
default 5000), ``gif_frame_cap`` (how far a GIF export computes an unfinished run) and
``explanation_ms`` (while playing, the explanation text refreshes at most this often;
stepping, scrubbing and pausing always show the current frame's text at once).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visualizers.core import memory
from visualizers.core.csv_reader import checkpoint
from visualizers.core.explanation import ExplanationPanel
from visualizers.core.export import (
    ExportError,
    caption_for,
    gif_indices,
    grab_image,
    save_gif,
    save_png,
)
from visualizers.core.frames import Frame, History, RunPlan, Stepper
from visualizers.core.keys import PLAYER_KEYS
from visualizers.core.layout import arrange_visualizer
from visualizers.core.loading import FileLoader, LoadWorker, UserFileLoad
from visualizers.core.parameter_panel import ParameterPanel, Value
from visualizers.core.player import Player
from visualizers.core.player_controls import PlayerControls, route_player_keys
from visualizers.core.registry import VisualizerSpec

NO_PRESET = "Choose a scenario…"


class VisualizerView[S, F: Frame](QWidget):
    """Base of every visualizer tab: plots + parameters + explanation + player."""

    history_limit: int = 5000
    gif_frame_cap: int = 2000
    explanation_ms: int = 100
    frames_ahead_on_load: int = 1  # frames a loading worker computes for a run_ahead run
    load_finished = Signal(bool)  # a user file was loaded and runs (True), or not (False)

    def __init__(self, spec: VisualizerSpec, parent: QWidget | None = None) -> None:
        # The state first: no hook may run before it exists.
        self.state: S = self.create_state(spec)
        super().__init__(parent)
        self.setObjectName(f"visualizer_{spec.id}")
        self.file_loader: FileLoader | None = None  # build_file_loader sets it
        self._load: UserFileLoad | None = None
        self._build: UserFileLoad | None = None  # a heavy run being built on a worker
        self._off_thread = False  # the first run is always built here, synchronously
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The tab has the focus after it opens (→ steps from here): a screen reader names it.
        self.setAccessibleName(f"{spec.title} visualizer")
        self.spec = spec
        self.seed = spec.seed
        self.params: dict[str, Value] = memory.remembered(spec)
        self._good_params: dict[str, Value] | None = None
        self.stepper: Stepper[F] | None = None
        self._history: History[F] | None = None
        self.player = Player(self)

        self.plots = self.build_plots()
        self.parameter_panel = ParameterPanel(spec.parameters, self)
        self.parameter_panel.set_values(self.params)
        extra = self.build_extra_controls()
        self.explanation = ExplanationPanel(self)
        self.controls = PlayerControls(self.player, self)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._build_scenario_row())
        side_layout.addWidget(self.parameter_panel)
        if extra is not None:
            side_layout.addWidget(extra)
        side_layout.addWidget(self._build_export_buttons())
        side_layout.addStretch(1)
        # Plots scroll and reflow, never clip; explanation ≥ 6 lines (core/layout.py).
        self.tab_layout = arrange_visualizer(
            self, self.plots, side, self.explanation, self.controls
        )

        self.shortcuts: dict[str, QShortcut] = {}
        slots = {
            "toggle": self.player.toggle,
            "forward": self.player.step_forward,
            "back": self.player.step_back,
            "reset": self.player.reset,
        }
        for name, _label, key in PLAYER_KEYS:  # the one key table (visualizers/core/keys.py)
            slot = slots[name]
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[name] = shortcut
        self.key_router = route_player_keys(self)  # Space/Home reach the player from a spin box

        # While playing, the text is refreshed at most every EXPLANATION_MS: nobody reads
        # 60 equations a second, and re-laying out rich text costs as much as a plot.
        self._explanation_timer = QTimer(self)
        self._explanation_timer.setSingleShot(True)
        self._explanation_timer.setInterval(self.explanation_ms)
        self._explanation_timer.timeout.connect(self._refresh_explanation)
        self.player.playback_toggled.connect(lambda _playing: self._refresh_explanation())
        self.player.frame_changed.connect(self._on_frame_changed)
        self.parameter_panel.parameters_changed.connect(self._on_parameters_edited)
        if not self.restart() and self.params != spec.defaults():
            # What was remembered no longer runs (e.g. it named a CSV from last time).
            self.params = spec.defaults()
            self.parameter_panel.set_values(self.params)
            self.restart()
        self._off_thread = True

    # -- hooks ---------------------------------------------------------------------------
    def create_state(self, spec: VisualizerSpec) -> S:
        """The view's pure state object; views without a state module get None."""
        return cast(S, None)

    def build_plots(self) -> QWidget:
        raise NotImplementedError

    def create_stepper(self, params: dict[str, Value], seed: int) -> Stepper[F]:
        raise NotImplementedError

    def show_frame(self, frame: F) -> None:
        raise NotImplementedError

    def build_extra_controls(self) -> QWidget | None:
        return None

    def run_started(self, stepper: Stepper[F], first: F) -> None:
        """A new run replaced the old one; draw what stays constant for the run."""

    def export_widget(self) -> QWidget:
        return self.plots

    def explain(self, frame: F) -> str:
        """The narration shown for `frame` (a stateful view asks ``self.state.explain``)."""
        return frame.explanation

    def summary(self, frame: F) -> str:
        """The frame's key numbers in one plain sentence, for screen readers ("" for none)."""
        return ""

    def adjust_edit(self, edited: dict[str, Value]) -> dict[str, Value]:
        """The values to run after the learner edited the panel (e.g. a problem's own η)."""
        return edited

    def inactive_parameters(self) -> Mapping[str, str]:
        """Parameters that have no effect with the current values, each with the reason."""
        return {}

    def heavy_run(self, params: dict[str, Value]) -> bool:
        """True when the run for `params` is too slow to build on the GUI thread."""
        return False

    def plan_run(self, params: dict[str, Value], seed: int) -> RunPlan[F]:
        """The run for `params` as a plan a worker can build (only asked when heavy_run)."""
        raise NotImplementedError

    # -- runs ----------------------------------------------------------------------------
    @property
    def current_frame(self) -> F | None:
        history = self._history
        return None if history is None else history[self.player.index]

    @property
    def history(self) -> History[F] | None:
        """The current run's frames (the same object the player walks)."""
        return self._history

    def restart(self) -> bool:
        """Rebuild the stepper from the current params (same seed); False if they were rejected.

        A heavy run (``heavy_run``) is built on a worker: True then means it was started;
        ``self.pending_run`` is its handle (``finished(bool)``, ``wait()``).
        """
        heavy = self._off_thread and self.heavy_run(dict(self.params))
        self._drop_build(keep_row=heavy)  # a heavy run replacing one keeps the row shown
        if heavy:
            return self._restart_on_worker()
        try:
            stepper = self.create_stepper(dict(self.params), self.seed)
            history: History[F] = History(stepper, limit=self.history_limit)
        except ValueError as exc:
            self._refused(str(exc))
            return False
        self._adopt_run(stepper, history)
        return True

    def _refused(self, message: str) -> None:
        """Say why the new parameters don't run and show again the values of the run kept."""
        self.explanation.show_message(message)
        if self._good_params is not None:
            self.params = dict(self._good_params)
            self.parameter_panel.set_values(self.params)

    def _restart_on_worker(self) -> bool:
        try:
            plan = self.plan_run(dict(self.params), self.seed)
        except ValueError as exc:
            self._refused(str(exc))
            return False
        self.player.pause()  # the previous run stays on screen until the new one is ready
        build = UserFileLoad("run", self)
        self._build = build
        limit, ahead = self.history_limit, self.frames_ahead_on_load

        def job() -> History[F]:
            try:
                history = History(plan.build(), limit=limit)
                _compute_ahead(history, min(ahead, limit))
            except MemoryError:
                raise ValueError("not enough memory for this run; use a smaller file") from None
            return history

        worker = LoadWorker(job)
        build.worker = worker
        loader = self.file_loader
        if loader is not None:
            loader.computing("Computing the run for the new parameters")

        def built(result: object) -> None:
            if build is not self._build:
                build.finish(False)
                return
            self._build_ended(build)
            history = cast(History[F], result)
            plan.adopt(history.stepper)
            self._adopt_run(history.stepper, history)
            build.finish(True)

        def failed(message: str) -> None:
            if build is self._build:
                self._build_ended(build)
                self._refused(message)
                self._show_preset(None)
            build.finish(False)

        def cancelled() -> None:
            if build is self._build:
                self._build_ended(build)
                self._refused("Cancelled: the previous parameters and their run stay.")
                self._show_preset(None)
            build.finish(False)

        build.connect_worker(built, failed, cancelled)
        worker.start()
        return True

    def _build_ended(self, build: UserFileLoad, keep_row: bool = False) -> None:
        if build is self._build:
            self._build = None
            loader = self.file_loader
            load = self._load
            if loader is None or keep_row:
                return
            if load is not None and load.running:
                loader.started(load.name)  # the row is the load's again (it was still running)
            else:
                loader.stopped()

    def _drop_build(self, keep_row: bool = False) -> None:
        """A newer run (or load) replaces the one being built: its result will be dropped."""
        build = self._build
        if build is not None:
            self._build_ended(build, keep_row)
            build.cancel()
            build.finish(False)

    def cancel_run(self) -> None:
        """Cancel the heavy run being built, if any: the previous parameters and run stay."""
        build = self._build
        if build is not None and build.running:
            build.cancel()

    @property
    def pending_run(self) -> UserFileLoad | None:
        """The heavy run being built on a worker (None when none is)."""
        return self._build

    @property
    def building(self) -> bool:
        """True while a heavy run is being built on a worker."""
        return self._build is not None

    def _adopt_run(self, stepper: Stepper[F], history: History[F]) -> None:
        """Make `stepper` (already run to its first frame in `history`) the current run."""
        self.explanation.clear_message()
        self._good_params = dict(self.params)
        memory.remember(self.spec, self.params)
        self.stepper = stepper
        self._history = history
        self.parameter_panel.set_inactive(self.inactive_parameters())
        self.run_started(stepper, history.last)
        self.player.set_history(history)

    def set_params(self, **values: object) -> bool:
        """Change some parameters (clamped to their ranges) and restart from the same seed.

        A heavy run is started on a worker (see ``restart``) and True returned at once.
        """
        self.params = self.spec.resolve({**self.params, **values})
        self.parameter_panel.set_values(self.params)
        return self.restart()

    def set_params_now(self, **values: object) -> bool:
        """`set_params`, always building the run here, at once (a load's fallback, or a caller
        about to read the new run); a heavy run still being built is replaced."""
        self._off_thread, before = False, self._off_thread
        try:
            return self.set_params(**values)
        finally:
            self._off_thread = before

    def show_message(self, message: str) -> None:
        """Show a warning in the explanation panel until the next successful restart."""
        self.explanation.show_message(message)

    def _on_parameters_edited(self, values: dict[str, Value]) -> None:
        self._show_preset(None)
        self.set_params(**self.adjust_edit(values))

    def _on_frame_changed(self, index: int) -> None:
        history = self._history
        if history is None:
            return
        frame = history[index]
        self.show_frame(frame)
        if not self.player.playing:
            self._show_text(frame)
        elif not self._explanation_timer.isActive():
            self._explanation_timer.start()

    def _refresh_explanation(self) -> None:
        frame = self.current_frame
        if frame is not None:
            self._show_text(frame)

    def _show_text(self, frame: F) -> None:
        text = self.explain(frame)
        # Narration is written when it is read, not for every frame computed.
        self.explanation.set_frame(
            frame if text == frame.explanation else replace(frame, explanation=text)
        )
        # The plots' text alternative, so a screen reader can follow the run step by step:
        # the frame's key numbers where the view states them, else (set by the explanation
        # panel) the whole narration.
        summary = self.summary(frame)
        if summary:
            self.plots.setAccessibleDescription(summary)
        narration = self.explanation.text.accessibleDescription()
        self._announce_step(". ".join(part for part in (summary, narration) if part))

    def _announce_step(self, text: str) -> None:
        """Tell a screen reader what this step shows, wherever the focus is in the tab.

        The step is the tab's own accessible description (Orca reads a change of the focused
        object's description: the tab is focused after it opens and → steps from it) and,
        for readers that take them (AT-SPI announcements), an announcement. Not while
        playing: the step the animation pauses on is said then.
        """
        # Imported here, not at the top: keeps this accessibility addition in one place.
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
        from PySide6.QtWidgets import QAbstractButton, QApplication

        if self.player.playing:
            return  # ten a second would drown the reader: the step is said on pause
        spoken = f"Step {self.player.index}: {text}" if text else ""
        if spoken == self.accessibleDescription():
            return
        self.setAccessibleDescription(spoken)
        focus = QApplication.focusWidget()
        if spoken and focus is not None and (focus is self or self.isAncestorOf(focus)):
            if focus is not self and isinstance(focus, QAbstractButton):
                # A focused step or play button: its description (the tooltip) carries
                # the step as well (a focused slider announces its own new value).
                tip = focus.toolTip()
                focus.setAccessibleDescription(f"{tip}. {spoken}" if tip else spoken)
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, spoken))

    # -- presets and defaults ------------------------------------------------------------
    def _build_scenario_row(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 0)
        self.preset_combo = QComboBox(box)
        self.preset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.preset_combo.setMinimumContentsLength(8)  # fits the 380 px column at 200 % text
        self.preset_combo.setObjectName("preset_combo")
        self.preset_combo.setAccessibleName("Scenario")
        self.preset_combo.setAccessibleDescription(
            "Named scenarios that set every parameter at once"
        )
        self.preset_combo.addItem(NO_PRESET, "")
        for preset in self.spec.presets:
            self.preset_combo.addItem(preset.title, preset.id)
            self.preset_combo.setItemData(
                self.preset_combo.count() - 1, preset.description, Qt.ItemDataRole.ToolTipRole
            )
        self.preset_combo.setEnabled(bool(self.spec.presets))
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.reset_defaults_button = QPushButton("Reset to defaults", box)
        self.reset_defaults_button.setObjectName("reset_defaults")
        self.reset_defaults_button.setAccessibleName("Reset parameters to defaults")
        self.reset_defaults_button.setToolTip("Every parameter back to its default value")
        self.reset_defaults_button.clicked.connect(self.reset_to_defaults)
        label = QLabel("&Scenario:", box)
        label.setBuddy(self.preset_combo)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.preset_combo, 1)
        layout.addLayout(row)
        layout.addWidget(self.reset_defaults_button)
        return box

    def _on_preset_chosen(self, index: int) -> None:
        preset_id = str(self.preset_combo.itemData(index) or "")
        if preset_id:
            self.apply_preset(preset_id)

    def apply_preset(self, preset_id: str) -> bool:
        """Set every parameter as the named preset says and restart; False if it was refused."""
        self.player.pause()
        self.parameter_panel.cancel_pending()
        accepted = self.set_params(**self.spec.preset_values(preset_id))
        self._show_preset(preset_id if accepted else None)
        return accepted

    def _show_preset(self, preset_id: str | None) -> None:
        index = self.preset_combo.findData(preset_id or "")
        self.preset_combo.setCurrentIndex(max(index, 0))

    def reset_to_defaults(self) -> bool:
        """Every parameter back to its default, and nothing remembered for this visualizer."""
        self.player.pause()
        self.parameter_panel.cancel_pending()
        memory.forget(self.spec)
        self._show_preset(None)
        return self.set_params(**self.spec.defaults())

    # -- user files ----------------------------------------------------------------------
    def ask_open_file(
        self, title: str, filters: str = "CSV files (*.csv *.txt);;All files (*)"
    ) -> str:
        """A path chosen in an open-file dialog ("" when cancelled)."""
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), filters)
        return path

    def build_file_loader(
        self,
        tooltip: str,
        accessible_name: str,
        *,
        button_text: str = "Load CSV…",
        label_text: str = "No CSV loaded",
        dialog_title: str = "Load a CSV",
    ) -> FileLoader:
        """The one "Load CSV…" block: button, progress with Cancel, label; for build_extra_controls.

        The button asks for a file and calls ``self.load_csv(path)``; the block's parts are
        ``self.load_csv_button``, ``self.csv_label`` and ``self.file_loader``.
        """
        loader = FileLoader(button_text, tooltip, accessible_name, label_text, self)
        self.file_loader = loader
        self.load_csv_button = loader.button
        self.csv_label = loader.label
        loader.button.clicked.connect(lambda: self._choose_user_file(dialog_title))
        loader.cancel_requested.connect(self._on_cancel_requested)
        return loader

    def _on_cancel_requested(self) -> None:
        if self.loading:
            self.cancel_load()
        else:
            self.cancel_run()

    def _choose_user_file(self, title: str) -> None:
        path = self.ask_open_file(title)
        if path:
            self.load_csv(path)

    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Start loading the user's file (a view with a file loader implements it)."""
        raise NotImplementedError

    def load_user_file[T](
        self,
        path: str | Path,
        parse: Callable[[Path], T],
        install: Callable[[T | None], T | None],
        *,
        loaded: Callable[[T], None] | None = None,
        run_ahead: Callable[[T, dict[str, Value], int], Stepper[F] | RunPlan[F]] | None = None,
        **params: Value,
    ) -> UserFileLoad:
        """Parse `path` on a worker thread, then install the result and restart with `params`.

        `parse` is the visualizer's pure reader (raises ValueError saying what is wrong; it
        must not touch Qt or the state, it runs on another thread); `install(data)` puts
        data in place and returns what it replaced; `loaded(data)` runs after a successful
        restart (e.g. to say what was loaded). `run_ahead(data, params, seed)`, if given,
        builds the stepper the run will use *without touching the view's state* (e.g. from a
        fresh state object holding only `data`): the worker computes it and its first
        ``frames_ahead_on_load`` frames too, so a slow stepper doesn't freeze the window
        either; when it refuses (ValueError), or the learner changed a parameter meanwhile,
        the GUI thread restarts as usual and shows why. When the file can't be read, the
        load is cancelled or replaced by a newer one, or the run it leads to is refused, the
        previous data stay and the current run stays on screen. `run_ahead` may return a
        `RunPlan` instead of a stepper (its ``build`` runs on the worker, its ``adopt`` on the
        GUI thread before the run is shown), for a state that caches what its run is made
        of. Returns the load's handle
        (``finished(bool)``, ``wait()``); the view's ``load_finished(bool)`` fires too.
        """
        file = Path(path)
        self.cancel_load()
        load = UserFileLoad(file.name, self)
        self._load = load
        planned = self.spec.resolve({**self.params, **params})
        seed, limit, ahead = self.seed, self.history_limit, self.frames_ahead_on_load

        def job() -> tuple[T, History[F] | None, RunPlan[F] | None]:
            data = parse(file)
            if run_ahead is None:
                return data, None, None
            checkpoint(1.0)  # a Cancel during the parse stops here
            try:
                made = run_ahead(data, dict(planned), seed)
                plan = made if isinstance(made, RunPlan) else None
                stepper = made.build() if isinstance(made, RunPlan) else made
                history = History(stepper, limit=limit)
                _compute_ahead(history, min(ahead, limit))
                return data, history, plan
            except ValueError:
                return data, None, None  # the GUI thread's restart says what is wrong

        worker = LoadWorker(job)
        load.worker = worker
        loader = self.file_loader
        if loader is not None:
            loader.started(file.name)
            load.progressed.connect(loader.set_progress)

        def parsed(result: object) -> None:
            if load is not self._load:  # a newer load replaced this one
                self._finish_load(load, False)
                return
            self._drop_build()  # the loaded data's run replaces a run still being built
            self._load_ended(load)
            data, history, plan = cast(tuple[T, History[F] | None, RunPlan[F] | None], result)
            previous = install(data)
            self.player.pause()
            if history is not None and self.spec.resolve({**self.params, **params}) == planned:
                self.params = dict(planned)
                self.parameter_panel.set_values(self.params)
                if plan is not None:
                    plan.adopt(history.stepper)
                self._adopt_run(history.stepper, history)
            elif not self.set_params_now(**params):
                install(previous)
                self._finish_load(load, False)
                return
            if loaded is not None:
                loaded(data)
            self._finish_load(load, True)

        def failed(message: str) -> None:
            self._load_ended(load)
            if load is self._load:
                # Most readers name the file themselves; the others get it in front.
                self.show_message(message if file.name in message else f"{file.name}: {message}")
            self._finish_load(load, False)

        def cancelled() -> None:
            self._load_ended(load)
            if load is self._load:
                self.show_message(f"Load cancelled: {file.name} was not loaded; the data stay.")
            self._finish_load(load, False)

        load.connect_worker(parsed, failed, cancelled)
        worker.start()
        return load

    def cancel_load(self) -> None:
        """Cancel the load in progress, if any; its outcome (False) arrives as usual."""
        load = self._load
        if load is not None and load.running:
            load.cancel()

    @property
    def loading(self) -> bool:
        """True while a user file is being parsed."""
        load = self._load
        return load is not None and load.running

    def _load_ended(self, load: UserFileLoad) -> None:
        loader = self.file_loader
        if loader is not None and load is self._load and self._build is None:
            loader.stopped()

    def _finish_load(self, load: UserFileLoad, result: bool) -> None:
        load.finish(result)
        if load is self._load:
            self.load_finished.emit(result)

    # -- export --------------------------------------------------------------------------
    def _build_export_buttons(self) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 8, 4, 0)
        from visualizers.core.flow_layout import FlowLayout

        row = FlowLayout()  # the two buttons wrap at large text (the column is ≤ 380 px)
        column.addLayout(row)
        self.export_png_button = QPushButton("Export PNG…", box)
        self.export_png_button.setToolTip("Save the plots as they are now")
        self.export_gif_button = QPushButton("Export GIF…", box)
        self.export_gif_button.setToolTip("Save the run as an animated GIF")
        self.export_png_button.setAccessibleName("Export the plots as a PNG image")
        self.export_gif_button.setAccessibleName("Export the run as an animated GIF")
        self.export_png_button.clicked.connect(self._ask_png)
        self.export_gif_button.clicked.connect(self._ask_gif)
        self.caption_box = QCheckBox("Add a caption", box)  # short: a check box can't wrap
        self.caption_box.setChecked(True)
        self.caption_box.setToolTip("Write the step and every parameter value under the export")
        self.caption_box.setAccessibleName("Caption exports")
        row.addWidget(self.export_png_button)
        row.addWidget(self.export_gif_button)
        column.addWidget(self.caption_box)
        return box

    def _ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export PNG", str(Path.home() / f"{self.spec.id}.png"), "PNG images (*.png)"
        )
        if path:
            try:
                self.export_png(path)
            except ExportError as exc:
                self.show_message(str(exc))

    def _ask_gif(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export GIF", str(Path.home() / f"{self.spec.id}.gif"), "GIF animations (*.gif)"
        )
        if path:
            try:
                self.export_gif(path, parent_for_progress=self)
            except ExportError as exc:
                self.show_message(str(exc))

    def export_png(self, path: str | Path, caption: bool | None = None) -> Path:
        """Save what the plots show now as a PNG at 2× (or the screen's DPR); returns the path."""
        with_caption = self.caption_box.isChecked() if caption is None else caption
        return save_png(self.export_widget(), path, caption_for(self) if with_caption else "")

    def export_gif(
        self,
        path: str | Path,
        max_frames: int = 120,
        parent_for_progress: QWidget | None = None,
        frame_ms: int = 80,
        caption: bool | None = None,
    ) -> Path | None:
        """Save the run (computed up to `gif_frame_cap`) as an animated GIF; None if cancelled."""
        history = self._history
        if history is None:
            return None
        self.player.pause()
        self.player.compute_ahead(self.gif_frame_cap - 1)
        widget = self.export_widget()

        def render(index: int) -> QImage:
            self.show_frame(history[index])
            return grab_image(widget)

        try:
            return save_gif(
                render,
                gif_indices(len(history), max(2, max_frames)),
                path,
                frame_ms=frame_ms,
                parent_for_progress=parent_for_progress,
                caption=(
                    (lambda i: caption_for(self, i))
                    if (self.caption_box.isChecked() if caption is None else caption)
                    else None
                ),
            )
        finally:
            self._on_frame_changed(self.player.index)

    # -- lifecycle -----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the clock and pending restarts; safe to call more than once."""
        self.player.shutdown()
        self._explanation_timer.stop()
        self.parameter_panel.cancel_pending()
        load = self._load
        if load is not None and load.running:
            load.stop()  # a tab closed mid-load: the worker stops, nothing is installed
        build = self._build
        if build is not None:
            self._build = None
            build.stop()  # likewise for a heavy run being built

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)

    def run_self_test(self) -> list[str]:
        """Step forward and back, scrub, play a few ticks and render; returns problems found."""
        name = self.spec.id
        problems: list[str] = []
        try:
            history = self._history
            if history is None:
                return [
                    f"{name}: no run with default parameters ({self.explanation.warning_text()})"
                ]
            self.player.reset()
            for _ in range(5):
                self.player.step_forward()
            reached = self.player.index
            if reached != min(5, len(history) - 1):
                problems.append(f"{name}: stepping forward 5 times reached frame {reached}")
            if reached > 0:
                self.player.step_back()
                if self.player.index != reached - 1:
                    problems.append(f"{name}: step back went to {self.player.index}")
            before = history[1] if len(history) > 1 else history[0]
            self.player.seek(len(history) - 1)
            self.player.seek(1)
            if self.current_frame is not before:
                problems.append(f"{name}: scrubbing back did not return the same frame object")
            for _ in range(3):
                self.player.tick()
            frame = self.current_frame
            if frame is None or not self.explain(frame):
                problems.append(f"{name}: frame {self.player.index} has no explanation")
            if grab_image(self.export_widget()).isNull():
                problems.append(f"{name}: rendering the plots produced an empty image")
            self.player.reset()
        except Exception as exc:  # a self-test reports, it doesn't crash the app
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
        return problems


def _compute_ahead[F: Frame](history: History[F], count: int) -> None:
    """Frames 1…count-1 of a run built on a worker, with a Cancel check after each."""
    for index in range(1, count):
        if history.extend_to(index) < index:
            break  # the run ended early
        checkpoint(1.0)  # Cancel (or a closing tab) also stops these frames
