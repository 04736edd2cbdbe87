"""The window side of ONNX: the export dialog and the Inference panel."""
