"""Placeholder: this command module registers its commands in `register` once written."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    del app
