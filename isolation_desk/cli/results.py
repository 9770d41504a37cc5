"""Command line: ``isolation-desk import results FILE``.

The ``import`` group lives here and is shared: cli/arrivals.py adds ``arrivals`` to it with
``from .results import import_group``.
"""
from __future__ import annotations

import click

from . import main


@main.group("import")
def import_group():
    """Import spreadsheets (lab results, arrivals lists)."""
