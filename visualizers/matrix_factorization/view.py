"""Qt view of matrix factorization: rating heatmaps, RMSE curves, latent space, recommendations.

Thin: every number and every sentence comes from `state.py`; this file only draws them and
forwards clicks. The plots reflow into fewer columns on a narrow window. Heatmaps are coloured here into RGBA images so that a missing rating is truly
blank (alpha 0, the plot background shows through) instead of a colour that reads as a value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.explanation import replace_html
from visualizers.core.learner_view import LearnerRunHost
from visualizers.core.loading import UserFileLoad
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, palette_colors, themed_plot, title_size
from visualizers.core.reflow_grid import ReflowGrid
from visualizers.matrix_factorization.algorithm import FactorizationFrame
from visualizers.matrix_factorization.data import RATING_MAX, RATING_MIN, RatingData
from visualizers.matrix_factorization.drawing import (
    GENRE_COLORS,
    genre_brushes,
    packed_lut,
    point_tip,
    scale_html,
    show_learner_curve,
)
from visualizers.matrix_factorization.heatmap import PredictionImage, cells_rgba, to_rgba
from visualizers.matrix_factorization.panels import RecommendationTabs
from visualizers.matrix_factorization.spec import DATA_CSV
from visualizers.matrix_factorization.state import (
    MatrixFactorizationState,
    NarratedStepper,
    cold_start,
    cold_start_html,
    latent_legend_html,
    point_tips,
    summary,
    user_html,
    user_panel,
)

ERROR_RANGE = 1.5  # held-out errors beyond ±1.5 stars saturate the colour scale
CELL_WIDTH, CELL_HEIGHT = 244, 230  # a plot never shrinks below 240 × 160 inside its cell


class MatrixFactorizationView(LearnerRunHost, VisualizerView):
    """Heatmaps, RMSE curves, latent space, per-user recommendations and cold start."""

    history_limit = 400

    # -- hooks -------------------------------------------------------------------------------
    def build_plots(self) -> QWidget:
        # Called from the base __init__, before the first run: the view's state starts here.
        self.state = MatrixFactorizationState()
        self._data: RatingData | None = None
        self._frame: FactorizationFrame | None = None
        self._rating_lut = packed_lut("viridis")
        self._prediction_image = PredictionImage(RATING_MIN, RATING_MAX, self._rating_lut)
        self._error_lut = packed_lut("CET-D1")
        # The held-out ratings, as (user, item) cells and their values, for the error map.
        self._test_cells: tuple[NDArray[np.intp], NDArray[np.intp]] = (
            np.zeros(0, np.intp),
            np.zeros(0, np.intp),
        )
        self._test_values: NDArray[np.float64] = np.zeros(0)
        self._item_brushes: list[Any] = []
        self._user_brushes: list[Any] = []
        widget = QWidget(self)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.observed_plot = self._heatmap_plot(widget, "Train ratings (seen)")
        self.reconstruction_plot = self._heatmap_plot(widget, "Reconstruction μ + b + P·Qᵀ")
        self.error_plot = self._heatmap_plot(widget, "Held-out error (pred. − rating)")
        self.observed_image = pg.ImageItem()
        self.reconstruction_image = pg.ImageItem()
        self.error_image = pg.ImageItem()
        self.user_lines: list[pg.InfiniteLine] = []
        background, foreground = palette_colors(widget)
        # Missing cells are transparent; a neutral grey behind them reads as "no value" on
        # both themes and stays distinct from the white centre of the error scale.
        self._blank_color = QColor("#3c3c3c" if background.lightnessF() < 0.5 else "#d0d0d0")
        for plot, image in (
            (self.observed_plot, self.observed_image),
            (self.reconstruction_plot, self.reconstruction_image),
            (self.error_plot, self.error_image),
        ):
            plot.addItem(image)
            plot.getPlotItem().getViewBox().setBackgroundColor(self._blank_color)
            line = pg.InfiniteLine(angle=0, pen=pg.mkPen("#ff3030", width=1.5))
            plot.addItem(line)
            self.user_lines.append(line)
            plot.scene().sigMouseClicked.connect(
                lambda event, p=plot: self._heatmap_clicked(p, event)
            )
        self.scale_label = QLabel(widget)
        self.scale_label.setObjectName("mf_scale_label")
        self.scale_label.setTextFormat(Qt.TextFormat.RichText)
        self.scale_label.setWordWrap(True)

        self.rmse_plot = themed_plot(widget, "RMSE per epoch", "epoch", "RMSE")
        self.rmse_plot.addLegend(offset=(-8, 8), labelTextSize=title_size(0.9))
        self.train_curve = self.rmse_plot.plot(
            pen=pg.mkPen(SERIES_COLORS[0], width=2), name="train"
        )
        self.test_curve = self.rmse_plot.plot(pen=pg.mkPen(SERIES_COLORS[1], width=2), name="test")
        noise_pen = pg.mkPen(SERIES_COLORS[2], width=1, style=Qt.PenStyle.DashLine)
        self.noise_line = pg.InfiniteLine(angle=0, pen=noise_pen)
        self.rmse_plot.addItem(self.noise_line)
        # An empty curve with the same pen puts the noise floor into the legend.
        self.noise_key = self.rmse_plot.plot(pen=noise_pen, name="noise σ (floor)")
        self.best_marker = pg.ScatterPlotItem(
            size=9, symbol="o", pen=pg.mkPen(SERIES_COLORS[1]), brush=None
        )
        self.rmse_plot.addItem(self.best_marker)
        # "Animate my code": the learner's training RMSE at its checkpoints.
        self.mine_curve = pg.PlotDataItem(
            pen=pg.mkPen(SERIES_COLORS[3], width=2.5, style=Qt.PenStyle.DashLine),
            symbol="d",
            symbolSize=9,
            symbolBrush=SERIES_COLORS[3],
        )
        self.mine_curve.setVisible(False)
        self.rmse_plot.addItem(self.mine_curve)

        self.latent_plot = themed_plot(widget, "Latent space", "factor 1", "factor 2")
        for side in ("bottom", "left"):
            # Small factors at epoch 0 would read "(x0.001)": show plain numbers instead.
            self.latent_plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
        self.item_points = pg.ScatterPlotItem(
            size=8, pen=None, hoverable=True, hoverSize=12, tip=point_tip, symbol="o"
        )
        self.user_points = pg.ScatterPlotItem(
            size=6, pen=None, hoverable=True, hoverSize=10, tip=point_tip, symbol="t"
        )
        self.selected_point = pg.ScatterPlotItem(
            size=16, symbol="o", brush=None, pen=pg.mkPen(foreground, width=2)
        )
        self.recommended_points = pg.ScatterPlotItem(
            size=14, symbol="s", brush=None, pen=pg.mkPen(foreground, width=1.5)
        )
        for item in (
            self.user_points,
            self.item_points,
            self.recommended_points,
            self.selected_point,
        ):
            self.latent_plot.addItem(item)
        self.user_points.sigClicked.connect(self._user_point_clicked)
        self.latent_legend = QLabel(widget)
        self.latent_legend.setTextFormat(Qt.TextFormat.RichText)
        self.latent_legend.setWordWrap(True)
        latent_box = QWidget(widget)
        latent_layout = QVBoxLayout(latent_box)
        latent_layout.setContentsMargins(0, 0, 0, 0)
        latent_layout.setSpacing(0)
        latent_layout.addWidget(self.latent_plot, 1)
        latent_layout.addWidget(self.latent_legend)

        self.tabs = RecommendationTabs(widget)
        self.tabs.changed.connect(self._refresh_panels)
        # The tabs' controls, under the names the rest of the app and the tests use.
        self.user_spin, self.user_text = self.tabs.user_spin, self.tabs.user_text
        self.genre_combo, self.cold_count = self.tabs.genre_combo, self.tabs.cold_count
        self.cold_text = self.tabs.cold_text

        cells = [
            self.observed_plot,
            self.reconstruction_plot,
            self.error_plot,
            self.rmse_plot,
            latent_box,
            self.tabs,
        ]
        self.grid = ReflowGrid(cells, CELL_WIDTH, CELL_HEIGHT, parent=widget)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.scale_label)
        self.rmse_plot.setAccessibleName("RMSE per epoch plot")
        self.latent_plot.setAccessibleName("Latent space plot")
        return widget

    def _heatmap_plot(self, parent: QWidget, title: str) -> pg.PlotWidget:
        plot = themed_plot(parent, title, "video", "user")
        plot.setAccessibleName(title)
        plot.getPlotItem().showGrid(x=False, y=False)
        plot.getPlotItem().invertY(True)
        plot.getPlotItem().setAspectLocked(False)
        return plot

    def build_extra_controls(self) -> QWidget | None:
        loader = self.build_file_loader(
            "A file of user,item,rating lines; a header line is optional.",
            "Load ratings CSV",
            button_text="Load ratings CSV…",
            label_text=self.state.csv_summary(),
            dialog_title="Load ratings",
        )
        self.load_csv_button.setObjectName("mf_load_csv")
        return loader

    def create_stepper(self, params: dict[str, Value], seed: int) -> NarratedStepper:
        return self.state.stepper(params, seed)

    def explain(self, frame: Any) -> str:
        return str(self.state.explain(frame))

    # -- the learner's run ("Animate my code") --------------------------------------------
    learner_legend = "◆ <b>Your code</b>'s training RMSE beside the reference's"

    def _draw_learner(self, frame: FactorizationFrame) -> None:
        self.sync_learner_strip()
        show_learner_curve(self.rmse_plot, self.mine_curve, self.state.learner, frame)

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, NarratedStepper)
        problem = stepper.problem
        data = problem.data
        n_users, n_items = data.shape
        train_values = np.where(problem.train_mask, data.ratings, np.nan)
        test_users, test_items = np.nonzero(problem.test_mask)
        self._test_cells = (test_users, test_items)
        self._test_values = data.ratings[test_users, test_items]
        self.observed_image.setImage(self._rgba(train_values), autoLevels=False)
        for plot in (self.observed_plot, self.reconstruction_plot, self.error_plot):
            plot.setRange(xRange=(0, n_items), yRange=(0, n_users), padding=0.0)
        self.user_spin.blockSignals(True)
        self.user_spin.setRange(1, n_users)
        self.user_spin.blockSignals(False)
        self.rmse_plot.setXRange(0, max(1, problem.epochs), padding=0.02)
        _, foreground = palette_colors(self)
        self.latent_plot.getPlotItem().setTitle(
            f"Latent space (k = {problem.rank})", color=foreground.name(), size=title_size()
        )
        legend = self.rmse_plot.getPlotItem().legend
        keyed = any(sample.item is self.noise_key for sample, _ in legend.items)
        if data.noise is not None:
            self.noise_line.setValue(data.noise)
            self.noise_line.show()
            if not keyed:
                legend.addItem(self.noise_key, "noise σ (floor)")
        else:
            self.noise_line.hide()
            if keyed:
                legend.removeItem(self.noise_key)
        self.genre_combo.setEnabled(data.synthetic)
        self.cold_count.setEnabled(data.synthetic)
        self.scale_label.setText(
            "Ratings: "
            + scale_html(self._rating_lut, f"{RATING_MIN:g}★", f"{RATING_MAX:g}★")
            + f" &nbsp; <span style='color:{self._blank_color.name()}'>█</span> blank = missing"
            + " or held out &nbsp;&nbsp; Error: "
            + scale_html(self._error_lut, f"−{ERROR_RANGE:g}", f"+{ERROR_RANGE:g}")
            + " &nbsp; Click a row to pick that user (red line)."
        )
        self.latent_legend.setText(latent_legend_html(data, GENRE_COLORS))
        self._item_brushes = genre_brushes(data.item_genre, n_items, alpha=230)
        self._user_brushes = genre_brushes(data.user_favorite, n_users, alpha=110)
        self._item_tips, self._user_tips = point_tips(data)
        self._data = data
        self.cold_text.clear()

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, FactorizationFrame)
        assert frame.model is not None and frame.problem is not None
        self._frame = frame
        model = frame.model
        self.reconstruction_image.setImage(
            self._prediction_image.render(
                model.global_mean, model.user_bias, model.item_bias, model.P, model.Q
            ),
            autoLevels=False,
        )
        test_users, test_items = self._test_cells  # blank outside the held-out entries
        error = model.predict_entries(test_users, test_items) - self._test_values
        self.error_image.setImage(
            cells_rgba(
                (model.P.shape[0], model.Q.shape[0]),
                test_users,
                test_items,
                error,
                -ERROR_RANGE,
                ERROR_RANGE,
                self._error_lut,
            ),
            autoLevels=False,
        )

        epochs = np.arange(len(model.train_rmse))
        self.train_curve.setData(epochs, np.asarray(model.train_rmse))
        self.rmse_plot.setAccessibleDescription(summary(frame))
        if model.test_rmse:
            test = np.asarray(model.test_rmse)
            self.test_curve.setData(epochs, test)
            best = int(np.argmin(test))
            self.best_marker.setData([best], [test[best]])
        else:
            self.test_curve.setData([], [])
            self.best_marker.setData([], [])

        users, items = model.P, model.Q
        self.item_points.setData(
            x=items[:, 0],
            y=items[:, 1] if model.rank > 1 else np.zeros(len(items)),
            brush=self._item_brushes,
            data=self._item_tips,
        )
        self.user_points.setData(
            x=users[:, 0],
            y=users[:, 1] if model.rank > 1 else np.zeros(len(users)),
            brush=self._user_brushes,
            data=self._user_tips,
        )
        self._refresh_panels()
        self._draw_learner(frame)

    # -- drawing helpers --------------------------------------------------------------------
    def _rgba(self, ratings: NDArray[np.float64]) -> NDArray[np.uint8]:
        return to_rgba(ratings, RATING_MIN, RATING_MAX, self._rating_lut)

    # -- interaction ---------------------------------------------------------------------------
    def select_user(self, user: int) -> None:
        """Show user `user` (0-based) in the "Pick a user" panel."""
        self.user_spin.setValue(user + 1)
        self.tabs.setCurrentIndex(0)

    def _heatmap_clicked(self, plot: pg.PlotWidget, event: Any) -> None:
        point = plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        if self._data is None or not isinstance(point, QPointF):
            return
        row = int(np.floor(point.y()))
        if 0 <= row < self._data.shape[0] and 0 <= point.x() < self._data.shape[1]:
            self.select_user(row)

    def _user_point_clicked(self, _item: Any, points: Any, *_args: Any) -> None:
        if len(points) and self._data is not None:
            self.select_user(int(points[0].index()))

    def load_csv(self, path: str | Path) -> UserFileLoad:
        """Load a user,item,rating CSV (off the GUI thread) and switch to it; a bad file keeps the run."""
        return self.load_user_file(
            path,
            self.state.read_csv,
            self.state.swap_csv,
            loaded=lambda _named: self.csv_label.setText(self.state.csv_summary()),
            run_ahead=self.state.stepper_for_csv,
            data=DATA_CSV,
        )

    # -- the text panels ---------------------------------------------------------------------
    def _refresh_panels(self) -> None:
        frame = self._frame
        if frame is None or frame.model is None or frame.problem is None:
            return
        data = frame.problem.data
        user = min(self.user_spin.value() - 1, data.shape[0] - 1)
        for line in self.user_lines:
            line.setValue(user + 0.5)
        model = frame.model
        x = model.P[:, 0]
        y = model.P[:, 1] if model.rank > 1 else np.zeros(len(x))
        self.selected_point.setData([x[user]], [y[user]])
        panel = user_panel(frame, user)
        items = [r.item for r in panel.recommendations]
        qy = model.Q[items, 1] if model.rank > 1 else np.zeros(len(items))
        self.recommended_points.setData(model.Q[items, 0], qy)
        replace_html(self.user_text, user_html(panel, data))
        if self.tabs.currentIndex() == 1 or not self.cold_text.toPlainText():
            result = cold_start(frame, self.genre_combo.currentIndex(), self.cold_count.value())
            replace_html(self.cold_text, cold_start_html(result, data))
