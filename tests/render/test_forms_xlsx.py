"""The official forms as .xlsx: labels, merged cells, computed values, print setup."""

from __future__ import annotations

from decimal import Decimal

from render_samples import load_sheet, sheet_texts

from jixiao.render import render_form_xlsx

SICHUAN_LABELS = [
    "项目名称", "主管部门", "实施单位\n（盖章）", "项目基本情况", "1.项目年度目标完成情况", "项目年度目标",
    "年度目标完成情况", "2.项目实施内容及过程概述", "预算执行情况\n（10分）", "年度预算数\n（万元）", "年初预算",
    "调整后预算数", "预算执行数", "预算执行率", "权重%", "自评得分", "原因", "总额", "其中：财政资金",
    "财政专户管理资金", "单位资金", "其他资金", "绩效指标（90分）", "一级指标", "二级指标", "三级指标",
    "指标性质", "指标值", "度量单位", "完成值", "权重", "未完成原因分析", "合计", "自评结论", "自评存在问题",
    "自评改进措施",
]  # fmt: skip


def _row_of(sheet, text: str) -> int:
    return next(cell.row for row in sheet.iter_rows() for cell in row if cell.value == text)


def test_sichuan_form_prints_every_official_label(sichuan):
    sheet = load_sheet(render_form_xlsx(*sichuan), "自评表")
    texts = sheet_texts(sheet)
    missing = [label for label in SICHUAN_LABELS if label not in texts]
    assert missing == []
    assert sheet["A1"].value == "2024年部门预算项目支出绩效自评表"


def test_sichuan_form_merges_blocks_down_column_a(sichuan):
    project, evaluation = sichuan
    sheet = load_sheet(render_form_xlsx(project, evaluation), "自评表")
    merged = {str(rng) for rng in sheet.merged_cells.ranges}
    budget_row = _row_of(sheet, "预算执行情况\n（10分）")
    indicator_row = _row_of(sheet, "绩效指标（90分）")
    assert f"A{budget_row}:A{budget_row + 5}" in merged  # header + 5 fund rows
    assert f"A{indicator_row}:A{indicator_row + 6}" in merged  # header + 6 indicators
    assert "A1:K1" in merged
    assert f"I{budget_row}:K{budget_row}" in merged


def test_sichuan_form_shows_computed_scores_not_stated(sichuan):
    project, evaluation = sichuan
    sheet = load_sheet(render_form_xlsx(project, evaluation), "自评表")
    total_row = _row_of(sheet, "总额")
    # The unit stated 10 for 预算执行; 38.2/40 = 95.5% gives 9.55 (scoring).
    assert project.self_eval_form.budget.total.score.value == Decimal(10)
    assert sheet[f"H{total_row}"].value == 9.55
    assert sheet[f"F{total_row}"].value == "95.50%"
    assert sheet[f"C{total_row}"].value == 36.5
    assert sheet[f"C{total_row}"].number_format == "0.00"
    sum_row = _row_of(sheet, "合计")
    assert sheet[f"I{sum_row}"].value == 100
    assert Decimal(str(sheet[f"J{sum_row}"].value)) == evaluation.total
    assert not any(
        isinstance(cell.value, str) and cell.value.startswith("=")
        for row in sheet.iter_rows()
        for cell in row
    )


def test_sichuan_form_has_a4_print_setup_and_widths(sichuan):
    sheet = load_sheet(render_form_xlsx(*sichuan), "自评表")
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["E"].width
    assert sheet["A3"].border.left.style == "thin"
    assert sheet["C5"].value.startswith("培训高素质农民")
    assert sheet["C5"].alignment.wrap_text


def test_score_sheet_prints_twenty_items_with_rescaled_total(ziyang):
    project, evaluation = ziyang
    data = render_form_xlsx(project, evaluation)
    sheet = load_sheet(data, "计分表")
    texts = sheet_texts(sheet)
    assert sheet["A1"].value == "2022年度市本级项目支出绩效自评计分表"
    assert "（社区养老服务站运营补贴项目）" in texts
    assert any("自评等级：优" in text for text in texts)
    assert "合计（折算得分）" in texts
    assert evaluation.rescaled
    assert texts.count("不适用") == 2
    for label in (
        "投入（25分）",
        "过程（25分）",
        "产出（20分）",
        "效果（30分）",
        "资金落实（10分）",
        "资金到位率（5分）",
    ):
        assert label in [text.replace("\n", "") for text in texts]
    header_row = _row_of(sheet, "三级指标")
    merged = {str(rng) for rng in sheet.merged_cells.ranges}
    assert f"A{header_row + 1}:A{header_row + 5}" in merged  # 投入 over its 5 items
    sum_row = _row_of(sheet, "合计（折算得分）")
    assert sum_row == header_row + 21
    assert Decimal(str(sheet[f"F{sum_row}"].value)) == evaluation.total


def test_goal_table_computes_carryover_and_ticks_the_project_type(ziyang):
    project, evaluation = ziyang
    sheet = load_sheet(render_form_xlsx(project, evaluation), "完成情况表")
    texts = sheet_texts(sheet)
    row = _row_of(sheet, "财政拨款")
    assert [sheet[f"{col}{row}"].value for col in "CDEF"] == [3000, 2400, 600, "20%"]
    type_row = _row_of(sheet, "民生保障")
    assert sheet[f"C{type_row + 1}"].value == "√"
    assert sheet[f"B{type_row + 1}"].value == "□"
    for label in ("年度总体目标", "年度绩效指标", "财政拨款结构", "预算指标值(包含数字及文字描述)"):
        assert label in texts


def test_national_scheme_prints_its_own_title(sichuan):
    from jixiao.scoring import score_project  # noqa: PLC0415

    project = sichuan[0]
    evaluation = score_project(project, "national-project-2020")[0]
    sheet = load_sheet(render_form_xlsx(project, evaluation), "自评表")
    assert sheet["A1"].value == "2024年项目支出绩效自评表"
