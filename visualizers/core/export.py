"""Exporting a visualizer: the current view as PNG, a run as an animated GIF (Pillow).

PNGs are rendered at `PNG_SCALE` (2×) the widget's logical size, or at the screen's
device pixel ratio when that is higher, so plot lines and text stay crisp on a slide or a
HiDPI screen; the file records the matching DPI. Both kinds can carry a caption under the
picture: the visualizer, the step and every parameter value (`caption_for`).

GIF frames must be painted on the GUI thread (widgets are painted only there), one at a
time with the event loop running between them; the expensive part — quantizing every
frame to one shared palette and encoding — runs in a `QThread`. A `QProgressDialog`
follows both phases and its Cancel stops either.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QEventLoop, QPoint, QRect, Qt, QThread, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

GIF_MAX_WIDTH = 900
PNG_SCALE = 2.0


class ExportError(Exception):
    """Export failed in a way the user can act on (unwritable folder, empty run)."""


def export_scale(widget: QWidget) -> float:
    """The scale exports render at: 2×, or the screen's device pixel ratio if higher."""
    return max(PNG_SCALE, widget.devicePixelRatioF())


def grab_image(widget: QWidget, scale: float = 1.0) -> QImage:
    """Render `widget` (and its children) into an image at `scale` × its logical size."""
    if scale == 1.0:
        return widget.grab().toImage()
    size = widget.size()
    image = QImage(
        max(1, round(size.width() * scale)),
        max(1, round(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return image


def caption_for(view: Any, index: int | None = None) -> str:
    """ "<title> · step i / n · <label> = <value>, …" for a visualizer view (duck-typed)."""
    spec = view.spec
    parts = [spec.title]
    player: Any = getattr(view, "player", None)
    history = getattr(player, "history", None)
    if player is not None and history is not None:
        step = player.index if index is None else index
        more = "" if history.complete else "+"
        parts.append(f"step {step} / {len(history) - 1}{more}")
    values = []
    for parameter in spec.parameters:
        value = view.params.get(parameter.name, parameter.default)
        text = f"{value:.4g}" if isinstance(value, float) else str(value)
        unit = f" {parameter.unit}" if parameter.unit and not isinstance(value, bool) else ""
        values.append(f"{parameter.label} = {text}{unit}")
    if values:
        parts.append(", ".join(values))
    return " · ".join(parts)


def add_caption(image: QImage, caption: str, palette: QPalette | None = None) -> QImage:
    """`image` with `caption` word-wrapped in a band below it (same device pixel ratio)."""
    if not caption:
        return image
    palette = palette or QApplication.palette()
    dpr = image.devicePixelRatio()
    width = image.width() / dpr
    font = QFont(QApplication.font())
    font.setPointSizeF(max(8.0, font.pointSizeF()))
    metrics = QFontMetrics(font)
    margin = 8
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    box = metrics.boundingRect(QRect(0, 0, round(width) - 2 * margin, 10_000), flags, caption)
    band = box.height() + 2 * margin
    out = QImage(image.width(), image.height() + math.ceil(band * dpr), QImage.Format.Format_ARGB32)
    out.setDevicePixelRatio(dpr)
    out.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(out)
    try:
        painter.drawImage(0, 0, image)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        top = image.height() / dpr + margin
        painter.drawText(
            QRect(margin, round(top), round(width) - 2 * margin, box.height()), flags, caption
        )
    finally:
        painter.end()
    return out


def save_png(
    widget: QWidget, path: str | Path, caption: str = "", scale: float | None = None
) -> Path:
    """Save `widget` as a PNG at `scale` (default `export_scale`), with an optional caption."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_suffix(".png")
    scale = export_scale(widget) if scale is None else scale
    image = add_caption(grab_image(widget, scale), caption, widget.palette())
    dots_per_metre = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    # The format follows the .png suffix.
    if not image.save(str(target)):
        raise ExportError(f"could not write {target}: is the folder writable?")
    return target


def qimage_to_pil(image: QImage) -> Image.Image:
    """Convert a QImage to a Pillow RGB image (copying the pixels)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = rgba.width(), rgba.height()
    data = bytes(rgba.constBits())[: rgba.bytesPerLine() * height]
    pil = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", rgba.bytesPerLine(), 1)
    return pil.convert("RGB")


def gif_indices(total: int, max_frames: int) -> list[int]:
    """At most `max_frames` frame indices spread evenly over [0, total), always with the last."""
    if total <= 0:
        return []
    if total <= max_frames:
        return list(range(total))
    stride = (total - 1) / (max_frames - 1)
    return sorted({round(i * stride) for i in range(max_frames)})


class GifEncoder(QThread):
    """Quantizes frames to one palette and writes the GIF, off the GUI thread."""

    progressed = Signal(int)  # frames quantized so far

    def __init__(self, frames: list[Image.Image], target: Path, frame_ms: int) -> None:
        super().__init__()
        self._frames = frames
        self._target = target
        self._frame_ms = frame_ms
        self._cancelled = False
        self.error: str | None = None
        self.written = False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            # One palette for all frames avoids colour flicker between frames.
            source = self._frames[-1].quantize(colors=128, method=Image.Quantize.MEDIANCUT)
            paletted = []
            for n, frame in enumerate(self._frames):
                if self._cancelled:
                    return
                paletted.append(frame.quantize(palette=source, dither=Image.Dither.NONE))
                self.progressed.emit(n + 1)
            if self._cancelled:
                return
            paletted[0].save(
                self._target,
                save_all=True,
                append_images=paletted[1:],
                duration=self._frame_ms,
                loop=0,
                optimize=False,
            )
            self.written = True
        except OSError as exc:
            self.error = f"could not write {self._target}: {exc.strerror or exc}"
        except Exception as exc:  # reported to the GUI thread, never lost in a thread
            self.error = f"could not encode the GIF: {exc}"


def save_gif(
    render: Callable[[int], QImage],
    indices: Sequence[int],
    path: str | Path,
    frame_ms: int = 80,
    parent_for_progress: QWidget | None = None,
    caption: Callable[[int], str] | None = None,
) -> Path | None:
    """Render each index (GUI thread), encode in a worker thread; None if the user cancelled."""
    if not indices:
        raise ExportError("there are no frames to export")
    target = Path(path)
    if target.suffix.lower() != ".gif":
        target = target.with_suffix(".gif")
    total = 2 * len(indices)  # rendering, then quantizing
    progress: QProgressDialog | None = None
    if parent_for_progress is not None:
        progress = QProgressDialog("Rendering the GIF…", "Cancel", 0, total, parent_for_progress)
        progress.setWindowTitle("Export GIF")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
    frames: list[Image.Image] = []
    encoder: GifEncoder | None = None
    try:
        for n, index in enumerate(indices):
            if progress is not None:
                progress.setValue(n)
                if progress.wasCanceled():
                    return None
            else:
                QApplication.processEvents()
            image = render(index)
            if caption is not None:
                image = add_caption(image, caption(index))
            pil = qimage_to_pil(image)
            if pil.width > GIF_MAX_WIDTH:
                height = round(pil.height * GIF_MAX_WIDTH / pil.width)
                pil = pil.resize((GIF_MAX_WIDTH, height), Image.Resampling.LANCZOS)
            frames.append(pil)
        if progress is not None:
            progress.setLabelText("Encoding the GIF…")
        encoder = GifEncoder(frames, target, frame_ms)
        if progress is not None:
            offset = len(indices)
            dialog = progress
            encoder.progressed.connect(lambda done: dialog.setValue(offset + done))
        encoder.start()
        # The GUI stays responsive while the worker encodes; Cancel stops it.
        while not encoder.wait(30):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
            if progress is not None and progress.wasCanceled():
                encoder.cancel()
        QApplication.processEvents()
        if encoder.error:
            raise ExportError(encoder.error)
        if not encoder.written:
            return None
    finally:
        if encoder is not None and encoder.isRunning():
            encoder.cancel()
            encoder.wait()
        if progress is not None:
            progress.setValue(total)
            progress.close()
            progress.deleteLater()
    return target
