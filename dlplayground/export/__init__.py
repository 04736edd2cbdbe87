"""ONNX export, verification, inference and latency benchmark (torch + onnx + onnxruntime, no Qt).

- :mod:`~dlplayground.export.pipeline`: export a project end to end and verify it.
- :mod:`~dlplayground.export.exporter`: the graph module to ONNX, raw inputs, free batch axis.
- :mod:`~dlplayground.export.verify`: the ONNX checker and onnxruntime-vs-PyTorch parity.
- :mod:`~dlplayground.export.inference`: run any one-input ONNX model, class probabilities.
- :mod:`~dlplayground.export.runtime`: the one place onnxruntime sessions are created.
- :mod:`~dlplayground.export.bench`, :mod:`~dlplayground.export.subjects`: latency, ORT vs eager.
- :mod:`~dlplayground.export.metadata`: what a model says about itself.

Import the submodules directly; this package imports nothing heavy by itself.
"""
