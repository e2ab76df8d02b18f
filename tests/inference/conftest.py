"""Fixtures of the inference tests: one tiny model folder, trained once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

# small vocabularies and two calibration folds: the code paths of the default, far faster
QUICK = {"word_ngrams": (1, 1), "char_ngrams": (3, 3), "max_features": 1000, "calibration_folds": 2}


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small TF-IDF model trained on the annotated set and saved with the bundled lexicon as
    its ``actors.yaml``. Shared: tests that change a folder take :func:`model_copy`."""
    from framing.actors import ActorLexicon
    from framing.data.annotated import load_examples
    from framing.models.tfidf import TfidfModel

    directory = tmp_path_factory.mktemp("inference") / "model"
    TfidfModel(**QUICK).fit(load_examples()).save_pretrained(directory)
    lexicon = ActorLexicon.load().to_dict()
    (directory / "actors.yaml").write_text(yaml.safe_dump(lexicon), encoding="utf-8")
    return directory


@pytest.fixture
def model_copy(model_dir: Path, tmp_path: Path) -> Path:
    """A copy of the session's model folder, for a test to change."""
    return Path(shutil.copytree(model_dir, tmp_path / "model"))
