"""Example projects and evaluations built in code for the render tests (no seed numbers needed)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from jixiao.model import (
    BudgetExecution,
    CompletionFundRow,
    FundRow,
    FundSource,
    GoalCompletionTable,
    GoalIndicatorRow,
    Grade,
    GroupScore,
    Indicator,
    Money,
    MoneyUnit,
    Project,
    ProjectType,
    ScoredEvaluation,
    ScoredItem,
    ScoreSheet,
    ScoreSheetItem,
    SelfEvalForm,
)
from jixiao.schemes import load_scheme

D = Decimal

# Columns: level1, level2, name, direction, target, unit, actual, weight, score and reason.
SICHUAN_ROWS = [
    (
        "产出指标",
        "数量指标",
        "培训农户人次",
        "at_least",
        "400",
        "人次",
        "380",
        "20",
        "19",
        "两个乡镇因汛期推迟培训",
    ),
    ("产出指标", "质量指标", "培训合格率", "at_least", "95", "%", "98%", "10", "10", ""),
    (
        "产出指标",
        "时效指标",
        "完成时间",
        "qualitative",
        "2024年12月底前",
        "",
        "2024年12月底前",
        "10",
        "10",
        "",
    ),
    ("产出指标", "成本指标", "人均培训成本", "at_most", "300", "元", "280", "10", "10", ""),
    (
        "效益指标",
        "社会效益指标",
        "带动就业人数",
        "at_least",
        "50",
        "人",
        "80",
        "20",
        "20",
        "新增两家合作社吸纳就业",
    ),
    ("满意度指标", "服务对象满意度指标", "参训农户满意度", "at_least", "90", "%", "96%", "20", "20", ""),
]


def sichuan_project(name: str = "高素质农民培育补助资金") -> Project:
    indicators = tuple(
        Indicator(
            level1=l1,
            level2=l2,
            name=nm,
            direction=dr,
            target=tg,
            unit_of_measure=un,
            actual=ac,
            weight=D(w),
            score=D(s),
            shortfall_reason=rs,
        )
        for l1, l2, nm, dr, tg, un, ac, w, s, rs in SICHUAN_ROWS
    )
    wan = MoneyUnit.wan_yuan
    total = FundRow(
        source=FundSource.total,
        initial_budget=Money(amount=D("36.5"), unit=wan),
        adjusted_budget=Money(amount=D("40"), unit=wan),
        spent=Money(amount=D("38.2"), unit=wan),
        weight=D(10),
        score=D(10),
    )
    fiscal = total.model_copy(
        update={
            "source": FundSource.fiscal,
            "weight": total.weight.model_copy(update={"value": None, "raw": ""}),
        }
    )
    form = SelfEvalForm(
        annual_goal="培训高素质农民400人次，提升农业生产技能。",
        goal_outcome="全年培训380人次，带动就业80人。",
        implementation_summary="分三期开展集中培训和田间指导。",
        budget=BudgetExecution(rows=(total, fiscal), adjustment_explanation="年中追加3.5万元用于实训基地。"),
        indicators=indicators,
        problems="部分乡镇培训进度滞后。",
        improvements="提前制定培训计划，避开农忙和汛期。",
        project_lead="王明",
        finance_lead="李芳",
    )
    return Project(
        name=name,
        year=2024,
        department="测试县农业农村局",
        unit="测试县农业技术推广中心",
        project_type=ProjectType.industry,
        scheme="sichuan-project-2023",
        self_eval_form=form,
    )


def sichuan_evaluation(project: Project) -> ScoredEvaluation:
    """A hand-made evaluation: one unmet (19/20), one over-achieved indicator."""
    form = project.self_eval_form
    assert form is not None
    items = [
        ScoredItem(
            id="budget_execution",
            name="预算执行率",
            group="budget",
            weight=D(10),
            score=D("9.55"),
            explanation="38.2/40=95.5%",
            field="self_eval_form.budget.rows[0]",
        ),
    ]
    for index, row in enumerate(form.indicators):
        flags = ("over_achievement",) if row.name.value == "带动就业人数" else ()
        score = D(19) if index == 0 else row.weight.value
        items.append(
            ScoredItem(
                id=f"indicators[{index}]",
                name=row.name.value or "",
                group="output",
                weight=row.weight.value or D(0),
                score=score,
                explanation="",
                flags=flags,
                field=f"self_eval_form.indicators[{index}]",
            )
        )
    total = sum((i.score or D(0) for i in items), D(0))
    return ScoredEvaluation(
        project=project.title,
        scheme="sichuan-project-2023",
        items=tuple(items),
        raw_total=total,
        applicable_max=D(100),
        total=total,
        grade=Grade.excellent,
    )


# Item id → (score, basis, not applicable); the other scheme items score full points.
ZIYANG_OVERRIDES = {
    "project_initiation_compliance": ("5", "按程序设立。", False),
    "funds_in_place_rate": ("5", "到位率100%", False),
    "funds_timely_rate": ("2", "第四季度资金延迟到位", False),
    "actual_completion_rate": ("3.8", "完成率95%", False),
    "economic_benefit": ("", "公益项目，不产生直接经济效益。", True),
    "ecological_benefit": ("", "", True),
    "satisfaction": ("9.4", "满意率94%", False),
}


def ziyang_project(name: str = "社区养老服务站运营补贴") -> Project:
    scheme = load_scheme("common-2013-ziyang-2022")
    labels = {"input": "投入", "process": "过程", "output": "产出", "effect": "效果"}
    items = []
    for group, item in scheme.walk_items():
        score, basis, not_applicable = ZIYANG_OVERRIDES.get(item.id, (str(item.points), "", False))
        items.append(
            ScoreSheetItem(
                id=item.id,
                level1=labels[group.id],
                name=item.label,
                points=item.points,
                score=D(score) if score else None,
                basis=basis,
                not_applicable=not_applicable,
            )
        )
    items = tuple(items)
    h = MoneyUnit.hundred_yuan
    funds = (
        CompletionFundRow(
            source="total", budget=Money(amount=D(3000), unit=h), spent=Money(amount=D(2400), unit=h)
        ),
        CompletionFundRow(
            source="fiscal", budget=Money(amount=D(3000), unit=h), spent=Money(amount=D(2400), unit=h)
        ),
    )
    goal = GoalCompletionTable(
        project_type=ProjectType.livelihood,
        funds=funds,
        fiscal_structure={"general": Money(amount=D(3000), unit=h)},
        annual_goal="为200名老人提供日间照料。",
        goal_result="全年服务老人190名。",
        goal_deviation="两名护理员离职，服务人数略少。",
        indicators=(
            GoalIndicatorRow(
                level1="项目完成",
                level2="数量指标",
                name="服务老人人数",
                target="200名",
                result="190名",
                deviation="护理员离职",
            ),
            GoalIndicatorRow(
                level1="项目完成",
                level2="质量指标",
                name="服务合格率",
                target="95%",
                result="98%",
                deviation="与目标值一致",
            ),
            GoalIndicatorRow(
                level1="项目效益",
                level2="社会效益指标",
                name="减轻家庭照护负担",
                target="明显",
                result="明显",
                deviation="与目标值一致",
            ),
        ),
    )
    return Project(
        name=name,
        year=2022,
        department="测试市民政局",
        unit="测试市民政局",
        unit_code="990001",
        scheme="common-2013-ziyang-2022",
        score_sheet=ScoreSheet(items=items, stated_grade="优"),
        goal_table=goal,
    )


def ziyang_evaluation(project: Project) -> ScoredEvaluation:
    sheet = project.score_sheet
    assert sheet is not None
    items = tuple(
        ScoredItem(
            id=item.id,
            name=item.name.value or "",
            group={"投入": "input", "过程": "process", "产出": "output", "效果": "effect"}[
                item.level1.value or ""
            ],
            weight=item.points.value or D(0),
            score=None if item.not_applicable else item.score.value,
            explanation="",
            not_applicable=item.not_applicable,
            field=f"score_sheet.items[{index}]",
        )
        for index, item in enumerate(sheet.items)
    )
    raw = sum((i.score or D(0) for i in items), D(0))
    applicable = sum((i.weight for i in items if not i.not_applicable), D(0))
    total = (raw / applicable * 100).quantize(D("0.01"))
    groups = tuple(
        GroupScore(
            id=g, name=n, weight=D(w), score=sum((i.score or D(0) for i in items if i.group == g), D(0))
        )
        for g, n, w in (
            ("input", "投入", 25),
            ("process", "过程", 25),
            ("output", "产出", 20),
            ("effect", "效果", 30),
        )
    )
    return ScoredEvaluation(
        project=project.title,
        scheme="common-2013-ziyang-2022",
        items=items,
        groups=groups,
        raw_total=raw,
        applicable_max=applicable,
        total=total,
        rescaled=True,
        grade=Grade.excellent,
    )


def load_sheet(data: bytes, name: str) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data))[name]


def sheet_texts(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    return [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
