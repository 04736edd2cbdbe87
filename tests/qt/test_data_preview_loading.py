"""The data preview loads its dataset off the GUI thread, says so while that takes long, and never
shows a load that a later change of the data has made stale."""

from __future__ import annotations

import threading

import pytest

from dlplayground.data import registry
from dlplayground.qt import data_preview
from tests.qt.conftest import open_example


@pytest.fixture
def generation(monkeypatch):
    """Records the thread each dataset is generated on; ``hold`` keeps generation waiting."""

    class Generation:
        threads: list[threading.Thread] = []
        hold = threading.Event()
        entered = threading.Event()

    Generation.hold.set()
    real = registry._raw

    def raw(spec, opts, seed, base):
        Generation.threads.append(threading.current_thread())
        Generation.entered.set()
        assert Generation.hold.wait(10), "the test never let the load go on"
        return real(spec, opts, seed, base)

    monkeypatch.setattr(registry, "_raw", raw)
    monkeypatch.setattr(registry, "_CACHE", {})  # every load generates
    yield Generation
    Generation.hold.set()


def test_the_dataset_is_generated_off_the_gui_thread(qtbot, window, generation):
    open_example(window, "spiral_mlp.dlp.json")
    window.settings_dock.raise_()
    preview = window.settings_panel.preview
    qtbot.waitUntil(lambda: preview.dataset is not None and preview.points() is not None, timeout=5000)
    assert generation.threads and threading.main_thread() not in generation.threads
    assert preview.plot.isVisible() and "1,500 samples" in preview.counts.text()


def test_a_slow_load_shows_loading_and_a_stale_one_is_never_shown(qtbot, window, generation, monkeypatch):
    open_example(window, "spiral_mlp.dlp.json")
    window.settings_dock.raise_()
    preview = window.settings_panel.preview
    qtbot.waitUntil(lambda: preview.dataset is not None, timeout=5000)
    shown = []
    real_show = data_preview.DataPreview._show_contents
    monkeypatch.setattr(data_preview.DataPreview, "_show_contents",
                        lambda self, contents, real=False: shown.append(contents.data["name"])
                        or real_show(self, contents, real))
    generation.hold.clear()
    generation.entered.clear()
    window.editor.set_settings("data", {"name": "moons", "params": {"samples": 300}})
    qtbot.waitUntil(generation.entered.is_set, timeout=5000)  # moons is being generated, held there
    # the window goes on meanwhile, and after a moment says that the data is loading
    qtbot.waitUntil(lambda: preview.loading_label.isVisible(), timeout=3000)
    assert preview.loading and preview.dataset is None and not preview.counts.isVisible()
    window.editor.set_settings("data", {"name": "circle", "params": {"samples": 200}})  # changed again
    qtbot.wait(200)  # the edit has reached the preview, whose load of moons is still held
    assert preview.loading and shown == []
    generation.hold.set()
    qtbot.waitUntil(lambda: preview.dataset is not None, timeout=5000)
    assert shown == ["circle"] and preview.dataset.name == "circle"  # moons was dropped unseen
    assert not preview.loading_label.isVisible() and not preview.loading
    assert "200 samples" in preview.counts.text()
