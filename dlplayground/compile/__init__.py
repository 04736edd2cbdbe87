"""Shape inference, the graph-to-torch model builder and the summary table (torch, no Qt)."""

from dlplayground.compile.infer import Inference, infer
from dlplayground.compile.summary import format_summary, summary_rows

__all__ = ["Inference", "infer", "format_summary", "summary_rows", "build_model", "GraphModule"]


def __getattr__(name: str):
    # the builder imports torch; shape inference alone does not need it at import time
    if name in ("build_model", "GraphModule"):
        from dlplayground.compile import module

        return getattr(module, name)
    raise AttributeError(name)
