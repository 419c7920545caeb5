"""The Ziyang 市本级项目支出绩效自评计分表 and 绩效目标完成情况表 as `FormLayout`s (rules.md §C1, §C7).

The 计分表 prints 一级/二级/三级指标 with their points, 指标解释, 指标说明（评价计分标准）, 自评分数 and
自评依据及说明; 一级 and 二级 cells are merged down their items. Points and rubrics come from the scheme
(`common-2013-ziyang-2022`) when it loads, else from the model's stated labels and points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jixiao.model import ScoreSheet, ScoreSheetItem
from jixiao.render.layout import FormLayout, GridBuilder, Line, Style
from jixiao.render.sheet_texts import EXPLANATIONS, FORMULA_NOTES
from jixiao.render.values import Scores, decimal_text, stated_text

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.model import Project, ScoredEvaluation

SHEET_TITLE = "市本级项目支出绩效自评计分表"
SHEET_WIDTHS = (7.0, 8.0, 14.0, 18.0, 30.0, 7.0, 18.0)
SHEET_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标解释",
    "指标说明（评价计分标准）",
    "自评分数",
    "自评依据及说明",
)
POINTS_SUFFIX = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One printed 计分表 row before layout."""

    level1: str
    level2: str
    name: str
    explanation: str
    criteria: str
    score: str
    score_number: Decimal | None
    basis: str


def bare_label(label: str) -> str:
    """Drop whitespace and a trailing points suffix: `投入（25分）` → 投入."""
    return POINTS_SUFFIX.sub("", re.sub(r"\s+", "", label))


def with_points(label: str, points: Decimal | None, *, wrap: bool = False) -> str:
    """Print a label with its points: 投入（25分）, or 投入 / （25分） on two lines for narrow columns."""
    name = bare_label(label)
    if points is None:
        return name
    return f"{name}{chr(10) if wrap else ''}（{decimal_text(points)}分）"


def sheet_title(project: Project) -> str:
    """`2022年度市本级项目支出绩效自评计分表`."""
    year = project.year.value
    return f"{year}年度{SHEET_TITLE}" if year is not None else SHEET_TITLE


def build_score_sheet(project: Project, evaluation: ScoredEvaluation | None) -> FormLayout:
    """Lay out the 计分表 with computed item scores, the (rescaled) total and the grade."""
    sheet = project.score_sheet or ScoreSheet()
    scores = Scores(evaluation)
    rows = _sheet_rows(sheet, scores)
    grid = GridBuilder(len(SHEET_WIDTHS))
    for col, header in enumerate(SHEET_HEADERS):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    for col in (0, 1):
        _merged_column(grid, col, [row.level1 if col == 0 else row.level1 + row.level2 for row in rows], rows)
    _merged_criteria(grid, [row.criteria for row in rows])
    for row in rows:
        grid.put(2, row.name, style=Style.text)
        grid.put(3, row.explanation, style=Style.text)
        grid.put(5, row.score, number=row.score_number)
        grid.put(6, row.basis, style=Style.text)
        grid.next_row()
    _total_row(grid, sheet, scores)
    return FormLayout(
        name="计分表",
        lines=_header_lines(project, sheet, scores),
        cells=grid.build(),
        widths=SHEET_WIDTHS,
        header_rows=(0, 0),
    )


def _total_row(grid: GridBuilder, sheet: ScoreSheet, scores: Scores) -> None:
    """合计, or 合计（折算得分） when 不适用 items were rescaled (rules.md §C3)."""
    rescaled = scores.evaluation is not None and scores.evaluation.rescaled
    total = scores.total if scores.total is not None else _stated_total(sheet)
    grid.put(0, "合计（折算得分）" if rescaled else "合计", colspan=5, style=Style.label)
    grid.put(5, decimal_text(total), number=total)
    grid.put(6, "")
    grid.next_row()


def _header_lines(project: Project, sheet: ScoreSheet, scores: Scores) -> tuple[Line, ...]:
    """Title, （项目名称项目）, and 预算单位名称/编码 with the computed 自评等级."""
    grade = scores.grade or stated_text(sheet.stated_grade)
    unit_line = (
        f"预算单位名称：{stated_text(project.unit)}　　　　预算单位编码：{stated_text(project.unit_code)}"
        f"　　　　自评等级：{grade}"
    )
    return (
        Line(sheet_title(project)),
        Line(f"（{project.title}项目）", Style.header),
        Line(unit_line, Style.text),
    )


def _stated_total(sheet: ScoreSheet) -> Decimal | None:
    return sheet.rescaled_total.value if sheet.rescaled_total.value is not None else sheet.total_score.value


