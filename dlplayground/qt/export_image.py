"""Export the diagram as a PNG or SVG picture.

The whole graph is rendered (not just what the view shows), on a white background, without
selection highlights, with a margin. PNGs are rendered at twice the scene's resolution so
text stays crisp when the picture is scaled down in a document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from dlplayground.graph.io import atomic_write_bytes
from dlplayground.qt.canvas.scene import GraphScene

MARGIN = 30.0


def _source_rect(scene: GraphScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def _render(scene: GraphScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    selected = scene.selectedItems()
    pending = scene.connecting
    if pending:
        scene.cancel_connection()
    for item in selected:
        item.setSelected(False)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        with scene.full_detail():  # ports and shape labels too, however far the view is zoomed out
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        for item in selected:
            item.setSelected(True)


def render_png(scene: GraphScene, scale: float = 2.0) -> bytes:
    """The diagram as PNG bytes, ``scale`` pixels per scene unit."""
    source = _source_rect(scene)
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the PNG encoder failed")
    buffer.close()
    return bytes(data.data())


def render_svg(scene: GraphScene, title: str = "dlplayground diagram") -> bytes:
    """The diagram as SVG bytes (vector: scales without loss)."""
    source = _source_rect(scene)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("A network diagram exported from dlplayground")
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor("white"))
    _render(scene, painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    buffer.close()
    return bytes(data.data())


def export_diagram(scene: GraphScene, path: str | Path, title: str = "dlplayground diagram") -> Path:
    """Write the diagram to ``path`` (atomically): SVG for ``.svg``, PNG otherwise."""
    path = Path(path)
    payload = render_svg(scene, title) if path.suffix.lower() == ".svg" else render_png(scene)
    atomic_write_bytes(path, payload)
    return path
