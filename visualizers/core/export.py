"""Exporting a visualizer: the current view as PNG, a run as an animated GIF (Pillow).

The GIF is rendered frame by frame on the GUI thread (widgets can only be painted
there), with an optional `QProgressDialog` that can cancel it; frames are scaled down to
`GIF_MAX_WIDTH` and share one adaptive palette so files stay small.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

GIF_MAX_WIDTH = 900


class ExportError(Exception):
    """Export failed in a way the user can act on (unwritable folder, empty run)."""


def grab_image(widget: QWidget) -> QImage:
    """Render `widget` (and its children) into an image, as it would look on screen."""
    return widget.grab().toImage()


def save_png(widget: QWidget, path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_suffix(".png")
    # The format follows the .png suffix.
    if not grab_image(widget).save(str(target)):
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


def save_gif(
    render: Callable[[int], QImage],
    indices: Sequence[int],
    path: str | Path,
    frame_ms: int = 80,
    parent_for_progress: QWidget | None = None,
) -> Path | None:
    """Render each index with `render`, write an animated GIF; None if the user cancelled."""
    if not indices:
        raise ExportError("there are no frames to export")
    target = Path(path)
    if target.suffix.lower() != ".gif":
        target = target.with_suffix(".gif")
    progress: QProgressDialog | None = None
    if parent_for_progress is not None:
        progress = QProgressDialog(
            "Rendering the GIF…", "Cancel", 0, len(indices), parent_for_progress
        )
        progress.setWindowTitle("Export GIF")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
    frames: list[Image.Image] = []
    try:
        for n, index in enumerate(indices):
            if progress is not None:
                progress.setValue(n)
                if progress.wasCanceled():
                    return None
            else:
                QApplication.processEvents()
            image = qimage_to_pil(render(index))
            if image.width > GIF_MAX_WIDTH:
                height = round(image.height * GIF_MAX_WIDTH / image.width)
                image = image.resize((GIF_MAX_WIDTH, height), Image.Resampling.LANCZOS)
            frames.append(image)
        # One palette for all frames avoids colour flicker between frames.
        palette_source = frames[-1].quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        paletted = [f.quantize(palette=palette_source, dither=Image.Dither.NONE) for f in frames]
        try:
            paletted[0].save(
                target,
                save_all=True,
                append_images=paletted[1:],
                duration=frame_ms,
                loop=0,
                optimize=False,
            )
        except OSError as exc:
            raise ExportError(f"could not write {target}: {exc.strerror or exc}") from exc
    finally:
        if progress is not None:
            progress.setValue(len(indices))
            progress.close()
            progress.deleteLater()
    return target
