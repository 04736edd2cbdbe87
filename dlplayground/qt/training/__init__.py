"""Everything Qt for training: the worker thread, its controller, the live views and their panels."""
