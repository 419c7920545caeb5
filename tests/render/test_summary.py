"""The department summary workbook: one row per project, findings by severity, totals, filter, widths."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from render_samples import load_sheet

from jixiao.model import Finding, Severity
from jixiao.render.summary import render_summary


def test_summary_has_a_row_per_project_and_a_totals_row(sichuan, ziyang):
    (first, first_eval), (second, second_eval) = sichuan, ziyang
    findings = [
        Finding("G10", Severity.error, first.title, "m"),
        Finding("G11", Severity.warning, first.title, "m"),
        Finding("G11", Severity.warning, first.title, "m"),
        Finding("G30", Severity.info, second.title, "m"),
    ]
    data = render_summary([first, second], [first_eval, second_eval], findings)
    sheet = load_sheet(data, "项目汇总")
    assert [cell.value for cell in sheet[1]][:7] == ["预算单位", "项目名称", "预算数（万元）", "执行数（万元）",
                                                    "预算执行率", "自评总分", "等级"]  # fmt: skip
    row = [cell.value for cell in sheet[2]]
    assert row[:2] == ["测试县农业技术推广中心", "高素质农民培育补助资金"]
    assert row[2:5] == [40, 38.2, 0.955]
    assert Decimal(str(row[5])) == first_eval.total
    assert row[6:] == ["优", 1, 2, 0]
    ziyang_row = [cell.value for cell in sheet[3]]
    assert ziyang_row[2:5] == [30, 24, 0.8]  # 3000 / 2400 百元 → 万元
    assert ziyang_row[7:] == [0, 0, 1]
    totals = [cell.value for cell in sheet[4]]
    assert totals[0] == "合计"
    assert totals[2:5] == [70, 62.2, 0.8886]
    mean = ((first_eval.total + second_eval.total) / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(str(totals[5])) == mean
    assert totals[7:] == [1, 2, 1]
    assert sheet.auto_filter.ref == "A1:J3"
    assert sheet.column_dimensions["B"].width == 34
    assert sheet["E2"].number_format == "0.00%"
