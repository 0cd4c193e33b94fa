"""Qt view of matrix factorization: rating heatmaps, RMSE curves, latent space, recommendations.

Thin: every number comes from `algorithm.py`, `recommend.py` and `data.py`; this file only
draws them. Heatmaps are coloured here into RGBA images so that a missing rating is truly
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
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from visualizers.core.base import VisualizerView
from visualizers.core.csv_reader import read_csv_file
from visualizers.core.explanation import escape
from visualizers.core.parameter_panel import Value
from visualizers.core.plotting import SERIES_COLORS, palette_colors, themed_plot
from visualizers.matrix_factorization.algorithm import (
    FactorizationFrame,
    FactorizationStepper,
    Method,
)
from visualizers.matrix_factorization.data import (
    GENRES,
    RATING_MAX,
    RATING_MIN,
    RatingData,
    parse_rating_csv,
    simulate_new_user,
    synthetic_ratings,
)
from visualizers.matrix_factorization.recommend import (
    fold_in_user,
    genre_scores,
    popularity_scores,
    predicted_row,
    recommend_for_user,
    top_unseen,
)
from visualizers.matrix_factorization.spec import DATA_CSV

# One colour per genre, distinguishable on light and dark backgrounds.
GENRE_COLORS: tuple[str, ...] = (
    "#e6194b",  # dance
    "#f58231",  # music
    "#bfa100",  # gaming
    "#3cb44b",  # sports
    "#42d4f4",  # travel
    "#4363d8",  # cooking
    "#911eb4",  # pets
    "#f032e6",  # comedy
)
ERROR_RANGE = 1.5  # held-out errors beyond ±1.5 stars saturate the colour scale
TOP_N = 5


def _lut(name: str) -> NDArray[np.uint32]:
    """A 256-entry colour table with each RGBA colour packed into one uint32."""
    table = np.ascontiguousarray(
        pg.colormap.get(name).getLookupTable(0.0, 1.0, 256, alpha=True), dtype=np.uint8
    )
    packed: NDArray[np.uint32] = table.view(np.uint32).reshape(256)
    return packed


class MatrixFactorizationView(VisualizerView):
    """Heatmaps, RMSE curves, latent space, per-user recommendations and cold start."""

    history_limit = 400

    # -- hooks -------------------------------------------------------------------------------
    def build_plots(self) -> QWidget:
        # Called from the base __init__, before the first run: the view's state starts here.
        self._csv_data: RatingData | None = None
        self._data: RatingData | None = None
        self._frame: FactorizationFrame | None = None
        self._rating_lut = _lut("viridis")
        self._error_lut = _lut("CET-D1")
        self._test_ratings: NDArray[np.float64] = np.zeros((0, 0))
        self._item_brushes: list[Any] = []
        self._user_brushes: list[Any] = []
        widget = QWidget(self)
        grid = QGridLayout(widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.observed_plot = self._heatmap_plot(widget, "What the model sees (train ratings)")
        self.reconstruction_plot = self._heatmap_plot(widget, "Reconstruction μ + b + P·Qᵀ")
        self.error_plot = self._heatmap_plot(widget, "Held-out error (prediction − rating)")
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
        self.rmse_plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
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

        self.latent_plot = themed_plot(
            widget, "Latent space (factor 1 vs 2)", "factor 1", "factor 2"
        )
        self.item_points = pg.ScatterPlotItem(
            size=8, pen=None, hoverable=True, hoverSize=12, tip=self._tip, symbol="o"
        )
        self.user_points = pg.ScatterPlotItem(
            size=6, pen=None, hoverable=True, hoverSize=10, tip=self._tip, symbol="t"
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

        self.tabs = QTabWidget(widget)
        self.tabs.addTab(self._build_user_tab(), "Pick a user")
        self.tabs.addTab(self._build_cold_start_tab(), "Cold start")

        grid.addWidget(self.observed_plot, 0, 0)
        grid.addWidget(self.reconstruction_plot, 0, 1)
        grid.addWidget(self.error_plot, 0, 2)
        grid.addWidget(self.scale_label, 1, 0, 1, 3)
        grid.addWidget(self.rmse_plot, 2, 0)
        latent_box = QWidget(widget)
        latent_layout = QVBoxLayout(latent_box)
        latent_layout.setContentsMargins(0, 0, 0, 0)
        latent_layout.setSpacing(0)
        latent_layout.addWidget(self.latent_plot, 1)
        latent_layout.addWidget(self.latent_legend)
        grid.addWidget(latent_box, 2, 1)
        grid.addWidget(self.tabs, 2, 2)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(2, 6)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        return widget

    def _heatmap_plot(self, parent: QWidget, title: str) -> pg.PlotWidget:
        plot = themed_plot(parent, title, "video", "user")
        plot.getPlotItem().showGrid(x=False, y=False)
        plot.getPlotItem().invertY(True)
        plot.getPlotItem().setAspectLocked(False)
        return plot

    def _build_user_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel("User", tab))
        self.user_spin = QSpinBox(tab)
        self.user_spin.setObjectName("mf_user_spin")
        self.user_spin.setRange(1, 1)
        self.user_spin.setToolTip("Or click a row of a heatmap, or a user (▲) in the latent space.")
        self.user_spin.valueChanged.connect(lambda _v: self._refresh_panels())
        row.addWidget(self.user_spin)
        row.addStretch(1)
        layout.addLayout(row)
        self.user_text = QTextBrowser(tab)
        self.user_text.setObjectName("mf_user_text")
        self.user_text.setOpenLinks(False)
        layout.addWidget(self.user_text, 1)
        return tab

    def _build_cold_start_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.genre_combo = QComboBox(tab)
        self.genre_combo.setObjectName("mf_cold_genre")
        self.genre_combo.addItems(list(GENRES))
        self.genre_combo.setToolTip("The new user's hidden favourite, and their onboarding answer.")
        self.cold_count = QSpinBox(tab)
        self.cold_count.setObjectName("mf_cold_count")
        self.cold_count.setRange(0, 30)
        self.cold_count.setValue(0)
        self.cold_count.setToolTip("How many videos the new user has rated so far.")
        form.addRow("New user loves", self.genre_combo)
        form.addRow("Ratings so far", self.cold_count)
        layout.addLayout(form)
        self.genre_combo.currentIndexChanged.connect(lambda _i: self._refresh_panels())
        self.cold_count.valueChanged.connect(lambda _v: self._refresh_panels())
        self.cold_text = QTextBrowser(tab)
        self.cold_text.setObjectName("mf_cold_text")
        layout.addWidget(self.cold_text, 1)
        return tab

    def build_extra_controls(self) -> QWidget | None:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 6, 0)
        button = QPushButton("Load ratings CSV…", box)
        button.setObjectName("mf_load_csv")
        button.setToolTip("A file of user,item,rating lines; a header line is optional.")
        button.clicked.connect(self._choose_csv)
        self.csv_label = QLabel("No CSV loaded: using synthetic genre ratings.", box)
        self.csv_label.setWordWrap(True)
        layout.addWidget(button)
        layout.addWidget(self.csv_label)
        return box

    def create_stepper(self, params: dict[str, Value], seed: int) -> FactorizationStepper:
        data_seed = int(params["seed"]) + seed
        if params["data"] == DATA_CSV:
            if self._csv_data is None:
                raise ValueError("No CSV loaded yet: use “Load ratings CSV…” below the parameters.")
            data = self._csv_data
        else:
            data = synthetic_ratings(
                int(params["users"]),
                int(params["videos"]),
                float(params["observed"]),
                float(params["noise"]),
                data_seed,
            )
        method: Method = "ALS" if params["method"] == "ALS" else "SGD"
        return FactorizationStepper(
            data,
            method=method,
            rank=int(params["rank"]),
            lr=float(params["lr"]),
            reg=float(params["reg"]),
            epochs=int(params["epochs"]),
            seed=data_seed,
            biases=bool(params["biases"]),
        )

    def run_started(self, stepper: Any, first: Any) -> None:
        assert isinstance(stepper, FactorizationStepper)
        problem = stepper.problem
        data = problem.data
        self._data = data
        n_users, n_items = data.shape
        train_values = np.where(problem.train_mask, data.ratings, np.nan)
        self._test_ratings = np.where(problem.test_mask, data.ratings, np.nan)
        self.observed_image.setImage(self._rating_rgba(train_values), autoLevels=False)
        for plot in (self.observed_plot, self.reconstruction_plot, self.error_plot):
            plot.setRange(xRange=(0, n_items), yRange=(0, n_users), padding=0.0)
        self.user_spin.blockSignals(True)
        self.user_spin.setRange(1, n_users)
        self.user_spin.blockSignals(False)
        self.rmse_plot.setXRange(0, max(1, problem.epochs), padding=0.02)
        _, foreground = palette_colors(self)
        shown = "factor 1 only" if problem.rank == 1 else f"factors 1 and 2 of {problem.rank}"
        self.latent_plot.getPlotItem().setTitle(
            f"Latent space ({shown})", color=foreground.name(), size="10pt"
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
            + self._scale_html(self._rating_lut, f"{RATING_MIN:g}★", f"{RATING_MAX:g}★")
            + f" &nbsp; <span style='color:{self._blank_color.name()}'>█</span> blank = missing"
            + " or held out &nbsp;&nbsp; Error: "
            + self._scale_html(self._error_lut, f"−{ERROR_RANGE:g}", f"+{ERROR_RANGE:g}")
            + " &nbsp; Click a row to pick that user (red line)."
        )
        if data.item_genre is not None:
            self.latent_legend.setText(
                "● videos, ▲ users (coloured by hidden favourite): "
                + " ".join(
                    f"<span style='color:{GENRE_COLORS[g]}'>■</span>&nbsp;{escape(name)}"
                    for g, name in enumerate(data.genres)
                )
            )
        else:
            self.latent_legend.setText("● videos, ▲ users. Hover a point for its name.")
        self._item_brushes = self._brushes(data.item_genre, n_items, alpha=230)
        self._user_brushes = self._brushes(data.user_favorite, n_users, alpha=110)

    def show_frame(self, frame: Any) -> None:
        assert isinstance(frame, FactorizationFrame)
        assert frame.model is not None and frame.problem is not None
        self._frame = frame
        model = frame.model
        prediction = model.predict()
        self.reconstruction_image.setImage(self._rating_rgba(prediction), autoLevels=False)
        error = prediction - self._test_ratings  # NaN (blank) outside the held-out entries
        self.error_image.setImage(self._error_rgba(error), autoLevels=False)

        epochs = np.arange(len(model.train_rmse))
        self.train_curve.setData(epochs, np.asarray(model.train_rmse))
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
            data=self._item_tips(),
        )
        self.user_points.setData(
            x=users[:, 0],
            y=users[:, 1] if model.rank > 1 else np.zeros(len(users)),
            brush=self._user_brushes,
            data=self._user_tips(),
        )
        self._refresh_panels()

    # -- drawing helpers --------------------------------------------------------------------
    def _rating_rgba(self, values: NDArray[np.float64]) -> NDArray[np.uint8]:
        return self._to_rgba(values, RATING_MIN, RATING_MAX, self._rating_lut)

    def _error_rgba(self, values: NDArray[np.float64]) -> NDArray[np.uint8]:
        return self._to_rgba(values, -ERROR_RANGE, ERROR_RANGE, self._error_lut)

    @staticmethod
    def _to_rgba(
        values: NDArray[np.float64], low: float, high: float, lut: NDArray[np.uint32]
    ) -> NDArray[np.uint8]:
        """users × items values → an image (items along x, users along y); NaN is transparent.

        Works on the transposed float32 values and a packed 32-bit lookup table, so a
        1,000 × 1,000 matrix costs one gather instead of four and no RGBA transpose.
        """
        # Clip while still float64: a run heading for divergence can predict values beyond
        # float32's range (found by the monkey test), and the cast would overflow. NaN stays NaN.
        bounded = np.clip(values.T, low - 1.0, high + 1.0)
        scaled = np.ascontiguousarray(bounded, dtype=np.float32)
        scaled -= np.float32(low)
        scaled *= np.float32(255.0 / (high - low))
        missing = np.isnan(scaled)
        np.clip(scaled, 0.0, 255.0, out=scaled)
        scaled[missing] = 0.0  # a NaN cast to int is undefined; its alpha is zeroed below
        packed = lut[scaled.astype(np.uint8)]
        packed[missing] = 0
        rgba: NDArray[np.uint8] = packed.view(np.uint8).reshape(*packed.shape, 4)
        return rgba

    @staticmethod
    def _scale_html(lut: NDArray[np.uint32], low: str, high: str) -> str:
        colors = lut.view(np.uint8).reshape(256, 4)
        stops = "".join(
            f"<span style='color:{QColor(*(int(c) for c in colors[i][:3])).name()}'>█</span>"
            for i in range(0, 256, 32)
        )
        return f"{low} {stops} {high}"

    @staticmethod
    def _brushes(groups: NDArray[np.int64] | None, count: int, alpha: int) -> list[Any]:
        if groups is None:
            color = QColor(SERIES_COLORS[1] if alpha > 150 else SERIES_COLORS[0])
            color.setAlpha(alpha)
            return [pg.mkBrush(color)] * count
        palette = []
        for name in GENRE_COLORS:
            color = QColor(name)
            color.setAlpha(alpha)
            palette.append(pg.mkBrush(color))
        return [palette[int(g) % len(palette)] for g in groups]

    def _item_tips(self) -> list[str]:
        data = self._data
        return list(data.item_names) if data is not None else []

    def _user_tips(self) -> list[str]:
        data = self._data
        if data is None:
            return []
        if data.user_favorite is None:
            return list(data.user_names)
        return [
            f"{name} (hidden favourite: {data.genres[int(g)]})"
            for name, g in zip(data.user_names, data.user_favorite, strict=True)
        ]

    @staticmethod
    def _tip(x: float, y: float, data: object) -> str:
        return f"{data}\nfactors ({x:.2f}, {y:.2f})"

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

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load ratings", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        if path:
            self.load_csv(path)

    def load_csv(self, path: str | Path) -> bool:
        """Load a user,item,rating CSV and switch to it; False (with a message) if it is bad."""
        file = Path(path)
        try:
            text = read_csv_file(file)  # regular files only, bounded (a FIFO can't hang it)
        except ValueError as exc:
            self.show_message(str(exc))
            return False
        return self.load_csv_text(text, file.name)

    def load_csv_text(self, text: str, name: str = "CSV") -> bool:
        try:
            data = parse_rating_csv(text, name)
        except ValueError as exc:
            self.show_message(str(exc))
            return False
        previous = self._csv_data
        self._csv_data = data
        if not self.set_params(data=DATA_CSV):
            self._csv_data = previous
            return False
        n_users, n_items = data.shape
        self.csv_label.setText(
            f"{escape(name)}: {int(data.observed.sum()):,} ratings, {n_users} users × {n_items} items."
        )
        return True

    # -- the text panels ---------------------------------------------------------------------
    def _refresh_panels(self) -> None:
        frame = self._frame
        if frame is None or frame.model is None or frame.problem is None:
            return
        user = min(self.user_spin.value() - 1, frame.problem.data.shape[0] - 1)
        for line in self.user_lines:
            line.setValue(user + 0.5)
        model = frame.model
        x = model.P[:, 0]
        y = model.P[:, 1] if model.rank > 1 else np.zeros(len(x))
        self.selected_point.setData([x[user]], [y[user]])
        self.user_text.setHtml(self._user_html(frame, user))
        if self.tabs.currentIndex() == 1 or not self.cold_text.toPlainText():
            self.cold_text.setHtml(self._cold_start_html(frame))

    def _user_html(self, frame: FactorizationFrame, user: int) -> str:
        assert frame.model is not None and frame.problem is not None
        model, problem = frame.model, frame.problem
        data = problem.data
        names = data.item_names
        seen = problem.train_mask[user]
        known = np.where(seen, data.ratings[user], np.nan)
        predicted = predicted_row(model, user)
        recs = recommend_for_user(model, user, seen, np.nan_to_num(known), n=TOP_N)
        items = np.flatnonzero(seen)
        items = items[np.argsort(-known[items], kind="stable")]
        qx = model.Q[:, 0]
        qy = model.Q[:, 1] if model.rank > 1 else np.zeros(len(qx))
        self.recommended_points.setData([qx[r.item] for r in recs], [qy[r.item] for r in recs])

        head = f"<b>{escape(data.user_names[user])}</b>"
        if data.user_favorite is not None:
            head += f" — hidden favourite genre: <b>{escape(data.genres[int(data.user_favorite[user])])}</b>"
        parts = [head, f"<br>{items.size} known rating(s) the model trained on."]
        if items.size:
            rows = "".join(
                f"<tr><td>{escape(names[i])}</td><td align='right'>{known[i]:.1f}</td>"
                f"<td align='right'>{predicted[i]:.1f}</td></tr>"
                for i in items[:6]
            )
            more = f"<br><i>… and {items.size - 6} more</i>" if items.size > 6 else ""
            parts.append(
                "<table cellspacing='0' cellpadding='2'><tr><th align='left'>known</th>"
                f"<th>rated</th><th>model</th></tr>{rows}</table>{more}"
            )
        else:
            parts.append(
                "<br>No training ratings: the model can only offer μ + b_i, the same list for "
                "everyone (cold start)."
            )
        if recs:
            truth = self._true_row(data, user)
            rows = ""
            for r in recs:
                why = ", ".join(escape(names[b]) for b in r.because) or "popular overall"
                true_cell = (
                    f"<td align='right'>{truth[r.item]:.1f}</td>" if truth is not None else ""
                )
                rows += (
                    f"<tr><td>{escape(names[r.item])}</td><td align='right'>{r.predicted:.1f}</td>"
                    f"{true_cell}<td>near {why}</td></tr>"
                )
            true_head = "<th>truth</th>" if truth is not None else ""
            parts.append(
                f"<br><b>Top {len(recs)} unseen</b> (□ in the latent space)"
                f"<table cellspacing='0' cellpadding='2'><tr><th align='left'>video</th>"
                f"<th>model</th>{true_head}<th align='left'>why: nearest liked videos</th></tr>"
                f"{rows}</table>"
            )
        return "".join(parts)

    @staticmethod
    def _true_row(data: RatingData, user: int) -> NDArray[np.float64] | None:
        if data.true_user_factors is None or data.true_user_bias is None:
            return None
        return data.true_rating(data.true_user_factors[user], float(data.true_user_bias[user]))

    def _cold_start_html(self, frame: FactorizationFrame) -> str:
        assert frame.model is not None and frame.problem is not None
        model, problem = frame.model, frame.problem
        data = problem.data
        if not data.synthetic or data.item_genre is None:
            return (
                "The cold-start demo simulates a new user from the synthetic data's hidden "
                "tastes; switch Ratings to “synthetic genres” to use it."
            )
        genre = self.genre_combo.currentIndex()
        count = self.cold_count.value()
        items, ratings, truth = simulate_new_user(data, genre, count, problem.seed + 101)
        p, b = fold_in_user(model, items, ratings, problem.reg, problem.biases)
        seen = np.zeros(data.shape[1], dtype=bool)
        seen[items] = True
        model_scores = model.global_mean + b + model.item_bias + model.Q @ p
        popularity = popularity_scores(data.ratings, problem.train_mask)
        content = genre_scores(popularity, data.item_genre, genre)
        lists = {
            "MF, folded in": top_unseen(model_scores, seen, TOP_N),
            "Popularity": top_unseen(popularity, seen, TOP_N),
            f"Genre ({GENRES[genre]})": top_unseen(content, seen, TOP_N),
        }
        ideal = float(np.mean(np.sort(truth[~seen])[::-1][:TOP_N]))
        header = "".join(f"<th align='left'>{escape(name)}</th>" for name in lists)
        rows = ""
        for rank in range(TOP_N):
            cells = ""
            for picks in lists.values():
                if rank < len(picks):
                    item = int(picks[rank])
                    cells += f"<td>{escape(data.item_names[item])} <i>({truth[item]:.1f})</i></td>"
                else:
                    cells += "<td></td>"
            rows += f"<tr>{cells}</tr>"
        means = "".join(
            f"<td><b>{float(np.mean(truth[picks])):.2f}</b></td>" if len(picks) else "<td></td>"
            for picks in lists.values()
        )
        if count == 0:
            verdict = (
                "With <b>no ratings</b> the fold-in gives p = 0: the model can only rank by "
                "μ + b_i, which is popularity in disguise. It knows nothing personal, so the "
                "onboarding question (favourite genre) is the better bet."
            )
        else:
            verdict = (
                f"With <b>{count} rating(s)</b> one ridge solve against the fixed video factors "
                "places the user in the latent space, no retraining needed; each extra rating "
                "sharpens the estimate, and popularity never personalizes."
            )
        return (
            f"A new user who loves <b>{escape(GENRES[genre])}</b> has rated {count} video(s). "
            "Each list's top 5, with the user's <i>(true rating)</i>:"
            f"<table cellspacing='0' cellpadding='2'><tr>{header}</tr>{rows}"
            f"<tr>{means}</tr></table>"
            f"Mean true rating of each list (best possible {ideal:.2f}).<br>{verdict}"
        )
