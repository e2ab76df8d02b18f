"""``framing``: one console script for every command of the package.

    framing analyze ARTICLES...      # python -m framing analyze
    framing train [--config ...]     # python -m framing.train
    framing evaluate ...             # python -m framing.evaluate
    framing publish ...              # python -m framing.publish
    framing export MODEL --output D  # python -m framing.export
    framing compare ANALYSES... --by outlet --output D  # python -m framing.comparison
    framing bench segment|infer|compare ...  # python -m framing.bench

Each subcommand hands the rest of the command line to the module's own ``main``, so options,
messages and exit codes are the same as with ``python -m``.
"""

from __future__ import annotations

import importlib
import sys

__all__ = ["COMMANDS", "main"]

# subcommand -> (the module `python -m` runs, whose main() runs it; one line of help)
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": ("framing.__main__", "analyse articles: JSONL, CSV or HTML out"),
    "train": ("framing.train", "train and evaluate a model from a config"),
    "evaluate": ("framing.evaluate", "score a model on the public benchmarks"),
    "publish": ("framing.publish", "a model or the annotated set to the Hugging Face Hub"),
    "export": ("framing.export", "a fine-tuned model to ONNX, served without torch"),
    "compare": ("framing.comparison.cli", "compare groups of analyses, with intervals"),
    "bench": ("framing.bench.__main__", "benchmarks: segmentation quality, inference speed"),
}


def usage() -> str:
    lines = ["usage: framing COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<9} {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "framing COMMAND --help shows a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"framing: unknown command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    if command == "analyze":  # python -m framing takes the subcommand itself
        rest = ["analyze", *rest]
    try:
        return int(module.main(rest) or 0)
    except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
        code = exit_.code
        return 0 if code is None else code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main())
