"""What a printed form carries, as plain comparable values (locations and raw text dropped)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import FundSource, Money, MoneyUnit, Project, ScoredEvaluation, Stated


def number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def money(value: Money | None, unit: MoneyUnit) -> str | None:
    return None if value is None else number(value.to(unit).amount)


def text(stated: Stated[Any]) -> str | None:
    value = stated.value
    if value is None:
        return None
    return str(value).strip() or None


def self_eval_form(project: Project, evaluation: ScoredEvaluation | None = None) -> dict[str, Any]:
    """The 自评表's content; with `evaluation`, scores and totals are the computed ones."""
    form = project.self_eval_form
    assert form is not None
    scores = {item.field: item for item in evaluation.items} if evaluation else {}
    budget_item = (
        next((item for item in evaluation.items if item.group == "budget"), None) if evaluation else None
    )
    budget = {}
    for row in form.budget.rows:
        values = [
            money(getattr(row, key).value, MoneyUnit.wan_yuan)
            for key in ("initial_budget", "adjusted_budget", "spent")
        ]
        if row.source is FundSource.total:
            weight = budget_item.weight if budget_item else row.weight.value
            score = budget_item.score if budget_item else row.score.value
            values += [number(weight), number(score)]
        if any(value is not None for value in values[:3]):
            budget[row.source.value] = values
    indicators = []
    for index, row in enumerate(form.indicators):
        item = scores.get(f"self_eval_form.indicators[{index}]")
        indicators.append([
            text(row.level1), text(row.level2), text(row.name), row.direction.value, text(row.target),
            text(row.unit_of_measure), text(row.actual), number(item.weight if item else row.weight.value),
            number(item.score if item and item.score is not None else row.score.value), text(row.shortfall_reason),
        ])  # fmt: skip
    return {
        "project": [text(project.name), project.year.value, text(project.department), text(project.unit)],
        "texts": [text(form.annual_goal), text(form.goal_outcome), text(form.implementation_summary),
                  text(form.problems), text(form.improvements), text(form.project_lead), text(form.finance_lead)],
        "budget": budget,
        "indicators": indicators,
        "total": [number(sum((i.weight for i in evaluation.items), Decimal(0))) if evaluation else number(form.total_weight.value),
                  number(evaluation.total if evaluation else form.total_score.value)],
    }  # fmt: skip


def score_sheet(project: Project, evaluation: ScoredEvaluation | None = None) -> dict[str, Any]:
    """The 计分表's content; with `evaluation`, scores, total and grade are the computed ones."""
    sheet = project.score_sheet
    assert sheet is not None
    scores = {item.id: item for item in evaluation.items} if evaluation else {}
    items = []
    for item in sheet.items:
        scored = scores.get(item.id)
        not_applicable = item.not_applicable or bool(scored and scored.not_applicable)
        score = None if not_applicable else (scored.score if scored else item.score.value)
        items.append([item.id, number(scored.weight if scored else item.points.value), number(score),
                      not_applicable, text(item.basis)])  # fmt: skip
    if evaluation is not None:
        total = number(evaluation.total)
        grade = evaluation.grade.value
    else:
        total = number(
            sheet.rescaled_total.value if sheet.rescaled_total.value is not None else sheet.total_score.value
        )
        grade = text(sheet.stated_grade)
    return {
        "project": [text(project.name), project.year.value, text(project.unit), text(project.unit_code)],
        "items": items,
        "total": total,
        "grade": grade,
    }


def goal_table(project: Project) -> dict[str, Any]:
    """The 完成情况表's content; 结转结余额 and 结转结余率 as printed (computed when not stated)."""
    table = project.goal_table
    assert table is not None
    unit = MoneyUnit.hundred_yuan
    funds = {}
    for row in table.funds:
        budget, spent = row.budget.value, row.spent.value
        carryover = row.carryover.value
        if carryover is None and budget is not None and spent is not None:
            carryover = Money(amount=budget.to(unit).amount - spent.to(unit).amount, unit=unit)
        if budget is None and spent is None:
            continue
        funds[row.source] = [money(budget, unit), money(spent, unit), money(carryover, unit)]
    structure = {
        key: money(value.value, unit) for key, value in table.fiscal_structure.items() if value.value
    }
    rows = [[text(r.level1), text(r.level2), text(r.name), text(r.target), text(r.result), text(r.deviation)]
            for r in table.indicators]  # fmt: skip
    project_type = table.project_type.value or project.project_type.value
    return {
        "project": [
            text(project.name),
            project.year.value,
            text(project.unit),
            text(project.unit_code),
            project_type,
        ],
        "funds": funds,
        "structure": structure,
        "goals": [text(table.annual_goal), text(table.goal_result), text(table.goal_deviation)],
        "indicators": rows,
    }
