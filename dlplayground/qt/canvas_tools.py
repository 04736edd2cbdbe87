"""Tools for large graphs in the main window: quick add, find a node, the minimap, and groups.

:func:`install_canvas_tools` adds the actions to the window's menus (each with a shortcut and
a tooltip) and keeps the tools as ``window.canvas_tools``:

- Edit › Quick Add Layer… (Tab on the canvas, Shift+A): type a layer's name, Enter places it at
  the pointer.
- Edit › Find Node… (Ctrl+F): type part of an id, Enter selects the node and centres it
  (expanding its group if that is collapsed).
- View › Minimap (Ctrl+M): the overview in the canvas's corner.
- Edit › Group Selection (Ctrl+G), Ungroup (Ctrl+Shift+G), Collapse/Expand Group (Ctrl+Shift+E),
  Group Blocks (Ctrl+Shift+B: every residual block, inception module and dense block, collapsed);
  View › Collapse All Groups, Expand All Groups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.qt.canvas.filter_popup import FilterPopup
from dlplayground.qt.canvas.group_item import GroupBlock
from dlplayground.qt.canvas.minimap import Minimap

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow

#: window setting: whether the minimap is shown
MINIMAP_KEY = "canvas/minimap"


class CanvasTools(QObject):
    """The window's quick add and find popups, minimap and group actions."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.quick_add_popup = FilterPopup(self.tr("Add layer"), self.tr("Type a layer name, e.g. conv"), window)
        self.quick_add_popup.setObjectName("quick_add_popup")
        self.quick_add_popup.chosen.connect(self._add_chosen)
        self.find_popup = FilterPopup(self.tr("Find node"), self.tr("Type part of a node id"), window)
        self.find_popup.setObjectName("find_popup")
        self.find_popup.chosen.connect(self.find_node)
        self._add_at = QPointF()
        self.minimap = Minimap(window.view)
        self._create_actions()
        window.view.quick_add_requested.connect(self.quick_add)
        visible = str(window.settings.value(MINIMAP_KEY, "true")).lower() == "true"
        self.actions["minimap"].setChecked(visible)
        self.minimap.setVisible(visible)

    def _create_actions(self) -> None:
        w = self.window
        self.actions: dict[str, QAction] = {}

        def action(key: str, text: str, slot, shortcut: str | None, tip: str, menu: str) -> QAction:
            made = QAction(text, w)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            made.triggered.connect(lambda _checked=False: slot())
            w.add_action(menu, made)
            w.addAction(made)  # the shortcut works with the menu bar hidden
            w.actions[key] = self.actions[key] = made
            return made

        edit, view = "Edit", "View"
        w.menu(edit).addSeparator()
        action("quick_add", self.tr("&Quick Add Layer…"), self.quick_add, "Shift+A",
               self.tr("Type a layer name to add it at the pointer (Tab on the canvas too)"), edit)
        action("find_node", self.tr("&Find Node…"), self.open_find, "Ctrl+F", self.tr("Type part of a node id to select and show it"), edit)
        w.menu(edit).addSeparator()
        action("group", self.tr("&Group Selection"), self.group_selection, "Ctrl+G",
               self.tr("Make the selected nodes a group that can collapse into one block"), edit)
        action("ungroup", self.tr("U&ngroup"), self.ungroup_selection, "Ctrl+Shift+G", self.tr("Dissolve the selected groups"), edit)
        action("toggle_group", self.tr("Collapse/&Expand Group"), self.toggle_selection, "Ctrl+Shift+E",
               self.tr("Collapse the selected nodes' groups into blocks, or expand the selected blocks"), edit)
        action("group_blocks", self.tr("Group &Blocks"), self.group_blocks, "Ctrl+Shift+B",
               self.tr("Find every residual block, inception module and dense block; group and collapse each"), edit)
        w.menu(view).addSeparator()
        action("collapse_all", self.tr("&Collapse All Groups"), lambda: w.editor.groups.set_all_collapsed(True), None,
               self.tr("Show every group as one block"), view)
        action("expand_all", self.tr("E&xpand All Groups"), lambda: w.editor.groups.set_all_collapsed(False), None,
               self.tr("Show the layers of every group"), view)
        minimap = action("minimap", self.tr("&Minimap"), lambda: None, "Ctrl+M",
                         self.tr("Show an overview of the whole graph in the canvas's corner"), view)
        minimap.setCheckable(True)
        minimap.toggled.connect(self.set_minimap_visible)

    # -- minimap ---------------------------------------------------------------------
    def set_minimap_visible(self, visible: bool) -> None:
        self.minimap.setVisible(visible)
        self.window.settings.setValue(MINIMAP_KEY, "true" if visible else "false")

    # -- quick add -------------------------------------------------------------------
    def quick_add(self) -> None:
        """Open the layer list; the chosen layer goes where the pointer is now."""
        view = self.window.view
        self._add_at = view.pointer_scene_pos()
        entries = [(name, f"{name}  —  {spec.category}") for name, spec in sorted(CATALOGUE.items())]
        self.quick_add_popup.open_at(entries, view.viewport().mapToGlobal(view.mapFromScene(self._add_at)))

    def _add_chosen(self, type_name: str) -> None:
        node_id = self.window.editor.add_node(type_name, (round(self._add_at.x()), round(self._add_at.y())))
        if node_id:
            self.window.scene.select_nodes([node_id])
            self.window.view.setFocus()

    # -- find ------------------------------------------------------------------------
    def open_find(self) -> None:
        entries = [(node.id, f"{node.id}  —  {node.type}") for node in self.window.session.graph.nodes]
        view = self.window.view
        self.find_popup.open_at(entries, view.viewport().mapToGlobal(view.viewport().rect().topLeft()))

    def find_node(self, node_id: str) -> bool:
        """Select ``node_id`` and centre the view on it, expanding its group if collapsed."""
        w = self.window
        if not w.session.graph.has_node(node_id):
            return False
        group = w.editor.groups.group_of(node_id)
        if group is not None and group.collapsed:
            w.editor.groups.set_collapsed([group.id], False)
        w.focus_node(node_id)
        w.view.setFocus()
        return True

    # -- groups ----------------------------------------------------------------------
    def _selected_groups(self) -> list[str]:
        scene = self.window.scene
        ids = [i.group_id for i in scene.selectedItems() if isinstance(i, GroupBlock)]
        for node_id in scene.selected_node_ids():
            group = scene.group_id_of(node_id)
            if group is not None:
                ids.append(group)
        return list(dict.fromkeys(ids))

    def group_selection(self, label: str | None = None) -> str | None:
        selected = self.window.scene.selected_node_ids()
        if len(selected) < 2:
            self.window.show_message(self.tr("Select at least two nodes to group"))
            return None
        if label is None:
            label, ok = QInputDialog.getText(self.window, self.tr("Group"), self.tr("Label of the group:"),
                                            text=self.tr("Block"))
            if not ok:
                return None
        return self.window.editor.groups.create(selected, label)

    def ungroup_selection(self) -> bool:
        return self.window.editor.groups.ungroup(self._selected_groups())

    def toggle_selection(self) -> bool:
        """Expand the selected blocks; otherwise collapse the selected nodes' groups."""
        scene = self.window.scene
        blocks = [i.group_id for i in scene.selectedItems() if isinstance(i, GroupBlock)]
        if blocks:
            return self.window.editor.groups.set_collapsed(blocks, False)
        return self.window.editor.groups.set_collapsed(self._selected_groups(), True)

    def group_blocks(self) -> int:
        count = self.window.editor.groups.group_blocks(collapsed=True)
        if count:
            self.window.show_message(self.tr("Grouped {count} blocks; double-click one to expand it, "
                                             "View › Expand All Groups to show every layer").format(count=count))
        return count


def install_canvas_tools(window: "MainWindow") -> CanvasTools:
    """Add quick add, find, the minimap and the group actions to ``window``."""
    tools = CanvasTools(window)
    window.canvas_tools = tools  # type: ignore[attr-defined]
    return tools
