"""``python -m framing.bench segment|infer``."""

from __future__ import annotations

import sys

from framing.bench.segment import main

if __name__ == "__main__":
    sys.exit(main())
