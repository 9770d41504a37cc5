"""Command line: admin commands."""
from __future__ import annotations
