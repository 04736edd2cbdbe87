"""Session settings: no spinning, explicit threads, full graph optimisation."""

import onnxruntime as ort
import pytest

from dlplayground.export.runtime import create_session, default_threads, physical_cores, session_options


def test_session_options_turn_spinning_off_and_set_threads():
    options = session_options(threads=3)
    assert options.intra_op_num_threads == 3 and options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert options.get_session_config_entry("session.inter_op.allow_spinning") == "0"
    assert options.graph_optimization_level == ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    assert session_options().intra_op_num_threads == default_threads() == physical_cores() >= 1
    with pytest.raises(ValueError, match="at least 1"):
        session_options(threads=0)


def test_create_session_names_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.onnx"):
        create_session(tmp_path / "nope.onnx")
