"""Property: any well-formed 自评表 survives render → import (both formats) with its carried content."""

from __future__ import annotations

from decimal import Decimal

import pytest
import roundtrip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model import (
    BudgetExecution,
    FundRow,
    FundSource,
    Indicator,
    Money,
    MoneyUnit,
    Project,
    SelfEvalForm,
    Stated,
)
from jixiao.recognize import import_bytes
from jixiao.render import render_form_docx, render_form_xlsx
from jixiao.scoring import score_project

WORDS = st.text(
    alphabet="培训农户人次合格率维护系统运行效果河道巡查保洁水质监测满意度服务对象覆盖",
    min_size=2,
    max_size=12,
)
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("效益指标", "社会效益指标"),
          ("满意度指标", "服务对象满意度指标")]  # fmt: skip
UNITS = ["人次", "%", "次", "公里", "个"]


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    level1, level2 = draw(st.sampled_from(LEVELS))
    target = draw(st.integers(min_value=1, max_value=500))
    actual = draw(st.integers(min_value=0, max_value=800))
    unit = draw(st.sampled_from(UNITS))
    direction = draw(st.sampled_from(["at_least", "at_most"]))
    return Indicator(
        level1=level1, level2=level2, name=draw(WORDS), direction=direction, target=str(target),
        unit_of_measure=unit, actual=str(actual), weight=Decimal(draw(st.integers(min_value=1, max_value=30))),
        shortfall_reason=draw(st.one_of(st.just(""), WORDS)),
    )  # fmt: skip


@st.composite
def projects(draw: st.DrawFn) -> Project:
    budget = Decimal(draw(st.integers(min_value=1, max_value=99999))) / 100
    spent = min(budget, Decimal(draw(st.integers(min_value=0, max_value=99999))) / 100)
    total = FundRow(
        source=FundSource.total,
        initial_budget=Money(amount=budget, unit=MoneyUnit.wan_yuan),
        spent=Money(amount=spent, unit=MoneyUnit.wan_yuan),
    )
    form = SelfEvalForm(
        # Both goal texts are written: a blank 年度目标完成情况 is the known importer gap tested below.
        annual_goal=draw(WORDS),
        goal_outcome=draw(WORDS),
        implementation_summary=draw(st.one_of(st.just(""), WORDS)),
        budget=BudgetExecution(rows=(total,)),
        indicators=tuple(draw(st.lists(indicators(), min_size=1, max_size=8))),
    )
    return Project(
        name=draw(WORDS), year=draw(st.integers(2018, 2030)), unit=draw(WORDS), self_eval_form=form
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects(), fmt=st.sampled_from(["xlsx", "docx"]))
def test_any_self_eval_form_round_trips(project, fmt):
    evaluation = score_project(project, "sichuan-project-2023")[0]
    render = render_form_xlsx if fmt == "xlsx" else render_form_docx
    result = import_bytes(f"form.{fmt}", render(project, evaluation))
    assert len(result.projects) == 1
    assert roundtrip.self_eval_form(result.projects[0]) == roundtrip.self_eval_form(project, evaluation)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_annual_goal_survives_a_blank_outcome(sichuan, fmt):
    project, evaluation = sichuan
    form = project.self_eval_form
    blank = project.model_copy(update={"self_eval_form": form.model_copy(update={"goal_outcome": Stated()})})
    render = render_form_xlsx if fmt == "xlsx" else render_form_docx
    back = import_bytes(f"form.{fmt}", render(blank, evaluation)).projects[0]
    assert back.self_eval_form.annual_goal.value == form.annual_goal.value
