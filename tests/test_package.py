from __future__ import annotations

import subprocess
import sys

import framing


def test_import_stays_light() -> None:
    code = (
        "import sys, framing; framing.segment('A b. C d.'); "
        "heavy = [m for m in ('torch', 'transformers', 'datasets', 'sklearn', 'evaluate') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_surface_imports() -> None:
    for name in framing.__all__:
        assert getattr(framing, name) is not None, name
    assert framing.__version__


def test_bench_module_runs_as_a_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "framing.bench", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "segment" in out.stdout
