"""The main window: palette, canvas, inspector, project settings, problems, menus, status bar.

Other panels plug in through a small API: :meth:`MainWindow.add_panel` docks a widget (with a
toggle in View › Panels), :meth:`MainWindow.add_lazy_panel` docks one that is built when first
needed (for panels that start behind a tab), :meth:`MainWindow.menu` returns or creates a top-level menu (Train,
Tools, ...), :meth:`MainWindow.add_action` puts an action in a menu and optionally the
toolbar, and :attr:`MainWindow.session` is the open document. :meth:`MainWindow.set_node_badge`
flags a node on the canvas by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QByteArray, QPoint, QPointF, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QCursor,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStyle,
    QToolBar,
    QWidget,
)

from dlplayground.graph.folders import file_stem
from dlplayground.qt import clipboard, i18n, script_export
from dlplayground.qt.canvas import style
from dlplayground.qt.canvas.node_item import NodeItem
from dlplayground.qt.canvas.scene import GraphScene
from dlplayground.qt.canvas.view import GraphView
from dlplayground.qt.canvas_tools import install_canvas_tools
from dlplayground.qt import download_dialog
from dlplayground.qt.dialogs import ExamplesDialog, show_about
from dlplayground.qt.editor import GraphEditor
from dlplayground.qt.export_image import export_diagram
from dlplayground.qt.file_manager import FileManager
from dlplayground.qt.inspector import InspectorWidget
from dlplayground.qt.network_tabs import NetworkTabs
from dlplayground.qt.palette import PaletteWidget
from dlplayground.qt.screen_fit import fit_to_screen
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.summary_panel import SummaryPanel
from dlplayground.qt.engine import after_first_paint
from dlplayground.qt.lazy_page import LazyPage, build_when_idle
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import problem_line

if TYPE_CHECKING:
    from dlplayground.qt.settings_panel import SettingsPanel

GEOMETRY_KEY, STATE_KEY = "window/geometry", "window/state"
#: first-start panel sizes (px); later starts restore the user's own layout
DEFAULT_PALETTE_WIDTH, DEFAULT_INSPECTOR_WIDTH, DEFAULT_BOTTOM_HEIGHT = 200, 330, 190
#: below this window width the tool bars show icons without text
COMPACT_TOOLBAR_WIDTH = 1280
#: the least share of the window's height the canvas keeps when the window gets short
MIN_CANVAS_SHARE, MIN_BOTTOM_HEIGHT = 0.45, 120
STATUS_TIMEOUT_MS = 6000
#: the window's size on a first start, shrunk to fit smaller screens
PREFERRED_SIZE = (1400, 850)
#: the least zoom at which an opened project is fitted (an overview, where 0.8 is readable)
OPEN_MIN_ZOOM = 0.15
#: top-level menus in order; menus created later by name go before Help
MENU_ORDER = ("File", "Edit", "View", "Train", "Tools", "Help")


class MainWindow(QMainWindow):
    """The editor window over one :class:`DocumentSession`.

    Args:
        settings: where window state and recent files are kept (default: the application's
            ``QSettings``; tests pass a temporary file).
        session: the document to show (default: a new project).

    Signals:
        closing(): the window agreed to close; panels stop their worker threads here.
    """

    closing = Signal()

    def __init__(self, settings: QSettings | None = None, session: DocumentSession | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.session = session if session is not None else DocumentSession(parent=self)
        self.editor = GraphEditor(self.session, self)
        self.scene = GraphScene(self.session, self.editor)
        self.scene.setParent(self)
        self.view = GraphView(self.scene, self)
        self.network_tabs = NetworkTabs(self.session, self.view, self)  # a GAN's two networks
        self.setCentralWidget(self.network_tabs)
        self.files = FileManager(self, self.session, self.settings)
        self.actions: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
        self._paste_count = 0
        self._last_paste_spot: tuple[QPoint, QPointF] | None = None  # viewport point, scene point
        self._pastes_here = 0
        self._toolbar_style_pending = False  # actions were added to the toolbar while hidden
        self._model_busy = False  # a run trains the model (see set_model_busy)
        self._fit_pending = True
        #: asked before the window closes (before unsaved changes); any False keeps it open.
        #: Extensions add theirs (training asks whether to stop a run).
        self.close_guards: list = []
        download_dialog.install()  # MNIST / CIFAR-10 downloads show a progress dialog, not a console bar

        self.palette = PaletteWidget()
        self.inspector = InspectorWidget(self.session, self.editor)
        self.summary_panel = SummaryPanel(self.session)
        #: panels built when first needed (see :meth:`add_lazy_panel`)
        self.lazy_panels: list[LazyPage] = []

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self.palette_dock = self.add_panel(self.palette, self.tr("Layers"), Qt.DockWidgetArea.LeftDockWidgetArea, "palette")
        self.inspector_dock = self.add_panel(self.inspector, self.tr("Inspector"), Qt.DockWidgetArea.RightDockWidgetArea, "inspector")
        self.settings_dock, self._settings_page = self.add_lazy_panel(
            self._make_settings_panel, self.tr("Data && Training"), Qt.DockWidgetArea.RightDockWidgetArea, "settings",
            tabify_with=self.inspector_dock)
        self.summary_dock = self.add_panel(self.summary_panel, self.tr("Problems && Summary"), Qt.DockWidgetArea.BottomDockWidgetArea,
                                           "summary")
        self.inspector_dock.raise_()
        self._default_sizes_pending = True  # until a saved layout is restored or the window shown
        self._canvas_room_pending = False
        self._create_status_bar()
        self._connect()
        self.canvas_tools = install_canvas_tools(self)  # quick add, find, minimap, groups
        self.setAcceptDrops(True)
        fit_to_screen(self, QSize(*PREFERRED_SIZE))  # a saved geometry replaces this below
        self.restore_layout()
        self._title_shown: tuple[str, bool, str] | None = None  # what the title bar shows
        self._update_title()
        self._update_status(self.session.inference)
        self._update_edit_actions()
        # what starts behind a tab is built once the first frame is on screen
        after_first_paint(self, self._build_lazy_panels_when_idle)

    @property
    def settings_panel(self) -> "SettingsPanel":
        """The Data & Training panel (built now if it was not yet)."""
        return self._settings_page.view()

    def _make_settings_panel(self) -> "SettingsPanel":
        from dlplayground.qt.settings_panel import SettingsPanel  # with its data and training schema modules

        return SettingsPanel(self.session, self.editor)

    # -- plug-in API -------------------------------------------------------------------
    def add_panel(self, widget: QWidget, title: str, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
                  object_name: str | None = None, tabify_with: QDockWidget | None = None,
                  scrollable: bool = False) -> QDockWidget:
        """Dock ``widget`` in ``area`` and add its show/hide toggle to View › Panels.

        Args:
            widget: the panel's content.
            title: the dock's title (``&&`` for a literal ampersand).
            area: where it docks first (the user may move it; the layout is remembered).
            object_name: a stable name under which its placement is saved (default: from the title).
            tabify_with: an existing dock to share a tabbed area with.
            scrollable: put the panel in a scroll area, so that a tall panel (plots, a drawing
                canvas) does not force its minimum height on every dock beside it.

        Returns:
            The new dock widget (with ``scrollable``, its ``widget()`` is the scroll area).
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{object_name or title.lower().replace(' ', '_')}")
        if scrollable:
            scroll = QScrollArea(dock)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(widget)
            dock.setWidget(scroll)
        else:
            dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        if tabify_with is not None:
            self.tabifyDockWidget(tabify_with, dock)
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_lazy_panel(self, factory: Callable[[], QWidget], title: str,
                       area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea, object_name: str | None = None,
                       tabify_with: QDockWidget | None = None,
                       scrollable: bool = False) -> tuple[QDockWidget, LazyPage]:
        """Dock a panel that ``factory`` builds when first needed (a :class:`LazyPage`): when its
        dock is first painted, when :meth:`LazyPage.view` is asked for, or in idle time once the
        window has painted. For panels that start behind another tab; arguments as
        :meth:`add_panel`'s."""
        page = LazyPage(factory)
        dock = self.add_panel(page, title, area, object_name, tabify_with, scrollable)
        self.lazy_panels.append(page)
        return dock, page

    def _build_lazy_panels_when_idle(self) -> None:
        for page in self.lazy_panels:
            build_when_idle(page)

    def set_model_busy(self, busy: bool) -> None:
        """Whether a run is using the model: the status bar then says "valid model", not
        "ready to train" (the training extension calls this as its runs start and end)."""
        if busy != self._model_busy:
            self._model_busy = busy
            self._update_status(self.session.inference)

    def menu(self, name: str) -> QMenu:
        """The top-level menu called ``name``, created (before Help) if it does not exist yet."""
        if name in self._menus:
            return self._menus[name]
        titles = {"File": self.tr("&File"), "Edit": self.tr("&Edit"), "View": self.tr("&View"),
                  "Train": self.tr("&Train"), "Tools": self.tr("&Tools"), "Help": self.tr("&Help")}
        menu = QMenu(titles.get(name, f"&{name}"), self)
        menu.setObjectName(f"menu_{name.lower()}")
        # known menus keep MENU_ORDER; any other goes just before Help
        order = list(MENU_ORDER)
        position = order.index(name) if name in order else order.index("Help") - 1
        before = next((self._menus[n] for n in order[position + 1:] if n in self._menus), None)
        if before is not None:
            self.menuBar().insertMenu(before.menuAction(), menu)
        else:
            self.menuBar().addMenu(menu)
        self._menus[name] = menu
        return menu

    def add_action(self, menu_name: str, action: QAction, toolbar: bool = False) -> QAction:
        """Put ``action`` at the end of menu ``menu_name`` (and on the toolbar if asked)."""
        self.menu(menu_name).addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
            if self.isVisible():
                self._update_toolbar_style()
            else:  # measured once when shown, not once per action the extensions add
                self._toolbar_style_pending = True
        return action

    def node_item(self, node_id: str) -> NodeItem | None:
        """The canvas item of node ``node_id``, or None if there is none."""
        return self.scene.node_items.get(node_id)

    def set_node_badge(self, node_id: str, text: str, colour: QColor | str, tooltip: str = "") -> bool:
        """Show a badge on node ``node_id`` (see :meth:`NodeItem.set_badge`); False if absent."""
        item = self.node_item(node_id)
        if item is None:
            return False
        item.set_badge(text, colour, tooltip)
        return True

    def clear_node_badges(self) -> None:
        for item in self.scene.node_items.values():
            item.clear_badge()

    def selected_node_ids(self) -> list[str]:
        return self.scene.selected_node_ids()

    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- building --------------------------------------------------------------------
    def _action(self, key: str, text: str, slot, shortcut: QKeySequence | str | list | None = None,
                icon: QStyle.StandardPixmap | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) if not isinstance(s, QKeySequence) else s for s in shortcuts])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        self.actions[key] = action
        return action

    def _create_actions(self) -> None:
        sp, ks = QStyle.StandardPixmap, QKeySequence.StandardKey
        a = self._action
        a("new", self.tr("&New"), self.files.new, ks.New, sp.SP_FileIcon, self.tr("Start a new project"))
        a("open", self.tr("&Open…"), self.files.open, ks.Open, sp.SP_DialogOpenButton, self.tr("Open a project file"))
        a("examples", self.tr("&Examples…"), self.open_examples, None, None, self.tr("Open one of the example projects"))
        a("save", self.tr("&Save"), self.files.save, ks.Save, sp.SP_DialogSaveButton, self.tr("Save the project"))
        a("save_as", self.tr("Save &As…"), self.files.save_as, ks.SaveAs, None, self.tr("Save the project under a new name"))
        a("export_png", self.tr("Export Diagram as &PNG…"), lambda: self.export_diagram_dialog("png"), None, None,
          self.tr("Save a picture of the whole graph"))
        a("export_svg", self.tr("Export Diagram as S&VG…"), lambda: self.export_diagram_dialog("svg"), None, None,
          self.tr("Save a vector picture of the whole graph"))
        a("export_script", self.tr("Export &Training Script…"), self.export_training_script, None, None, translate("script_export", script_export.TIP))
        a("quit", self.tr("&Quit"), self.close, ks.Quit, None, self.tr("Close the window"))

        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(ks.Undo))
        undo.setIcon(self.style().standardIcon(sp.SP_ArrowBack))
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setIcon(self.style().standardIcon(sp.SP_ArrowForward))
        for key, action in (("undo", undo), ("redo", redo)):
            action.setIconText(self.tr("Undo") if key == "undo" else self.tr("Redo"))  # the toolbar keeps its width; the menu says what
            self.addAction(action)
            self.actions[key] = action
        a("cut", self.tr("Cu&t"), self.cut, ks.Cut, None, self.tr("Cut the selected nodes"))
        a("copy", self.tr("&Copy"), self.copy, ks.Copy, None, self.tr("Copy the selected nodes and the edges between them"))
        a("paste", self.tr("&Paste"), self.paste, ks.Paste, None, self.tr("Paste nodes from the clipboard"))
        a("duplicate", self.tr("D&uplicate"), self.duplicate, "Ctrl+D", None, self.tr("Duplicate the selected nodes"))
        a("delete", self.tr("&Delete"), self.delete_selection, [QKeySequence(ks.Delete), QKeySequence("Backspace")], None,
          self.tr("Delete the selected nodes and connections"))
        a("select_all", self.tr("Select &All"), self.select_all, ks.SelectAll, None, self.tr("Select every node"))
        a("wrap_residual", self.tr("&Wrap in Residual Block"), self.wrap_selection, "Ctrl+R", None,
          self.tr("Add a skip connection around the selected chain of layers"))

        a("fit", self.tr("&Fit to View"), self.view.fit_all, "F", None, self.tr("Show the whole graph"))
        a("zoom_in", self.tr("Zoom &In"), self.view.zoom_in, ks.ZoomIn)
        a("zoom_out", self.tr("Zoom &Out"), self.view.zoom_out, ks.ZoomOut)
        a("zoom_reset", self.tr("&Actual Size"), self.view.reset_zoom, "Ctrl+0")
        a("auto_layout", self.tr("Auto &Layout"), self.auto_layout, "Ctrl+L", None, self.tr("Arrange the graph in columns"))
        a("about", self.tr("&About dlplayground"), lambda: show_about(self), None, None, self.tr("Versions and credits"))

    def _fill(self, target: QMenu | QToolBar, keys: tuple[str | None, ...]) -> None:
        """Add the named actions to a menu or toolbar; None adds a separator."""
        for key in keys:
            if key is None:
                target.addSeparator()
            else:
                target.addAction(self.actions[key])

    def _create_menus(self) -> None:
        file_menu = self.menu("File")
        for key in ("new", "open"):
            file_menu.addAction(self.actions[key])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("menu_recent")
        file_menu.addAction(self.actions["examples"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["save"])
        file_menu.addAction(self.actions["save_as"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["export_png"])
        file_menu.addAction(self.actions["export_svg"])
        file_menu.addAction(self.actions["export_script"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions["quit"])

        self._fill(self.menu("Edit"), ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None,
                                       "select_all", None, "wrap_residual"))
        view = self.menu("View")
        self._fill(view, ("fit", "zoom_in", "zoom_out", "zoom_reset", None, "auto_layout", None))
        self.panels_menu = view.addMenu(self.tr("&Panels"))
        self.panels_menu.setObjectName("menu_panels")
        self.language_menu = i18n.language_menu(view, self.settings, self.show_message)

        self.menu("Help").addAction(self.actions["about"])
        self._fill_recent(self.files.recent_files())

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("toolbar_main")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self._fill(self.toolbar, ("new", "open", "save", None, "undo", "redo", None, "fit", "auto_layout",
                                  "wrap_residual"))
        self.menu("View").addAction(self.toolbar.toggleViewAction())

    def _create_status_bar(self) -> None:
        bar = self.statusBar()
        self.validity_label = QLabel()
        self.params_label = QLabel()
        self.zoom_label = QLabel()
        for label in (self.validity_label, self.params_label, self.zoom_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _connect(self) -> None:
        # bound methods, not lambdas: Qt drops a connection when its receiver is destroyed
        session = self.session
        session.inference_updated.connect(self._update_status)
        session.modified_changed.connect(self._update_title)
        session.file_changed.connect(self._update_title)
        session.document_changed.connect(self._update_title)
        # an edit ends the fit kept after opening: the user's view is not refitted under the edit
        session.document_changed.connect(lambda _event: self.view.stop_keeping_fit())
        session.project_replaced.connect(self._project_replaced)
        session.undo_stack.canUndoChanged.connect(self._update_edit_actions)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.connection_hovered.connect(self._connection_hovered)
        self.editor.refused.connect(self._refused)
        self.editor.notified.connect(self.show_message)
        self.view.files_dropped.connect(self._open_dropped)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.palette.layer_activated.connect(self._add_from_palette)
        self.summary_panel.node_activated.connect(self.focus_node)
        self.files.recent_changed.connect(self._fill_recent)
        self._zoom_changed(self.view.zoom)

    # -- edit commands ---------------------------------------------------------------
    def copy(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        clipboard.copy_to_clipboard(clipboard.fragment(self.session.graph, ids))
        self._paste_count = 0
        self.show_message(self.tr("Copied {count} node(s)").format(count=len(ids)))
        return True

    def cut(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not self.copy():
            return False
        self._paste_count = -1  # a cut pastes back in place first
        self.editor.delete(ids)
        return True

    def paste(self) -> list[str]:
        raw = clipboard.read_clipboard()
        if raw is None:
            self.show_message(self.tr("The clipboard holds no nodes to paste"))
            return []
        ids = self.editor.paste(raw, self._paste_offset(raw))
        self.scene.select_nodes(ids)
        items = [self.scene.node_items[i] for i in ids if i in self.scene.node_items]
        if items:
            bounds = items[0].sceneBoundingRect()
            for item in items[1:]:
                bounds = bounds.united(item.sceneBoundingRect())
            self.view.ensureVisible(bounds, 40, 40)
        return ids

    def _paste_offset(self, raw: dict) -> tuple[float, float]:
        """Where a paste goes: at the mouse pointer when it is over the canvas, else below the
        previous copy (a cut first pastes back in place), so copies never pile up."""
        positions = [n["pos"] for n in raw.get("nodes", []) if isinstance(n, dict) and n.get("pos")]
        self._paste_count += 1
        if not positions or self._paste_count == 0:
            return (0.0, 0.0)
        left, top = min(p[0] for p in positions), min(p[1] for p in positions)
        below = max(p[1] for p in positions) - top + style.NODE_HEIGHT + 40.0  # one copy's height
        pointer = self.view.viewport().mapFromGlobal(QCursor.pos())
        if self.view.viewport().rect().contains(pointer):
            if self._last_paste_spot is None or self._last_paste_spot[0] != pointer:
                # a new spot: the copy goes where the pointer is
                self._last_paste_spot, self._pastes_here = (pointer, self.view.mapToScene(pointer)), 0
            else:  # the pointer has not moved (the view may have scrolled): below the last copy
                self._pastes_here += 1
            target = self._last_paste_spot[1]
            return (target.x() - left, target.y() - top + below * self._pastes_here)
        return (0.0, below * self._paste_count)

    def duplicate(self) -> list[str]:
        ids = self.editor.duplicate(self.scene.selected_node_ids())
        self.scene.select_nodes(ids)
        return ids

    def delete_selection(self) -> bool:
        return self.editor.delete(self.scene.selected_node_ids(), self.scene.selected_edges())

    def select_all(self) -> None:
        self.scene.select_nodes(list(self.scene.node_items))

    def wrap_selection(self) -> str | None:
        add_id = self.editor.wrap_in_residual(self.scene.selected_node_ids())
        if add_id:
            self.scene.select_nodes([add_id])
        return add_id

    def auto_layout(self) -> None:
        viewport = self.view.viewport()
        if self.editor.auto_layout((viewport.width(), viewport.height())):
            self.view.fit_all()

    def focus_node(self, node_id: str) -> None:
        """Select a node and scroll the canvas to it."""
        item = self.node_item(node_id)
        if item is None:
            return
        self.scene.select_nodes([node_id])
        self.view.centerOn(item)

    def open_examples(self) -> bool:
        dialog = ExamplesDialog(self)
        try:
            if dialog.exec() and dialog.chosen is not None:
                return self.files.open_example(dialog.chosen)
            return False
        finally:
            dialog.deleteLater()

    def export_diagram_dialog(self, kind: str) -> Path | None:
        """Ask where, then export the diagram as ``kind`` (``png`` or ``svg``)."""
        path = self.session.path
        stem = path.name.removesuffix(".json").removesuffix(".dlp") if path else file_stem(self.session.display_name)
        start = (self.session.base_dir or Path.home()) / f"{stem}.{kind}"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export diagram as {value}").format(value=kind.upper()), str(start),
                                              self.tr("{value} image (*.{kind})").format(value=kind.upper(), kind=kind))
        if not name:
            return None
        return self.export_diagram(Path(name))

    def export_training_script(self) -> Path | None:
        """Ask for a folder and write the project there as a standalone PyTorch script."""
        return script_export.ask_and_export(self)

    def export_diagram(self, path: Path) -> Path | None:
        try:
            written = export_diagram(self.scene, path, self.session.display_name)
        except OSError as exc:
            self.files.show_error(self.tr("Cannot export diagram"), self.tr("{path} could not be written.\n\n{exc}").format(path=path, exc=exc))
            return None
        self.show_message(self.tr("Diagram saved to {written}").format(written=written))
        return written

    # -- reactions -------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self.inspector.show_nodes(self.scene.selected_node_ids())
        if self.scene.selected_node_ids():
            self.inspector_dock.raise_()
        self._update_edit_actions()

    def _connection_hovered(self, text: str) -> None:
        if text:
            self.show_message(f"⚠ {text}", 2000)

    def _refused(self, text: str) -> None:
        self.show_message(f"⚠ {text}")

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _update_edit_actions(self, *_args: object) -> None:
        nodes = bool(self.scene.selected_node_ids())
        for key in ("cut", "copy", "duplicate", "wrap_residual"):
            self.actions[key].setEnabled(nodes)
        self.actions["delete"].setEnabled(nodes or bool(self.scene.selected_edges()))

    def _update_title(self, *_args: object) -> None:
        # called for every document event (a rename may come in any of them): only a change
        # reaches Qt, which otherwise redoes the title for each of 10,000 nodes moved at once
        session = self.session
        shown = (session.display_name, session.is_modified, str(session.path) if session.path else "")
        if shown == self._title_shown:
            return
        self._title_shown = shown
        self.setWindowTitle(self.tr("{display_name}[*] — dlplayground").format(display_name=shown[0]))
        self.setWindowModified(shown[1])
        self.setWindowFilePath(shown[2])

    def _update_status(self, inference) -> None:
        problems = self.session.problems
        if problems:
            self.validity_label.setText(self.tr("<span style='color:{colour}'>⚠ {count} problem(s): cannot train</span>").format(colour=style.PROBLEM.name(), count=len(problems)))
            self.validity_label.setToolTip("\n".join(problem_line(p) for p in problems[:20]))
        elif self._model_busy:  # the run's own status beside it says what it does
            self.validity_label.setText(self.tr("<span style='color:#15803d'>✓ valid model</span>"))
            self.validity_label.setToolTip(self.tr("The model can be built and trained; a run is under way"))
        else:
            self.validity_label.setText(self.tr("<span style='color:#15803d'>✓ valid model: ready to train</span>"))
            self.validity_label.setToolTip(self.tr("The model can be built and trained"))
        self.params_label.setText(self.tr("{total_params:,} parameters").format(total_params=inference.total_params))

    def _project_replaced(self) -> None:
        self._paste_count = 0
        self.view.reset_scene_rect()
        self._update_title()
        self._update_edit_actions()
        if self.isVisible():
            self._fit_opened()
        else:
            self._fit_pending = True

    def _fit_opened(self) -> None:
        """A project just opened: the whole graph in view, down to an overview zoom; one wider
        than that starts at its input, with a hint on how to lay it out to fit."""
        self.view.keep_fitted(min_zoom=OPEN_MIN_ZOOM)  # and again while the panels settle
        if self.view.zoom <= OPEN_MIN_ZOOM + 1e-6 and len(self.session.graph):
            self.show_message(self.tr("The graph is wider than the view: View › Auto Layout (Ctrl+L) wraps it into rows"))

    def _add_from_palette(self, type_name: str) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        node_id = self.editor.add_node(type_name, (round(centre.x()), round(centre.y())))
        if node_id:
            self.scene.select_nodes([node_id])

    def _open_dropped(self, paths: list[Path]) -> None:
        if paths:
            self.files.open_path(paths[0])

    def _context_menu(self, pos: QPoint) -> None:
        scene_pos = self.view.mapToScene(pos)
        target = self.scene.node_at(scene_pos)
        if target is not None and not target.isSelected():
            self.scene.select_nodes([target.node_id])
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.scene.selected_node_ids() or self.scene.selected_edges():
            self._fill(menu, ("cut", "copy", "duplicate", "delete", None, "wrap_residual", None, "group", "ungroup",
                              "toggle_group"))
        else:
            self._fill(menu, ("quick_add", "paste", "select_all", None, "auto_layout", "fit", None, "find_node",
                              "group_blocks"))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _fill_recent(self, paths: list[Path]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.files.open_path(p))
        if paths:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear Recent Files"), self.files.clear_recent)
        self.recent_menu.setEnabled(bool(paths))

    # -- window events ---------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._toolbar_style_pending:  # no resize event came with this show
            self._update_toolbar_style()
        if self._default_sizes_pending:
            # once every panel (extensions' too) is docked and the window has its size
            self._default_sizes_pending = False
            QTimer.singleShot(0, self._apply_default_sizes)
        if self._fit_pending:
            self._fit_pending = False
            QTimer.singleShot(0, self._fit_opened)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_toolbar_style(event.size().width())
        self._toolbar_style_pending = False
        if not self._canvas_room_pending:
            self._canvas_room_pending = True
            QTimer.singleShot(0, self._keep_canvas_room)

    def _update_toolbar_style(self, width: int | None = None) -> None:
        """Narrow windows: icon-only tool buttons (actions without an icon keep their text), so
        that Train, Step, Pause and Stop stay on screen rather than behind the overflow arrow.

        Narrow means the buttons with their texts would not fit: that depends on the language
        and on the actions the extensions added, so it is measured, not a fixed width.
        """
        width = self.width() if width is None else width
        bars = [bar for bar in self.findChildren(QToolBar) if not bar.isHidden()]
        text_style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        needed = 0
        for bar in bars:
            if bar.toolButtonStyle() != text_style:
                bar.setToolButtonStyle(text_style)  # the width the texts need (laid out, not painted)
            bar.layout().invalidate()  # its cached size would still be the other style's
            needed += bar.sizeHint().width()
        fits = width >= max(COMPACT_TOOLBAR_WIDTH, needed)
        for bar in bars:
            bar.setToolButtonStyle(text_style if fits else Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _keep_canvas_room(self) -> None:
        """A short window takes height from the bottom panels, never from the canvas alone: the
        canvas keeps at least :data:`MIN_CANVAS_SHARE` of the window's height."""
        self._canvas_room_pending = False
        total = self.height()
        if self.centralWidget().height() >= MIN_CANVAS_SHARE * total:
            return
        bottom = [dock for dock in self.findChildren(QDockWidget)
                  if dock.isVisible() and not dock.isFloating()
                  and self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea]
        if bottom:
            # the canvas and the bottom panels share this height; give the canvas its part
            shared = self.centralWidget().height() + max(dock.height() for dock in bottom)
            height = max(MIN_BOTTOM_HEIGHT, int(shared - MIN_CANVAS_SHARE * total))
            self.resizeDocks(bottom, [height] * len(bottom), Qt.Orientation.Vertical)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.toLocalFile().endswith(".json") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.toLocalFile().endswith(".json")]
        if paths:
            event.acceptProposedAction()
            self._open_dropped(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not all(guard() for guard in self.close_guards) or not self.files.maybe_save():
            event.ignore()
            return
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.sync()
        self.closing.emit()
        event.accept()

    def restore_layout(self) -> None:
        """Put back the geometry and dock layout saved on the last close. Called on creation,
        and again once extensions have added their panels, so their placement comes back too."""
        geometry = self.settings.value(GEOMETRY_KEY)
        state = self.settings.value(STATE_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty() and self.restoreState(state):
            self._default_sizes_pending = False

    def _apply_default_sizes(self) -> None:
        """First start: narrow side panels and short bottom panels, so the canvas gets the room."""
        self.resizeDocks([self.palette_dock, self.inspector_dock], [DEFAULT_PALETTE_WIDTH, DEFAULT_INSPECTOR_WIDTH],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.summary_dock], [DEFAULT_BOTTOM_HEIGHT], Qt.Orientation.Vertical)


def app_icon() -> QIcon:
    """The application icon from ``dlplayground/qt/icons/`` (empty if the icons are absent)."""
    folder = Path(__file__).resolve().parent / "icons"
    icon = QIcon()
    svg = folder / "dlplayground.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    for png in sorted(folder.glob("dlplayground*.png")):
        icon.addFile(str(png))
    return icon
