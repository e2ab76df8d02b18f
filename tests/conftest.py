"""Shared fixtures of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

# The repository's sibling folder ``../shared`` (not part of the repository) holds the data.
SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


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
