"""The runner: a clean project gets no error, a partial form no crash, a failing rule only an info."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks.context import CheckContext, CheckOptions, Unchecked
from jixiao.checks.registry import Rule, rules
from jixiao.checks.runner import check_project, check_projects, run_rule
from jixiao.model import (
    BudgetExecution,
    Direction,
    FundRow,
    FundSource,
    Indicator,
    Location,
    Money,
    Project,
    Report,
    ReportKind,
    SelfEvalForm,
    Severity,
    Stated,
    TargetRow,
)

if TYPE_CHECKING:
    from collections.abc import Iterator


def _at(row: int, col: int, text: str) -> Location:
    return Location(file="clean.docx", table=1, row=row, col=col, quote=text)


def _indicator(spec: tuple[int, str, str, str, str, str, int]) -> Indicator:
    row, level1, level2, name, target, actual, weight = spec
    quantitative = target.isdigit()
    return Indicator(
        level1=Stated(value=level1),
        level2=Stated(value=level2),
        name=Stated(value=name),
        direction=Stated(value=Direction.at_least if quantitative else Direction.qualitative),
        target=Stated(value=target),
        unit_of_measure=Stated(value=("人次" if "人次" in name else "%") if quantitative else ""),
        actual=Stated(value=actual, raw=actual, location=_at(row, 7, actual)),
        weight=Stated(value=Decimal(weight)),
        score=Stated(value=Decimal(weight), raw=str(weight), location=_at(row, 9, str(weight))),
    )


INDICATORS = (
    (13, "产出指标", "数量指标", "培训基层干部人次", "300", "320人次", 30),
    (14, "产出指标", "质量指标", "培训合格率", "95", "98", 10),
    (15, "产出指标", "时效指标", "培训完成时限", "2023年12月底前", "2023年12月底前", 10),
    (16, "效益指标", "社会效益指标", "基层办事效率提升", "明显提升", "明显提升", 30),
    (17, "满意度指标", "服务对象满意度指标", "参训人员满意度", "90", "96", 10),
)


def clean_project() -> Project:
    """A well-filled 2023 Sichuan form with its report, built with the model (no seed numbers)."""
    money = Money(amount=Decimal(20), unit="万元")
    budget = FundRow(
        source=FundSource.total,
        initial_budget=Stated(value=money),
        spent=Stated(value=money),
        execution_rate=Stated(value=Decimal(1)),
        weight=Stated(value=Decimal(10)),
        score=Stated(value=Decimal(10)),
    )
    indicators = tuple(_indicator(row) for row in INDICATORS)
    targets = tuple(
        TargetRow(level1=i.level1, level2=i.level2, name=i.name, direction=i.direction, target=i.target)
        for i in indicators
    )
    form = SelfEvalForm(
        title=Stated(value="2023年部门预算项目支出绩效自评表"),
        budget=BudgetExecution(rows=(budget,)),
        indicators=indicators,
        total_weight=Stated(value=Decimal(100)),
        total_score=Stated(value=Decimal(100), raw="100", location=_at(18, 3, "100")),
        conclusion=Stated(value="评价得分为100分，培训任务全部完成。"),
        problems=Stated(value="培训教材更新不及时。"),
    )
    report = Report(
        kind=ReportKind.sichuan_special,
        title=Stated(value="2023年专项预算项目绩效自评报告"),
        project_name=Stated(value="基层干部培训经费"),
        year=Stated(value=2023),
        stated_total=Stated(value=Decimal(100)),
        stated_grade=Stated(value="优"),
        target_table=targets,
        problems=Stated(value="培训教材更新不及时。"),
    )
    return Project(
        name=Stated(value="基层干部培训经费"),
        year=Stated(value=2023),
        unit=Stated(value="某区组织部"),
        self_eval_form=form,
        report=report,
    )


def test_clean_project_gets_no_error_or_warning() -> None:
    findings = check_project(clean_project(), options=CheckOptions(strict=True))
    serious = [(f.rule, f.message) for f in findings if f.severity is not Severity.info]
    assert not serious


def test_clean_project_is_scored_so_formula_rules_run() -> None:
    findings = check_project(clean_project(), options=CheckOptions(strict=True))
    assert "G06" not in {f.rule for f in findings if f.severity is Severity.info}


def test_partial_form_gives_infos_and_never_crashes() -> None:
    partial = Project(
        name=Stated(value="半张表"),
        self_eval_form=SelfEvalForm(indicators=(Indicator(name=Stated(value="只有名称")),)),
    )
    findings = check_project(partial, options=CheckOptions(strict=True))
    infos = {f.rule for f in findings if f.values.get("unchecked") == "true"}
    assert {"G01", "G02", "G04", "G05"} <= infos
    assert all(f.message for f in findings)


def test_empty_project_and_empty_batch_do_not_crash() -> None:
    assert check_projects([]) == []
    findings = check_project(Project(), options=CheckOptions(strict=True))
    assert all(f.severity is Severity.info for f in findings)


def _broken(ctx: CheckContext) -> Iterator[Unchecked]:
    """Fail on purpose."""
    msg = f"boom on {ctx.project.title}"
    raise RuntimeError(msg)
    yield Unchecked("never")


def test_a_failing_rule_becomes_one_info_finding_and_the_others_still_run() -> None:
    template = rules()["G12"]
    broken = Rule(template.id, template.name, template.severity, (), template.message, template.doc, _broken)
    ctx = CheckContext(project=clean_project())
    findings = run_rule(broken, ctx)
    assert [(f.rule, f.severity) for f in findings] == [("G12", Severity.info)]
    assert findings[0].values["failed"] == "RuntimeError"


def test_unchecked_reasons_of_one_rule_merge_into_one_info() -> None:
    partial = Project(self_eval_form=SelfEvalForm(indicators=(Indicator(),)))
    findings = check_project(partial, options=CheckOptions(strict=True, only=frozenset({"G04"})))
    assert len([f for f in findings if f.rule == "G04"]) == 1
