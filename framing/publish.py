"""``python -m framing.publish``: the entry point only; the code is :mod:`framing.hub.publish`."""

from __future__ import annotations

import sys

from framing.hub.publish import main

if __name__ == "__main__":
    sys.exit(main())
