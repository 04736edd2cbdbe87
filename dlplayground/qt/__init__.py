"""The desktop window (PySide6): editor, panels, dialogs. The only package that imports Qt."""
