"""Command line: results commands."""
from __future__ import annotations
