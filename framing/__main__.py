"""``python -m framing``: the command line (see :mod:`framing.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
