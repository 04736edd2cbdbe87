"""Code generation: a project written out as a standalone PyTorch training script."""
