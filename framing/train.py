"""``python -m framing.train``: the entry point only; the code is :mod:`framing.training.train`."""

from __future__ import annotations

import sys

from framing.training.train import main

if __name__ == "__main__":
    sys.exit(main())
