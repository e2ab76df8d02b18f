"""``python -m framing.publish``: a model folder and its generated card, ready for the Hub.

    python -m framing.publish RUN_OR_MODEL --repo-id user/name [--private] [--dry-run [DIR]]

The folder that would be uploaded holds the model's files (weights, ``framing.json``, label maps,
tokenizer, actor lexicon), ``metrics.json`` and the card as ``README.md``
(:mod:`framing.card`); never a pickle. ``--dry-run`` writes that exact folder (to ``DIR``, or a
new temporary folder), uploads nothing and prints where it is. Without it, the folder is
uploaded with ``huggingface_hub`` (``create_repo`` then ``upload_folder``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from .analyzer import PICKLE_SUFFIXES, ModelError, load_checked, resolve_model
from .card import model_card

__all__ = ["prepare_folder", "push_to_hub"]


def prepare_folder(run_or_model: str | Path, repo_id: str, destination: str | Path) -> Path:
    """Write the folder that would be uploaded: the model files, metrics and ``README.md``.

    Raises:
        ModelError: the model folder is invalid (pickles, version, missing files).
        FileNotFoundError: no ``metrics.json`` for the card.
        ValueError: ``destination`` exists and is not empty.
    """
    directory, _ = resolve_model(run_or_model)
    load_checked(directory)  # the checks of framing.load: nothing broken or pickled goes out
    card = model_card(run_or_model, repo_id=repo_id)
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise ValueError(f"{destination} is not empty: choose a new folder for the upload")
    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix.lower() not in PICKLE_SUFFIXES:
            shutil.copy2(path, destination / path.name)
    metrics = directory / "metrics.json"
    if not metrics.is_file():
        shutil.copy2(directory.parent / "metrics.json", destination / "metrics.json")
    (destination / "README.md").write_text(card, encoding="utf-8")
    return destination


def push_to_hub(
    run_or_model: str | Path,
    repo_id: str,
    *,
    private: bool = False,
    token: str | None = None,
    commit_message: str = "Upload framing model",
) -> str:
    """Create the repository if needed and upload the prepared folder; the commit URL."""
    from huggingface_hub import CommitOperationAdd, HfApi

    with tempfile.TemporaryDirectory() as scratch:
        folder = prepare_folder(run_or_model, repo_id, Path(scratch) / "upload")
        api = HfApi(token=token)
        api.create_repo(repo_id, private=private, exist_ok=True, repo_type="model")
        operations = [
            CommitOperationAdd(path_in_repo=path.name, path_or_fileobj=str(path))
            for path in sorted(folder.iterdir())
        ]
        info = api.create_commit(
            repo_id=repo_id,
            operations=operations,
            commit_message=commit_message,
            repo_type="model",
        )
    return str(getattr(info, "commit_url", info))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.publish", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("model", help="a training run or model folder")
    parser.add_argument("--repo-id", required=True, help="user/name on the Hub")
    parser.add_argument("--private", action="store_true")
    parser.add_argument(
        "--dry-run",
        nargs="?",
        const="",
        metavar="DIR",
        help="write the folder that would be uploaded (to DIR) and stop",
    )
    args = parser.parse_args(argv)
    try:
        if args.dry_run is not None:
            target = Path(args.dry_run or tempfile.mkdtemp(prefix="framing-upload-")) / "upload"
            folder = prepare_folder(args.model, args.repo_id, target)
            files = ", ".join(sorted(p.name for p in folder.iterdir()))
            print(f"dry run: nothing uploaded; the folder for {args.repo_id} is {folder} ({files})")
            return 0
        url = push_to_hub(args.model, args.repo_id, private=args.private)
    except (ModelError, FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the Hub client's errors: token, network, permissions
        print(f"error: upload to {args.repo_id} failed: {err}", file=sys.stderr)
        return 1
    print(f"uploaded {args.model} to {args.repo_id}: {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
