"""Tables inside the Sichuan report: 绩效目标值 (the 自评表's indicators) and 点位 (rules.md §B7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.render import wording
from jixiao.render.layout import FormLayout, GridBuilder, Style
from jixiao.render.report_docx import Block, Heading, Para, Table, Title
from jixiao.render.values import decimal_text, stated_text

if TYPE_CHECKING:
    from jixiao.model import Project, ScoredEvaluation, SelfEvalForm

POINT_NOTES = (
    "备注：1.项目资金末端分配点位包括市（州）本级、县（市、区）、省级部门下属单位及一次性单位等。",
    (
        "2.自评得分（百分制）从高到低划分为优、良、中、差四个档次，各个档次数量占比分别为20%、20%、55%、5%，"
        "且不同档次间得分分值应体现差异化，同档次得分分值相同的比例不超过该档次总数量的10%。"
    ),
)


def target_table(form: SelfEvalForm) -> FormLayout:
    """绩效目标值 table: 一级/二级/三级指标, 指标性质, 指标值, 度量单位."""
    headers = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
    grid = GridBuilder(len(headers))
    for col, header in enumerate(headers):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    for indicator in form.indicators:
        values = (
            stated_text(indicator.level1),
            stated_text(indicator.level2),
            stated_text(indicator.name),
            wording.symbol(indicator.direction.value) or stated_text(indicator.direction),
            stated_text(indicator.target),
            stated_text(indicator.unit_of_measure),
        )
        for col, text in enumerate(values):
            grid.put(col, text, style=Style.text if col < 3 else Style.value)
        grid.next_row()
    return FormLayout("绩效目标", (), grid.build(), (10.0, 12.0, 18.0, 8.0, 12.0, 8.0), header_rows=(0, 0))


def points_table(project: Project, evaluation: ScoredEvaluation | None) -> list[Block]:
    """附表 项目资金分配涉及所有点位自评得分情况表: the report's 点位, else the unit with the total."""
    grid = GridBuilder(4)
    for col, header in enumerate(("序号", "项目资金末端分配点位", "自评得分（百分制）", "备注")):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    points = project.report.allocation_points if project.report is not None else ()
    rows = [(stated_text(p.name), stated_text(p.score), stated_text(p.remark)) for p in points]
    if not rows:
        total = decimal_text(evaluation.total) if evaluation is not None else ""
        rows = [(stated_text(project.unit), total, "")]
    for number, (name, score, remark) in enumerate(rows, start=1):
        for col, text in enumerate((str(number), name, score, remark)):
            grid.put(col, text, style=Style.text if col == 1 else Style.value)
        grid.next_row()
    layout = FormLayout("点位", (), grid.build(), (6.0, 24.0, 12.0, 10.0), header_rows=(0, 0))
    return [
        Heading("附表：1.项目资金分配涉及所有点位自评得分情况", 3),
        Title("项目资金分配涉及所有点位自评得分情况表", sub=True),
        Table(layout),
        *(Para(note) for note in POINT_NOTES),
    ]
