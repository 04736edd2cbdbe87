"""Entry script of the frozen app: behaves exactly like the ``dlplayground`` command.

With no arguments or a project path it opens the window; with a subcommand (``summary``,
``train``, ``export``, ...) it runs headless. PyInstaller builds the bundle's executable from
this file (see ``dlplayground.spec``).
"""

from __future__ import annotations

import multiprocessing
import sys

from dlplayground.cli import main

if __name__ == "__main__":
    # A frozen executable re-runs itself for any spawned worker process (e.g. DataLoader workers
    # under the "spawn" start method); this makes such a child run the worker, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
