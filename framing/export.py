"""``python -m framing.export``: the entry point only; the code is
:mod:`framing.models.onnx_export`."""

from __future__ import annotations

import sys

from framing.models.onnx_export import main

if __name__ == "__main__":
    sys.exit(main())
