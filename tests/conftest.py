"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from extras import TINY_RUN

# One BLAS thread. The tests' matrices are tiny, and OpenBLAS threads waiting for a core of a busy
# 2-core machine made the session's tiny training run 10-20 times slower (137 s against 7 s).
# Set before numpy loads, since each OpenBLAS reads it once; an explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The repository's sibling folder ``../shared`` (not part of the repository) holds the data.
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


# Headless Chromium renders the HTML reports (Debian package chromium).
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="session")
def browser() -> str:
    """A headless Chromium; the test is skipped without one, or fails when CI requires it
    (``FRAMING_REQUIRE_BROWSER=1``)."""
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    if os.environ.get("FRAMING_REQUIRE_BROWSER") == "1":
        pytest.fail("FRAMING_REQUIRE_BROWSER=1 but no Chromium is installed (apt install chromium)")
    pytest.skip("no headless Chromium installed (apt install chromium)")


# -- shared data ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; the test is skipped when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data folder not found: {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seeds(shared_dir: Path) -> dict[str, str]:
    """The real scraped articles of ``shared/seeds``: file name -> raw text, in name order."""
    folder = shared_dir / "seeds"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        pytest.skip(f"no seed articles in {folder}")
    return {path.name: path.read_text(encoding="utf-8") for path in files}


# -- one tiny training run for the whole session -------------------------------------------------


@pytest.fixture(scope="session")
def tiny_run_args() -> list[str]:
    """The overrides of the session's tiny run (a test that reruns it gives the same ones)."""
    return list(TINY_RUN)


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory: pytest.TempPathFactory, tiny_run_args: list[str]) -> Path:
    """A finished ``python -m framing.train`` run of a small tfidf model on the bundled set,
    built once per session and shared by every test that reads it (training, model card and
    publishing): a test that changes a run works on a copy (``shutil.copytree``)."""
    from framing.training import train

    out = tmp_path_factory.mktemp("tiny") / "run"
    assert train.main(["--output-dir", str(out), *tiny_run_args]) == 0
    return out
