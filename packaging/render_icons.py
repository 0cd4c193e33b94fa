"""Render resources/icons/app.svg to the hicolor PNG sizes, a Windows .ico and a macOS .icns.

    python packaging/render_icons.py

Run it after editing app.svg and commit the results: the build uses the committed files,
so `make dist` needs no renderer. Qt's SVG renderer draws the PNGs; Pillow packs them
into .ico and .icns (no network, no extra tools).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "app.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> Image.Image:
    """The SVG drawn at size x size pixels, antialiased, as an RGBA Pillow image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot parse {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "icon.png"
        if not image.save(str(png)):
            raise SystemExit(f"cannot write {png}")
        return Image.open(png).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rendered = {size: render(size) for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, 1024})}
    hicolor = ICONS / "hicolor"
    for size in HICOLOR_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / "ml-interview-studio.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        rendered[size].save(target, optimize=True)
        print(f"wrote {target.relative_to(ROOT)}")
    # Each .ico entry from its own rendering (sharper than Pillow downscaling one image).
    largest = rendered[max(ICO_SIZES)]
    largest.save(
        ICONS / "app.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[rendered[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"wrote {(ICONS / 'app.ico').relative_to(ROOT)}")
    rendered[1024].save(
        ICONS / "app.icns", append_images=[rendered[s] for s in (16, 32, 64, 128, 256, 512)]
    )
    print(f"wrote {(ICONS / 'app.icns').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
