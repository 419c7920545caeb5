"""The Sichuan special report's own scheme: 通用 (决策/管理/实施/结果) + 专用, rules.md §B6 [S].

The report states each part's points; the computed score is the stated one, capped at the part's
maximum and floored at 0. A part the report does not state cannot be scored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model.scored import ScoredItem
from jixiao.scoring.numbers import ZERO, fmt
from jixiao.scoring.verdict import Verdict, cannot_score

if TYPE_CHECKING:
    from jixiao.model.report import Report
    from jixiao.schemes.model import Scheme


def score_report_groups(report: Report, scheme: Scheme) -> list[ScoredItem]:
    """Score each scheme group from the report's `group_scores`, in printed order."""
    items = []
    for group in scheme.groups:
        stated_value = report.group_scores.get(group.id)
        stated = stated_value.value if stated_value is not None else None
        if stated is None:
            verdict = cannot_score(f"报告未写明「{group.label}」得分，无法计分", "missing_score")
        elif stated > group.weight:
            text = f"报告所述{fmt(stated)}分超过满分{fmt(group.weight)}分，按{fmt(group.weight)}分计"
            verdict = Verdict(group.weight, text, ("score_above_weight",))
        elif stated < ZERO:
            verdict = Verdict(ZERO, f"报告所述{fmt(stated)}分为负数，按0分计", ("negative_score",))
        else:
            verdict = Verdict(stated, f"报告所述{fmt(stated)}分（满分{fmt(group.weight)}分），予以采用")
        items.append(
            ScoredItem(
                id=group.id,
                name=group.label,
                group=group.id,
                weight=group.weight,
                score=verdict.score,
                stated_score=stated,
                explanation=verdict.explanation,
                flags=verdict.flags,
                field=f"report.group_scores.{group.id}",
                location=stated_value.location if stated_value is not None else None,
            )
        )
    return items
