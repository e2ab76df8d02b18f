"""Train the Punkt parameters shipped in ``framing/resources/punkt_news.json``.

Punkt learns without labels from running text: abbreviations, collocations and sentence starters.
It is trained on news text that is *not* used to score segmenters: the sentences of NewsMTSC's
training split (MIT licence) and the five seed articles after cleaning. GUM, the segmentation
benchmark, is left out so that Punkt's scores on it are held-out scores.

    python -m training.train_punkt [--shared ../shared] [--output framing/resources/punkt_news.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from framing.text.clean import clean
from framing.text.punkt import save_punkt_parameters


def corpus(shared: Path) -> tuple[str, dict]:
    newsmtsc = shared / "data" / "target-sentiment" / "newsmtsc" / "train.jsonl"
    seeds = sorted((shared / "seeds").glob("*.txt"))
    sentences: dict[str, None] = {}
    with newsmtsc.open(encoding="utf-8") as handle:
        for line in handle:
            sentences.setdefault(json.loads(line)["sentence"].strip(), None)
    parts = [" ".join(sentences)]
    parts += [clean(path.read_text(encoding="utf-8")).text for path in seeds]
    meta = {
        "sources": [
            str(newsmtsc.relative_to(shared)),
            *(str(p.relative_to(shared)) for p in seeds),
        ],
        "newsmtsc_sentences": len(sentences),
    }
    return "\n\n".join(parts), meta


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--output", type=Path, default=Path("framing/resources/punkt_news.json"))
    args = parser.parse_args(argv)

    from nltk.tokenize.punkt import PunktTrainer

    text, meta = corpus(args.shared)
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train(text, finalize=True)
    params = trainer.get_params()
    meta["characters"] = len(text)
    save_punkt_parameters(params, args.output, meta=meta)
    print(
        f"wrote {args.output}: {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters"
    )


if __name__ == "__main__":
    main()
