"""Findings (审核发现): what a check rule reports, with evidence locations (STYLE §4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.model.location import Location


class Severity(StrEnum):
    """How serious a finding is; `label` is what users see."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def label(self) -> str:
        """The Chinese label: 错误/警告/提示."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        """Sort key: errors first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a rule, with the compared values and every piece of evidence."""

    rule: str  # G14, R03, B01, I02
    severity: Severity
    project: str
    message: str
    name: str = ""  # kebab-case rule name, e.g. grade-mismatch
    values: dict[str, str] = field(default_factory=dict)
    locations: tuple[Location, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: severity as error/warning/info, locations unformatted."""
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "project": self.project,
            "message": self.message,
            "values": dict(self.values),
            "locations": [location.to_dict() for location in self.locations],
        }
