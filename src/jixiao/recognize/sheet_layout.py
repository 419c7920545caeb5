"""The 计分表 layout read from its scheme: group and item labels with their ids.

Labels come from `common-2013-ziyang-2022` (printed character for character, STYLE §2), so the
recognizer and the scorer share one table. A label may repeat (管理制度健全性 under 业务管理 and under
财务管理): an item is identified by its label together with its second-level group.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jixiao.recognize.text import label_key
from jixiao.schemes import load_scheme

SCHEME = "common-2013-ziyang-2022"


@dataclass(frozen=True, slots=True)
class ItemLabel:
    """A third-level item: label key, scheme id and the id of its second-level group."""

    key: str
    id: str
    group: str


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Group label keys → ids (first and second level) and the items in printed order."""

    level1: tuple[tuple[str, str], ...]
    level2: tuple[tuple[str, str], ...]
    items: tuple[ItemLabel, ...]

    def group_id(self, key: str, level: int) -> str | None:
        """Return the id of the group whose label starts `key` ("投入（25分）" → input)."""
        groups = self.level1 if level == 1 else self.level2
        return next((group_id for label, group_id in groups if key.startswith(label)), None)

    def item_id(self, key: str, group: str | None, taken: set[str]) -> str | None:
        """Return the first free item whose label is in `key`, preferring the current group's."""
        free = [item for item in self.items if item.key in key and item.id not in taken]
        same_group = [item for item in free if item.group == group]
        chosen = same_group or free
        return chosen[0].id if chosen else None


@cache
def sheet_layout(scheme_id: str = SCHEME) -> SheetLayout:
    """Build the layout from the scheme's groups (cached: schemes are immutable)."""
    scheme = load_scheme(scheme_id)
    level1: list[tuple[str, str]] = []
    level2: list[tuple[str, str]] = []
    items: list[ItemLabel] = []
    for top in scheme.groups:
        level1.append((label_key(top.label), top.id))
        for group in top.groups:
            level2.append((label_key(group.label), group.id))
            items.extend(ItemLabel(label_key(item.label), item.id, group.id) for item in group.items)
    return SheetLayout(tuple(level1), tuple(level2), tuple(items))
