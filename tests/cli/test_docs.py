"""Every command documented (sqlite-utils' tests/test_docs.py pattern): each command and
option has --help text, and each command has a row in README's command table."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from isolation_desk.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        path = prefix + (name,)
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


COMMANDS = list(_commands(main))
LEAVES = [(path, c) for path, c in COMMANDS if not isinstance(c, click.Group)]


def _table_rows() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[1].strip() for line in section.splitlines()
            if line.startswith("| `isolation-desk")]


def test_the_table_is_found():
    assert len(_table_rows()) >= len(LEAVES) > 20


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_and_option_has_help(path, command):
    assert (command.help or "").strip(), f"isolation-desk {' '.join(path)} has no --help text"
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert (param.help or "").strip(), f"isolation-desk {' '.join(path)} {param.opts[0]} has no help"


@pytest.mark.parametrize("path,command", LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_has_a_row_in_the_readme(path, command):
    wanted = re.compile(r"^`isolation-desk " + re.escape(" ".join(path)) + r"[ `]")
    assert any(wanted.match(row) for row in _table_rows()), \
        f"README.md's command table has no row for `isolation-desk {' '.join(path)}`"


def test_a_command_without_help_or_row_fails_the_check(monkeypatch):
    """The check itself: a new undocumented command is caught."""
    @click.command("undocumented")
    def undocumented():
        pass
    monkeypatch.setitem(main.commands, "undocumented", undocumented)
    assert (("undocumented",), undocumented) in list(_commands(main))
    with pytest.raises(AssertionError):
        test_every_command_and_option_has_help(("undocumented",), undocumented)
    with pytest.raises(AssertionError):
        test_every_command_has_a_row_in_the_readme(("undocumented",), undocumented)
