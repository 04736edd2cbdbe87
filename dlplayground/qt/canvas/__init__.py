"""The graph canvas: node and edge items, the scene that mirrors the document, the view."""
