"""Command line: stock commands."""
from __future__ import annotations
