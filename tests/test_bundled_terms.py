"""What ships in the wheel keeps the terms of the texts it was made from: no bundled model holds a
run of words from a corpus page that may not be redistributed (most of them), even when trained
on it. The fine-tuned default holds weights, the pretrained encoder's word pieces, hashed speaker
features and the actor lexicon; a TF-IDF vocabulary would hold n-grams of the texts, which is why
the bundled tfidf model is not trained on the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "training" / "corpus"
RESOURCES = REPO / "framing" / "resources"
WORDS = 6  # a run of six words: longer than any name or title in the lexicon


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + WORDS]) for i in range(len(words) - WORDS + 1)}


@pytest.fixture(scope="module")
def protected() -> set[tuple[str, ...]]:
    documents = CORPUS / "data" / "documents.jsonl"
    if not documents.is_file():
        pytest.skip("the corpus is in a checkout only")
    runs: set[tuple[str, ...]] = set()
    names: set[tuple[str, ...]] = set()  # article ids and outlet names: names, not their text
    for line in documents.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        names |= _runs(doc["doc_id"].replace("-", " ")) | _runs(doc["outlet"])
        if not doc["redistributable"]:
            runs |= _runs((CORPUS / doc["file"]).read_text(encoding="utf-8"))
    return runs - names


@pytest.mark.parametrize("model", ["model", "tfidf"])
def test_no_bundled_file_holds_text_of_a_protected_page(model: str, protected) -> None:
    folder = RESOURCES / model
    assert (folder / "framing.json").is_file()
    for file in sorted(folder.iterdir()):
        if file.suffix not in (".json", ".yaml", ".md", ".txt") or file.name == "actors.yaml":
            continue  # weights are numbers; the lexicon is names of actors (configs/actors.yaml)
        found = _runs(file.read_text(encoding="utf-8")) & protected
        assert not found, f"{file.name} holds {' '.join(sorted(found)[0])!r} from a corpus page"


def test_the_corpus_is_not_in_the_wheel() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "corpus" not in pyproject.split("[tool.setuptools.package-data]")[1].split("\n[")[0]
