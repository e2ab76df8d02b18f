"""``python -m framing.comparison``: ``framing compare`` (see :mod:`framing.comparison.cli`)."""

from __future__ import annotations

import sys

from framing.comparison.cli import main

if __name__ == "__main__":
    sys.exit(main())
