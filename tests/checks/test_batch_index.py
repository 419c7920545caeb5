"""The batch rules give the same findings through the shared batch index as one project at a time."""

from __future__ import annotations

import itertools

import pytest

from jixiao.checks._peers import Others
from jixiao.checks.context import CheckOptions
from jixiao.checks.runner import check_project, check_projects
from jixiao.model import Finding, Project, SelfEvalForm, Stated

BATCH_RULES = frozenset({"G28", "B01", "B02", "B03"})
OPTIONS = CheckOptions(strict=True, only=BATCH_RULES)


def _project(
    name: str, unit: str, unit_code: str | None, code: str | None, year: int | None, *, text: str = ""
) -> Project:
    form = SelfEvalForm(conclusion=Stated[str](value=text)) if text else None
    return Project(
        name=Stated[str](value=name),
        unit=Stated[str](value=unit),
        unit_code=Stated[str](value=unit_code),
        code=Stated[str](value=code),
        year=Stated[int](value=year),
        self_eval_form=form,
    )


def _batch() -> list[Project]:
    """Shared unit names with other codes, repeated codes and names, odd years, a copied paragraph."""
    units = ("资阳市民政局", "资阳市 民政局", "利州区教育局", "")
    codes = ("163001", "163002", None)
    names = ("社区养老服务补助资金", "农村义务教育营养改善计划", "城乡低保提标资金", "社区养老服务补助资金")
    years = (2023, 2023, 2022, None, 2023, 2024)
    projects = []
    for n, (unit, unit_code, name) in enumerate(itertools.islice(itertools.product(units, codes, names), 30)):
        code = ("P1", None, f"X{n}")[n % 3]
        text = f"本项目参照{names[(n + 1) % 3]}的做法完成了任务。" if n % 4 == 0 else ""
        projects.append(_project(name, unit, unit_code, code, years[n % len(years)], text=text))
    return projects


def _one_at_a_time(projects: list[Project]) -> list[Finding]:
    findings: list[Finding] = []
    for n, project in enumerate(projects):
        others = tuple(projects[:n]) + tuple(projects[n + 1 :])
        findings += check_project(project, evaluations=(), batch=others, options=OPTIONS)
    return findings


def test_batch_index_gives_the_same_findings_as_each_project_against_the_others() -> None:
    projects = _batch()
    indexed = [f for f in check_projects(projects, OPTIONS) if f.rule in BATCH_RULES]
    assert indexed == _one_at_a_time(projects)
    assert {f.rule for f in indexed} == BATCH_RULES  # every batch rule found something to compare


def test_year_mismatch_reports_the_most_common_other_year() -> None:
    projects = [
        _project("项目甲", "单位", None, None, 2024),
        _project("项目乙", "单位", None, None, 2022),
        _project("项目丙", "单位", None, None, 2023),
        _project("项目丁", "单位", None, None, 2023),
    ]
    years = [f.values for f in check_projects(projects, OPTIONS) if f.values.get("what") == "预算年度"]
    assert [(v["own"], v["theirs"]) for v in years] == [("2024", "2023"), ("2022", "2023")]


def test_others_is_the_batch_without_one_project() -> None:
    batch = tuple(_batch()[:5])
    for position in range(len(batch)):
        expected = batch[:position] + batch[position + 1 :]
        view = Others(batch, position)
        assert tuple(view) == expected
        assert len(view) == len(expected)
        assert [view[i] for i in range(-len(view), len(view))] == list(expected + expected)
        assert view[1:3] == expected[1:3]
        with pytest.raises(IndexError):
            view[len(view)]
