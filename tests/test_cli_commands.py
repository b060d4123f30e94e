"""A command given first loads only its own module: `check` in every pull request does not wait
for the import, export and site code."""

from __future__ import annotations

import importlib
import subprocess
import sys

from samverkan.cli import COMMANDS, SUBCOMMANDS, build_parser
from samverkan.cli.common import Parser


def registered(module: str) -> set[str]:
    parser = Parser(prog="samverkan")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    importlib.import_module(f"samverkan.cli.{module}").register(commands)
    return set(commands.choices)


def test_every_command_is_listed_with_the_module_that_registers_it():
    assert COMMANDS == {command: module for module in SUBCOMMANDS for command in registered(module)}
    assert set(build_parser()._subparsers._group_actions[0].choices) == set(COMMANDS)  # type: ignore[union-attr]


def test_check_loads_neither_the_transfer_nor_the_site_code():
    code = "import sys; from samverkan.cli import build_parser; build_parser('check'); print(sorted(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "samverkan.cli.check" in loaded
    assert not any(name in loaded for name in ("samverkan.transfer", "samverkan.site", "samverkan.authoring", "'markdown'"))
