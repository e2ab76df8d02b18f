"""The ``framing`` console script: one entry point, the modules' own commands behind it."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from framing import console


def test_the_console_script_is_declared_and_installed() -> None:
    scripts = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert scripts.get("framing") == "framing.console:main"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert console.main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("analyze", "train", "evaluate", "publish", "bench"):
        assert f"\n  {name} " in out
    assert console.main([]) == 2


def test_an_unknown_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert console.main(["tarin"]) == 2
    assert "unknown command 'tarin'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["train", "evaluate", "publish", "bench", "analyze"])
def test_each_command_reaches_its_module(command: str, capsys) -> None:
    assert console.main([command, "--help"]) == 0
    module = console.COMMANDS[command][0]
    prog = f"python -m {module.removesuffix('.__main__')}"
    assert prog in capsys.readouterr().out


@pytest.mark.slow
def test_analyze_gives_what_python_m_framing_gives(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Tehran welcomed the pact. Washington criticised it.", encoding="utf-8")
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, *how, "analyze", str(article), "--quiet"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        for how in (["-m", "framing.console"], ["-m", "framing"])
    ]
    assert runs[0].stdout == runs[1].stdout
    record = json.loads(runs[0].stdout)
    assert record["sentences"][0]["text"] == "Tehran welcomed the pact."
