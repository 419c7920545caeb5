"""`Stated[T]`: a value as a document states it, with its raw text and location (STYLE §4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, field_serializer, field_validator, model_validator

from jixiao.model.location import Location

T = TypeVar("T")


class Stated(BaseModel, Generic[T]):
    """What a document (or a user) says: the interpreted `value`, the `raw` text and where it stood.

    A scalar is accepted where a Stated is expected (`"weight": 10`), so hand-written JSON stays short.
    `value` is None when the cell was blank or could not be interpreted; `raw` keeps what was written.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    value: T | None = None
    raw: str = ""
    location: Location | None = None

    @model_validator(mode="before")
    @classmethod
    def _accept_scalar(cls, data: object) -> object:
        if isinstance(data, dict | Stated):  # a Money value is a scalar here, not a Stated
            return data
        if data is None:
            return {"value": None, "raw": ""}
        return {"value": data, "raw": _raw_text(data)}

    @field_validator("location", mode="before")
    @classmethod
    def _location_from_dict(cls, value: object) -> object:
        if isinstance(value, dict):
            return Location(**value)
        return value

    @field_serializer("location")
    def _location_to_dict(self, location: Location | None) -> dict[str, Any] | None:
        return None if location is None else location.to_dict()

    @property
    def is_blank(self) -> bool:
        """True when nothing was written."""
        return self.value is None and not self.raw.strip()


def _raw_text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, BaseModel):
        return str(value)
    return str(value)
