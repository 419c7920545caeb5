"""Several forms stacked on one sheet (an export of "all forms" into one worksheet) are found apart."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import Merge, Table
from jixiao.recognize import recognize_document
from jixiao.recognize.segments import is_title_row, split_stacked

if TYPE_CHECKING:
    from pathlib import Path

    from jixiao.model import Project


def _stack(tables: list[Table], titles: list[str | None]) -> Table:
    """One sheet holding `tables` one below the other, each under its title row (None: no title)."""
    width = max(t.n_cols for t in tables)
    grid: list[tuple[str | None, ...]] = []
    merges: list[Merge] = []
    for table, title in zip(tables, titles, strict=True):
        if title is not None:
            grid.append((title,) + ("",) * (width - 1))
        shift = len(grid)
        grid.extend(tuple(row) + ("",) * (width - len(row)) for row in table.grid)
        merges.extend(
            Merge(m.first_row + shift, m.first_col, m.last_row + shift, m.last_col) for m in table.merges
        )
    return Table(index=1, grid=tuple(grid), merges=tuple(merges), sheet="全部")


def _projects(fixtures_dir: Path, name: str, sheets: list[int], titles: list[str | None]) -> list[Project]:
    doc = read_bytes(name, (fixtures_dir / name).read_bytes())
    stacked = _stack([doc.tables[n] for n in sheets], titles)
    projects, _ = recognize_document(replace(doc, blocks=(stacked,)))
    return projects


def _alone(fixtures_dir: Path, name: str, sheets: list[int]) -> list[Project]:
    doc = read_bytes(name, (fixtures_dir / name).read_bytes())
    projects, _ = recognize_document(replace(doc, blocks=tuple(doc.tables[n] for n in sheets)))
    return projects


def test_score_sheet_and_goal_table_on_one_sheet(fixtures_dir: Path) -> None:
    titles = ["2022年度市本级项目支出绩效自评计分表", "2022年度市本级项目支出绩效目标完成情况表"]
    projects = _projects(fixtures_dir, "ziyang-2022-a01.xlsx", [0, 1], titles)
    assert len(projects) == 1
    project = projects[0]
    alone = _alone(fixtures_dir, "ziyang-2022-a01.xlsx", [0, 1])[0]
    assert project.score_sheet is not None
    assert project.goal_table is not None
    assert alone.score_sheet is not None
    assert alone.goal_table is not None
    assert [i.score.value for i in project.score_sheet.items] == [
        i.score.value for i in alone.score_sheet.items
    ]
    funds = [(f.source, f.budget.value, f.spent.value) for f in project.goal_table.funds]
    assert funds == [(f.source, f.budget.value, f.spent.value) for f in alone.goal_table.funds]
    assert project.goal_table.title.value == titles[1]
    # Rows are the sheet's: the 完成情况表 title sits below the 计分表 title and the whole 计分表.
    score_rows = read_bytes("a.xlsx", (fixtures_dir / "ziyang-2022-a01.xlsx").read_bytes()).tables[0].n_rows
    assert project.goal_table.title.location is not None
    assert project.goal_table.title.location.row == score_rows + 2
    assert project.year.value == 2022


def test_two_self_eval_forms_on_one_sheet(fixtures_dir: Path) -> None:
    title = "2023年部门预算项目支出绩效自评表"
    stacked = _projects(fixtures_dir, "lizhou-2023-combined.xlsx", [0, 1], [None, title])
    alone = _alone(fixtures_dir, "lizhou-2023-combined.xlsx", [0, 1])
    assert [p.title for p in stacked] == [p.title for p in alone]
    for mine, theirs in zip(stacked, alone, strict=True):
        assert mine.self_eval_form is not None
        assert theirs.self_eval_form is not None
        assert [i.name.value for i in mine.self_eval_form.indicators] == [
            i.name.value for i in theirs.self_eval_form.indicators
        ]
        assert mine.self_eval_form.total_score.value == theirs.self_eval_form.total_score.value
    first_rows = (
        read_bytes("c.xlsx", (fixtures_dir / "lizhou-2023-combined.xlsx").read_bytes()).tables[0].n_rows
    )
    mine_form, alone_form = stacked[1].self_eval_form, alone[1].self_eval_form
    assert mine_form is not None
    assert alone_form is not None
    mine_at, alone_at = mine_form.indicators[0].name.location, alone_form.indicators[0].name.location
    assert mine_at is not None
    assert alone_at is not None
    assert mine_at.row == alone_at.row + first_rows + 1  # below the first form and the title row
    assert mine_at.sheet == "全部"


def test_a_form_with_its_own_title_row_is_not_split(fixtures_dir: Path) -> None:
    doc = read_bytes("p1.docx", (fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    table = doc.tables[0]
    assert any(is_title_row(row) for row in table.grid)  # 附件3, then the title inside the table
    assert split_stacked(table) == [table]


def test_title_rows() -> None:
    assert is_title_row(["2022年度市本级项目支出绩效自评计分表", None, ""])
    assert not is_title_row(["项目名称", "某项目自评表"])
    assert not is_title_row(["附：自评表填报说明自评表"])
    assert not is_title_row([""])
