"""Command line: printing commands."""
from __future__ import annotations
