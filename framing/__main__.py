"""``python -m framing``: the command line (see :mod:`framing.inference.cli`)."""

from __future__ import annotations

import sys

from framing.inference.cli import main

if __name__ == "__main__":
    sys.exit(main())
