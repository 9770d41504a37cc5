"""Running the command line in tests: ``run`` as given, ``run_as`` signed in as a person."""
from __future__ import annotations

from click.testing import CliRunner

from isolation_desk.cli import main

# The account the command line acts as in tests.
DEMO_USER = "system"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def run_as(*args, user: str = DEMO_USER, password: str | None = None):
    return run(*args)
