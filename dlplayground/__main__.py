"""``python -m dlplayground``: the same as the ``dlplayground`` command."""

import sys

from dlplayground.cli import main

sys.exit(main())
