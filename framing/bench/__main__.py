"""``python -m framing.bench segment|infer`` (see :mod:`framing.bench.cli`)."""

from __future__ import annotations

import sys

from framing.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
