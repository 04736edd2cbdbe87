"""The window's run plumbing, shared by training, comparisons and the ONNX views.

- :mod:`.mailbox`: the progress mailbox between a training thread and the GUI (at most one
  notice pending, updates coalesced, nothing lost);
- :mod:`.bridge`: trainer events -> rows of :class:`~dlplayground.qt.training.payloads.Progress`
  in a mailbox, and the notice signal;
- :mod:`.threads`: the one owner of worker threads (create, move, start, quit, wait, and
  shutdown at exit);
- :mod:`.records`: the session's model of run records, which the views import.
"""
