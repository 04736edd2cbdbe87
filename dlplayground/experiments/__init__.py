"""Experiments built on the engine: the plain-vs-residual presets and the degradation study (no Qt)."""
