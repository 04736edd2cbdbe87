"""Window and dialog sizes that fit the screen they open on.

A fixed size (1400x850) puts the docks and the status bar of a 1280x720 screen off screen;
:func:`fit_to_screen` takes the preferred size, shrinks it to the screen's available area (less a
margin for the window frame) and centres the widget there.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: room left for the window manager's frame and title bar (px)
FRAME_MARGIN_X, FRAME_MARGIN_Y = 16, 48


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The available area (without task bars) of the screen ``widget`` is on, or the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """``preferred`` shrunk to fit ``available`` with room for the frame."""
    return QSize(max(320, min(preferred.width(), available.width() - FRAME_MARGIN_X)),
                 max(240, min(preferred.height(), available.height() - FRAME_MARGIN_Y)))


def fit_to_screen(widget: QWidget, preferred: QSize, available: QRect | None = None) -> QSize:
    """Resize ``widget`` to ``preferred`` or less so it fits ``available`` (default: its screen's
    available area), centred there. Returns the size given."""
    area = available if available is not None else available_geometry(widget.parentWidget() or widget)
    size = fitted_size(preferred, area)
    widget.resize(size)
    centre = area.center()
    widget.move(max(area.left(), centre.x() - size.width() // 2),
                max(area.top(), centre.y() - (size.height() + FRAME_MARGIN_Y) // 2))
    return size
