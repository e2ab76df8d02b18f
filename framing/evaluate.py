"""``python -m framing.evaluate``: the entry point only; the code is
:mod:`framing.public.evaluate`.
"""

from __future__ import annotations

import sys

from framing.public.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
