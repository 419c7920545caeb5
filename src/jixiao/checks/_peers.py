"""Batch look-ups for the batch rules (G28, B01–B03), built once per batch instead of once per project.

Comparing every project with every other one is O(n²): 10,000 projects make 10⁸ comparisons per rule.
`BatchIndex` groups the batch by unit name, unit code, project code, project name and year, and keeps
the name runs B03 looks for; a rule then looks at the few projects that share a key. `Others` is the
batch without one project, as a view (no copy per project).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, overload

from jixiao.checks._common import squash

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jixiao.checks.context import CheckContext
    from jixiao.model import Project

MIN_NAME = 6  # a shared run shorter than this is not a project name (B03)


class Others(Sequence["Project"]):
    """The projects of a batch except the one at `position`, in batch order, without copying them."""

    __slots__ = ("_position", "_projects")

    def __init__(self, projects: tuple[Project, ...], position: int) -> None:
        """View `projects` without the one at `position`."""
        self._projects = projects
        self._position = position

    def __len__(self) -> int:
        """One fewer than the batch."""
        return len(self._projects) - 1

    @overload
    def __getitem__(self, index: int) -> Project: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Project]: ...

    def __getitem__(self, index: int | slice) -> Project | Sequence[Project]:
        """The index-th other project (or a tuple for a slice)."""
        if isinstance(index, slice):
            return tuple(self)[index]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(index)
        return self._projects[index + 1 if index >= self._position else index]

    def __iter__(self) -> Iterator[Project]:
        """The other projects in batch order."""
        before = islice(self._projects, self._position)
        return chain(before, islice(self._projects, self._position + 1, None))


def _group(keys: Iterable[str | None]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        if key:
            found.setdefault(key, []).append(position)
    return {key: tuple(positions) for key, positions in found.items()}


@dataclass(frozen=True, slots=True)
class BatchIndex:
    """The batch's projects grouped by the keys the batch rules compare; positions in batch order."""

    projects: tuple[Project, ...]
    by_unit: dict[str, tuple[int, ...]]  # squashed unit name → positions
    by_unit_code: dict[str, tuple[int, ...]]  # unit code → positions
    by_code: dict[str, tuple[int, ...]]  # project code → positions
    by_name: dict[str, tuple[int, ...]]  # squashed project name → positions
    by_name_without_code: dict[str, tuple[int, ...]]  # the same, projects without a code only
    years: Counter[int]  # budget years, in order of first appearance
    name_runs: dict[str, frozenset[tuple[str, str]]]  # MIN_NAME-character run → (title, squashed name)

    @classmethod
    def of(cls, projects: tuple[Project, ...]) -> BatchIndex:
        """Index a batch (one pass over the projects)."""
        names = [squash(p.name.value) for p in projects]
        uncoded = [
            name if not project.code.value else None for project, name in zip(projects, names, strict=True)
        ]
        runs: dict[str, set[tuple[str, str]]] = {}
        for project, name in zip(projects, names, strict=True):
            for start in range(len(name) - MIN_NAME + 1):
                runs.setdefault(name[start : start + MIN_NAME], set()).add((project.title, name))
        return cls(
            projects=projects,
            by_unit=_group(squash(p.unit.value) for p in projects),
            by_unit_code=_group(p.unit_code.value for p in projects),
            by_code=_group(p.code.value for p in projects),
            by_name=_group(names),
            by_name_without_code=_group(uncoded),
            years=Counter(p.year.value for p in projects if p.year.value is not None),
            name_runs={run: frozenset(found) for run, found in runs.items()},
        )

    def others(self, positions: Iterable[int], position: int) -> Iterator[Project]:
        """The projects at `positions` except the one at `position` (the project being checked)."""
        return (self.projects[at] for at in positions if at != position)


@dataclass(frozen=True, slots=True)
class Peers:
    """A batch index and the checked project's position in it (-1: the project is not in it)."""

    index: BatchIndex
    position: int = -1


_last: list[tuple[Sequence[Project], BatchIndex]] = []  # one entry: the batch of the project being checked


def peers(ctx: CheckContext) -> Peers:
    """The batch index of a check: the one `check_projects` built, else one built from `ctx.batch`.

    The fallback is remembered for the batch object last seen, so the batch rules of one
    `check_project` call share it.
    """
    if ctx.peers is not None:
        return ctx.peers
    batch = ctx.batch
    last = _last[0] if _last else None
    if last is not None and last[0] is batch:
        return Peers(last[1])
    index = BatchIndex.of(tuple(batch))
    if isinstance(batch, tuple):  # immutable: safe to remember by identity
        _last[:] = [(batch, index)]
    return Peers(index)
