"""Property test: no rule raises on any partial or odd project (zero budgets, blank cells, odd text)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.checks.context import CheckOptions
from jixiao.checks.runner import check_project
from jixiao.model import (
    AllocationPoint,
    BudgetExecution,
    CompletionFundRow,
    Direction,
    Figure,
    FundRow,
    FundSource,
    GoalCompletionTable,
    Indicator,
    Money,
    Project,
    QualitativeOutcome,
    Report,
    ReportKind,
    ScoreSheet,
    ScoreSheetGroup,
    ScoreSheetItem,
    SelfEvalForm,
    Stated,
    TargetRow,
)

CELLS = [
    "",
    "%",
    "≥",
    "无",
    "0",
    "100%",
    "-5",
    "2023年",
    "2022年度评价得分为100分",
    "正常",
    "1.2.3",
    "九十",
    "42.38万元",
]
ITEM_IDS = [
    "funds_in_place_rate",
    "completion_timeliness",
    "cost_saving_rate",
    "indicator_clarity",
    "satisfaction",
]

numbers = st.one_of(
    st.none(), st.sampled_from([Decimal(0), Decimal(-1), Decimal("0.5"), Decimal(10), Decimal(90)])
)
texts = st.sampled_from(CELLS).map(lambda text: Stated[str](value=text or None, raw=text))
decimals = numbers.map(lambda value: Stated[Decimal](value=value))
money = numbers.map(lambda value: Stated[Money](value=None if value is None else Money(amount=value)))

indicators = st.builds(
    Indicator,
    level1=texts,
    level2=texts,
    name=texts,
    direction=st.sampled_from([None, *Direction]).map(lambda value: Stated[Direction](value=value)),
    target=texts,
    actual=texts,
    unit_of_measure=texts,
    weight=decimals,
    score=decimals,
    shortfall_reason=texts,
    qualitative_outcome=st.one_of(st.none(), st.sampled_from(list(QualitativeOutcome))),
    not_applicable=st.booleans(),
)
fund_rows = st.builds(
    FundRow,
    source=st.sampled_from(list(FundSource)),
    initial_budget=money,
    adjusted_budget=money,
    spent=money,
    execution_rate=decimals,
    weight=decimals,
    score=decimals,
    reason=texts,
)
forms = st.builds(
    SelfEvalForm,
    budget=st.builds(BudgetExecution, rows=st.lists(fund_rows, max_size=3).map(tuple)),
    indicators=st.lists(indicators, max_size=4).map(tuple),
    total_weight=decimals,
    total_score=decimals,
    conclusion=texts,
    problems=texts,
)
sheets = st.builds(
    ScoreSheet,
    stated_grade=texts,
    groups=st.lists(
        st.builds(ScoreSheetGroup, id=st.sampled_from(["input", "output", "x"]), points=decimals), max_size=2
    ).map(tuple),
    items=st.lists(
        st.builds(
            ScoreSheetItem,
            id=st.sampled_from(ITEM_IDS),
            points=decimals,
            score=decimals,
            not_applicable=st.booleans(),
            measures=st.dictionaries(st.sampled_from(["rate", "quarters_on_time"]), decimals, max_size=2),
        ),
        max_size=4,
    ).map(tuple),
    total_score=decimals,
    rescaled_total=decimals,
)
reports = st.builds(
    Report,
    kind=st.sampled_from(list(ReportKind)),
    project_name=texts,
    paragraphs=st.lists(texts, max_size=3).map(tuple),
    stated_total=decimals,
    stated_grade=texts,
    group_scores=st.dictionaries(st.sampled_from(["input", "decision"]), decimals, max_size=2),
    target_table=st.lists(st.builds(TargetRow, name=texts, level2=texts, target=texts), max_size=2).map(
        tuple
    ),
    figures=st.lists(
        st.builds(
            Figure,
            key=st.sampled_from(["budget", "spent", "funds_arrival_rate"]),
            label=st.just("x"),
            value=decimals,
            unit=st.sampled_from(["万元", "元", "%", ""]),
        ),
        max_size=3,
    ).map(tuple),
    problems=texts,
    allocation_points=st.lists(st.builds(AllocationPoint, score=decimals), max_size=3).map(tuple),
)
goal_tables = st.builds(
    GoalCompletionTable,
    funds=st.lists(
        st.builds(
            CompletionFundRow,
            source=st.sampled_from(["total", "fiscal"]),
            budget=money,
            spent=money,
            carryover=money,
            carryover_rate=decimals,
        ),
        max_size=2,
    ).map(tuple),
)
projects = st.builds(
    Project,
    name=texts,
    year=st.sampled_from([None, 2022, 2023]).map(lambda year: Stated[int](value=year)),
    self_eval_form=st.one_of(st.none(), forms),
    score_sheet=st.one_of(st.none(), sheets),
    goal_table=st.one_of(st.none(), goal_tables),
    report=st.one_of(st.none(), reports),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects, other=projects)
def test_no_rule_raises_on_odd_projects(project: Project, other: Project) -> None:
    findings = check_project(project, evaluations=(), batch=(other,), options=CheckOptions(strict=True))
    assert all(finding.message for finding in findings)
