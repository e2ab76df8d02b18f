"""``python -m framing.publish``: a model folder and its generated card, ready for the Hub.

    python -m framing.publish RUN_OR_MODEL --repo-id user/name [--private] [--dry-run [DIR]]
    python -m framing.publish --dataset --repo-id user/name [--private] [--dry-run [DIR]]

The folder that would be uploaded holds the model's files (weights, ``framing.json``, label maps,
tokenizer, actor lexicon), ``metrics.json`` and the card as ``README.md``
(:mod:`framing.models.card`); never a pickle. ``--dry-run`` writes that exact folder (to
``DIR``, or a new temporary folder), uploads nothing and prints where it is. Without it, the
folder is uploaded with ``huggingface_hub`` (``create_repo`` then one ``create_commit``).
``--dataset`` publishes the annotated set (its card, guidelines, data files and articles) and
the seed set re-labelled with the corpus as a dataset repository; the framing corpus stays out
(most of its texts may not be redistributed), and so do its configs in the uploaded card.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from framing.models.card import model_card
from framing.models.errors import ModelError
from framing.models.folder import check_folder, checked_file
from framing.models.loading import load_checked, resolve_model

__all__ = ["dataset_files", "prepare_folder", "push_dataset_to_hub", "push_to_hub"]


def prepare_folder(run_or_model: str | Path, repo_id: str, destination: str | Path) -> Path:
    """Write the folder that would be uploaded: the model files, metrics and ``README.md``.

    The files are those that :func:`framing.load` checked (regular files of the model folder, no
    link leaving it, no pickle by name or contents), each written as a copy of its contents
    (never a link); a training run's ``metrics.json`` is checked the same way in the run folder.

    Raises:
        ModelError: the model folder is invalid (pickles, links or files leaving it, version,
            missing, unreadable or broken files).
        FileNotFoundError: no ``metrics.json`` for the card.
        ValueError: ``destination`` exists and is not empty.
    """
    directory, _ = resolve_model(run_or_model)
    load_checked(directory)  # the checks of framing.load: nothing broken or pickled goes out
    # the same checked listing: regular files inside the folder, the top level only
    files = [f for f in check_folder(directory) if "/" not in f.name]
    names = {f.name for f in files}
    metrics = None if "metrics.json" in names else checked_file(directory.parent, "metrics.json")
    card = model_card(run_or_model, repo_id=repo_id)
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise ValueError(f"{destination} is not empty: choose a new folder for the upload")
    destination.mkdir(parents=True, exist_ok=True)
    for file in files:
        shutil.copyfile(file.real, destination / file.name)  # the contents, never a link
    if metrics is not None:
        shutil.copyfile(metrics.resolve(), destination / "metrics.json")
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


DATASET_FILES = (
    "README.md",
    "GUIDELINES.md",
    "data/*.jsonl",
    "data/articles/*.txt",
    "corpus/seed/*.jsonl",
)
# The corpus's texts may mostly not be redistributed: its configs stay in the checkout's card.
LOCAL_ONLY = "corpus/data/"


def hub_card(text: str) -> str:
    """The dataset card as uploaded: the configs whose files are under ``corpus/data/`` (the
    framing corpus, read from a checkout) left out of its metadata, its size category
    recomputed."""
    from huggingface_hub import DatasetCard

    if not text.startswith("---\n"):
        raise ValueError("the dataset card has no YAML metadata block")
    card = DatasetCard(text)
    meta = card.data
    local = {
        c["config_name"]
        for c in meta.get("configs") or []
        if any(f["path"].startswith(LOCAL_ONLY) for f in c["data_files"])
    }
    meta.configs = [c for c in meta.get("configs") or [] if c["config_name"] not in local]
    info = [c for c in meta.get("dataset_info") or [] if c["config_name"] not in local]
    meta.dataset_info = info
    largest = max((s["num_examples"] for c in info for s in c.get("splits", [])), default=0)
    meta.size_categories = [_size_category(largest)]
    return str(card)


def dataset_files(folder: str | Path | None = None) -> list[tuple[Path, str]]:
    """(local file, path in the repository) of the annotated set's dataset repository: the card,
    the guidelines, the data files and the articles (from a checkout's ``training/``).

    Raises:
        FileNotFoundError: no dataset card there (an installed package has only the data).
    """
    folder = (
        Path(folder) if folder is not None else Path(__file__).resolve().parents[2] / "training"
    )
    if not (folder / "README.md").is_file():
        raise FileNotFoundError(
            f"{folder}: no dataset card (README.md): publish the annotated set from a checkout"
        )
    files = []
    for pattern in DATASET_FILES:
        for path in sorted(folder.glob(pattern)):
            files.append((path, path.relative_to(folder).as_posix()))
    return files


def _size_category(rows: int) -> str:
    """The Hub's size category of a dataset whose largest split has ``rows`` rows."""
    for bound, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if rows < bound:
            return name
    return "100K<n<1M"


def _upload_content(path: Path, name: str) -> str | bytes:
    """What is uploaded for a dataset file: the file, or for the card its Hub copy."""
    if name == "README.md":
        return hub_card(path.read_text(encoding="utf-8")).encode("utf-8")
    return str(path)


def push_dataset_to_hub(
    repo_id: str,
    *,
    private: bool = False,
    token: str | None = None,
    commit_message: str = "Upload the framing annotated set",
    folder: str | Path | None = None,
) -> str:
    """Create the dataset repository if needed and upload the annotated set with its card."""
    from huggingface_hub import CommitOperationAdd, HfApi

    operations = [
        CommitOperationAdd(path_in_repo=name, path_or_fileobj=_upload_content(path, name))
        for path, name in dataset_files(folder)
    ]
    api = HfApi(token=token)
    api.create_repo(repo_id, private=private, exist_ok=True, repo_type="dataset")
    info = api.create_commit(
        repo_id=repo_id, operations=operations, commit_message=commit_message, repo_type="dataset"
    )
    return str(getattr(info, "commit_url", info))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framing.publish", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("model", nargs="?", help="a training run or model folder")
    parser.add_argument(
        "--dataset", action="store_true", help="publish the annotated set as a dataset repository"
    )
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
    if (args.model is None) != args.dataset:
        parser.error("give a model folder, or --dataset (not both)")
    try:
        if args.dataset:
            return _publish_dataset(args)
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


def _publish_dataset(args: argparse.Namespace) -> int:
    files = dataset_files()
    if args.dry_run is not None:
        target = Path(args.dry_run or tempfile.mkdtemp(prefix="framing-dataset-")) / "upload"
        if target.exists() and any(target.iterdir()):
            raise ValueError(f"{target} is not empty: choose a new folder for the upload")
        for path, name in files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            content = _upload_content(path, name)
            if isinstance(content, bytes):
                (target / name).write_bytes(content)
            else:
                shutil.copy2(path, target / name)
        print(
            f"dry run: nothing uploaded; the folder for the dataset {args.repo_id} is {target} "
            f"({len(files)} files)"
        )
        return 0
    try:
        url = push_dataset_to_hub(args.repo_id, private=args.private)
    except Exception as err:  # the Hub client's errors: token, network, permissions
        print(f"error: upload to {args.repo_id} failed: {err}", file=sys.stderr)
        return 1
    print(f"uploaded the annotated set to the dataset {args.repo_id}: {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
