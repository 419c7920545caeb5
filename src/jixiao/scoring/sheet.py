"""The 计分表 of the common framework (财预〔2013〕53号 items with local points, rules.md §C).

Rubric items (①②③ with integer points) keep the stated score when it is within 0..points and flag a
fraction as off the rubric (§C4). Formula items are computed from their measure; without one the
stated score is accepted and flagged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model.scored import ScoredItem
from jixiao.scoring.formula_items import score_formula_item
from jixiao.scoring.numbers import ZERO, fmt
from jixiao.scoring.schemes import resolve
from jixiao.scoring.verdict import Verdict, cannot_score

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.model.forms import ScoreSheet, ScoreSheetItem
    from jixiao.schemes.model import Scheme, SheetGroup, SheetItem


def sheet_group_labels(scheme: Scheme) -> tuple[tuple[str, str, Decimal | None], ...]:
    """(id, label, printed points) of the first-level groups, in printed order."""
    return tuple((group.id, group.label, group.weight) for group in scheme.groups)


def score_sheet_items(sheet: ScoreSheet, scheme: Scheme) -> list[ScoredItem]:
    """Score every scheme item in printed order; an item missing from the sheet cannot be scored."""
    by_id = {item.id: (index, item) for index, item in enumerate(sheet.items)}
    scored = []
    for group, definition in scheme.walk_items():
        if definition.id in by_id:
            index, item = by_id[definition.id]
            scored.append(_score(item, definition, group, scheme, f"score_sheet.items[{index}]"))
        else:
            verdict = cannot_score("计分表中没有这一项，无法计分", "missing_item")
            scored.append(_item(definition, group, verdict))
    known = {definition.id for _, definition in scheme.walk_items()}
    for item in sheet.items:
        if item.id not in known:
            verdict = cannot_score(f"评分方案 {scheme.id} 没有编号为 {item.id} 的指标", "unknown_item")
            name = item.name.value or item.id
            weight = item.points.value or ZERO
            scored.append(
                ScoredItem(
                    id=item.id,
                    name=name,
                    weight=weight,
                    score=None,
                    explanation=verdict.explanation,
                    flags=verdict.flags,
                )
            )
    return scored


def score_sheet_item(item: ScoreSheetItem, scheme: Scheme | str) -> ScoredItem:
    """Score one 计分表 row by its scheme item id (the web app's live scoring)."""
    resolved = resolve(scheme)
    for group, definition in resolved.walk_items():
        if definition.id == item.id:
            return _score(item, definition, group, resolved, "")
    message = f"评分方案 {resolved.id} 没有编号为 {item.id} 的指标"
    raise KeyError(message)


def _score(
    item: ScoreSheetItem, definition: SheetItem, group: SheetGroup, scheme: Scheme, field: str
) -> ScoredItem:
    stated = item.score.value
    if item.not_applicable:
        text = "不适用：不计入得分和满分"
        flags = () if definition.may_be_not_applicable else ("not_applicable_unusual",)
        return _item(
            definition, group, Verdict(None, text, flags), item=item, field=field, not_applicable=True
        )
    if definition.formula is not None:
        verdict = score_formula_item(item, definition, scheme)
    else:
        verdict = _rubric(stated, definition)
    return _item(definition, group, verdict, item=item, field=field)


def _rubric(stated: Decimal | None, definition: SheetItem) -> Verdict:
    """Rubric items: the stated score stands within 0..points; a fraction is off the rubric (§C4)."""
    points = definition.points
    steps = "、".join(f"{step.label[:1]}{step.points}分" for step in definition.rubric)
    if stated is None:
        return cannot_score(f"未填自评分，无法计分（评分细则：{steps}）", "missing_score")
    if stated > points:
        return Verdict(
            points,
            f"自评{fmt(stated)}分超过分值{fmt(points)}分，按{fmt(points)}分计",
            ("score_above_weight",),
        )
    if stated < ZERO:
        return Verdict(ZERO, f"自评{fmt(stated)}分为负数，按0分计", ("negative_score",))
    text = f"按评分细则（{steps}）自评{fmt(stated)}分，予以采用"
    if stated != stated.to_integral_value():
        return Verdict(
            stated, f"{text}；细则各项均为整数分，{fmt(stated)}分不是细则可得分值", ("off_rubric",)
        )
    return Verdict(stated, text)


def _item(  # noqa: PLR0913 - keyword-only extras, all copied into the ScoredItem
    definition: SheetItem,
    group: SheetGroup,
    verdict: Verdict,
    *,
    item: ScoreSheetItem | None = None,
    field: str = "",
    not_applicable: bool = False,
) -> ScoredItem:
    return ScoredItem(
        id=definition.id,
        name=definition.label,
        group=group.id,
        weight=definition.points,
        score=verdict.score,
        stated_score=item.score.value if item is not None else None,
        explanation=verdict.explanation,
        not_applicable=not_applicable,
        flags=verdict.flags,
        field=field,
        location=item.score.location if item is not None else None,
    )
