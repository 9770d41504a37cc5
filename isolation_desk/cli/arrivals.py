"""Command line: arrivals commands."""
from __future__ import annotations
