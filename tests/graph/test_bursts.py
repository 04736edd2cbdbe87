"""The cycle collector is held off during bursts of allocation and always turned back on."""

from __future__ import annotations

import gc

import pytest

from dlplayground.graph.bursts import paused_gc, without_gc
from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.layout import layered_layout


def test_paused_gc_restores_the_collector_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with paused_gc():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_nested_pauses_leave_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            with paused_gc():
                pass
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: the pause does not turn it on
    finally:
        gc.enable()


def test_layout_runs_with_the_collector_paused_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import dlplayground.graph.layout as layout

    seen: list[bool] = []
    adjacency = layout._acyclic_adjacency

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return adjacency(*args, **kwargs)

    monkeypatch.setattr(layout, "_acyclic_adjacency", watched)
    graph = Graph([Node("x", "Input"), Node("a", "ReLU"), Node("y", "Output")], [Edge("x", "a"), Edge("a", "y")])
    positions = layered_layout(graph)
    assert seen == [False]
    assert gc.isenabled()
    assert positions["x"][0] < positions["a"][0] < positions["y"][0]


def test_without_gc_keeps_the_function_name_and_result() -> None:
    @without_gc
    def answer() -> bool:
        return gc.isenabled()

    assert answer() is False and answer.__name__ == "answer" and gc.isenabled()
