"""Accept a scheme object or its id wherever scoring takes a scheme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.schemes.loader import load_scheme

if TYPE_CHECKING:
    from jixiao.schemes.model import Scheme


def resolve(scheme: Scheme | str) -> Scheme:
    """Return the scheme itself, or load the shipped scheme with this id."""
    return load_scheme(scheme) if isinstance(scheme, str) else scheme