def _merged_column(grid: GridBuilder, col: int, keys: list[str], rows: list[SheetRow]) -> None:
    """Merge runs of equal keys down one column (一级 or 二级)."""
    start = 0
    for index in range(1, len(rows) + 1):
        if index == len(rows) or keys[index] != keys[start]:
            text = rows[start].level1 if col == 0 else rows[start].level2
            grid.put(col, text, rowspan=index - start, style=Style.label, row=grid.row + start)
            start = index


def _merged_criteria(grid: GridBuilder, texts: list[str]) -> None:
    """指标说明: one cell per item, merged down items that print the same note (效果 四项共性要素)."""
    start = 0
    for index in range(1, len(texts) + 1):
        if index == len(texts) or texts[index] != texts[start] or not texts[start]:
            grid.put(4, texts[start], rowspan=index - start, style=Style.text, row=grid.row + start)
            start = index


def _sheet_rows(sheet: ScoreSheet, scores: Scores) -> list[SheetRow]:
    scheme_rows = _scheme_layout(scores.evaluation)
    rows: list[SheetRow] = []
    if scheme_rows:
        by_id = {item.id: (index, item) for index, item in enumerate(sheet.items)}
        for level1, level2, item_id, label, points, criteria in scheme_rows:
            index, item = by_id.get(item_id, (-1, ScoreSheetItem(id=item_id)))
            rows.append(_row(item, index, scores, (level1, level2, with_points(label, points), criteria)))
        return rows
    level1_points = _group_points(sheet, scores)
    for index, item in enumerate(sheet.items):
        level1 = with_points(
            stated_text(item.level1), level1_points.get(bare_label(stated_text(item.level1)))
        )
        level2 = with_points(stated_text(item.level2), None)
        name = with_points(stated_text(item.name), item.points.value)
        rows.append(_row(item, index, scores, (level1, level2, name, "")))
    return rows


def _row(item: ScoreSheetItem, index: int, scores: Scores, labels: tuple[str, str, str, str]) -> SheetRow:
    scored = scores.item(f"score_sheet.items[{index}]", item.id) if index >= 0 else scores.item("", item.id)
    if item.not_applicable or (scored is not None and scored.not_applicable):
        score_text, number = "不适用", None
    else:
        number = scored.score if scored is not None and scored.score is not None else item.score.value
        score_text = decimal_text(number)
    level1, level2, name, criteria = labels
    explanation = EXPLANATIONS.get(item.id, "")
    return SheetRow(level1, level2, name, explanation, criteria, score_text, number, stated_text(item.basis))


def _group_points(sheet: ScoreSheet, scores: Scores) -> dict[str, Decimal]:
    points = {
        bare_label(stated_text(g.label)): g.points.value for g in sheet.groups if g.points.value is not None
    }
    if scores.evaluation is not None:
        points.update({bare_label(g.name): g.weight for g in scores.evaluation.groups})
    return points


def _scheme_layout(evaluation: ScoredEvaluation | None) -> list[tuple[str, str, str, str, Decimal, str]]:
    """(一级, 二级, item id, label, points, rubric text) in printed order, from the evaluation's scheme."""
    if evaluation is None:
        return []
    scheme = load_scheme_or_none(evaluation.scheme)
    if scheme is None or scheme.form != "score_sheet":
        return []
    rows = []
    for top in scheme.groups:
        for middle in top.groups or (top,):
            for item in middle.items:
                rubric = "\n".join(
                    _rubric_line(n, step.label, step.points) for n, step in enumerate(item.rubric)
                )
                rubric = rubric or FORMULA_NOTES.get(item.id, "")
                level1 = with_points(top.label, top.weight, wrap=True)
                level2 = with_points(middle.label, middle.weight, wrap=True)
                rows.append((level1, level2, item.id, item.label, item.points, rubric))
    return rows


def _rubric_line(index: int, label: str, points: int) -> str:
    """①项目是否按照规定的程序申请设立；（1分） (the scheme's labels may carry the ① already)."""
    mark = "" if label[:1] in CIRCLED else (CIRCLED[index] if index < len(CIRCLED) else f"{index + 1}.")
    return f"{mark}{label}；（{points}分）"


def load_scheme_or_none(scheme_id: str):  # type: ignore[no-untyped-def]  # noqa: ANN201
    """Load a scheme by id; None when the schemes package or the id is not available."""
    try:
        from jixiao.schemes import load_scheme  # noqa: PLC0415
    except ImportError:
        try:
            from jixiao.schemes.loader import load_scheme  # noqa: PLC0415
        except ImportError:
            return None
    try:
        return load_scheme(scheme_id)
    except Exception:  # noqa: BLE001  (an unknown or broken scheme only loses the printed rubric)
        return None
