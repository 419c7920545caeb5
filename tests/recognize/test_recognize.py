"""Recognition of the seed forms and reports: key values, locations, pairing and robustness."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Direction, ProjectType
from jixiao.read.document import Document, Table
from jixiao.read.text import read_text
from jixiao.recognize import import_bytes, import_file, recognize_document
from jixiao.recognize.assemble import similarity

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _projects(name: str) -> list:
    return list(import_file(SEEDS / name).projects)


def test_sms_platform_form_states_total_90_at_its_total_row() -> None:
    (project,) = _projects("lizhou-2023-p2.txt")
    form = project.self_eval_form
    assert form is not None
    assert form.total_score.value == Decimal(90)
    assert form.total_weight.value == Decimal(90)
    assert form.total_score.location is not None
    assert (form.total_score.location.row, form.total_score.location.col) == (23, 3)  # as STYLE §4 quotes
    assert form.total_score.location.label == "合计"
    assert sum(i.weight.value or 0 for i in form.indicators) == Decimal(90)


def test_investment_form_budget_scores_8_at_full_execution() -> None:
    (project,) = _projects("lizhou-2023-p5.txt")
    assert project.self_eval_form is not None
    total = project.self_eval_form.budget.total
    assert total is not None
    assert total.score.value == Decimal(8)
    assert total.execution_rate.value == Decimal(1)
    assert total.adjusted_budget.value is not None
    assert total.adjusted_budget.value.amount == Decimal("6.51")
    assert project.report is not None
    assert project.report.group_scores["implementation"].value == Decimal(18)
    assert project.report.stated_total.value == Decimal(98)


def test_ziyang_attachment_5_states_79_3_and_good() -> None:
    (project,) = _projects("ziyang-2022-a05.txt")
    assert project.score_sheet is not None
    assert project.score_sheet.total_score.value == Decimal("79.3")
    assert project.score_sheet.stated_grade.value == "良"
    assert project.report is not None
    assert project.report.stated_grade.value == "良"
    assert project.project_type.value is ProjectType.administration
    assert project.goal_table is not None
    assert project.goal_table.funds[0].budget.value is not None
    assert project.goal_table.funds[0].budget.value.unit.value == "百元"


def test_split_cells_not_applicable_and_measures_in_the_pdf_like_dump() -> None:
    (project,) = _projects("ziyang-2022-a02.txt")
    sheet = project.score_sheet
    assert sheet is not None
    items = {item.id: item for item in sheet.items}
    assert len(items) == 20
    assert "到位50万元" in (items["funds_timely_rate"].basis.value or "")
    assert [i for i in items if items[i].not_applicable] == [
        "economic_benefit",
        "ecological_benefit",
        "sustainable_impact",
    ]
    assert items["satisfaction"].measures["rate"].value == Decimal("0.9425")
    assert items["funds_in_place_rate"].measures["rate"].value == Decimal(1)
    assert items["finance_rules_soundness"].points.value == Decimal(3)
    assert sheet.rescaled_total.value == Decimal("87.53")


def test_combined_file_pairs_each_report_with_its_form_by_name() -> None:
    projects = _projects("lizhou-2023-combined.txt")
    assert len(projects) == 4
    for project in projects:
        assert project.self_eval_form is not None
        assert project.report is not None
        assert similarity(project.title, project.report.project_name.value or "") == 1.0
    totals = {p.title: p.report.stated_total.value for p in projects if p.report}
    assert totals["投融资理财非法集资问题处置经费"] == Decimal(98)


def test_a_report_without_its_form_is_kept_and_reported() -> None:
    doc = read_text("c.txt", (SEEDS / "lizhou-2023-combined.txt").read_bytes())
    first_form = next(i for i, block in enumerate(doc.blocks) if isinstance(block, Table))
    projects, findings = recognize_document(
        Document(doc.file, doc.blocks[:first_form] + doc.blocks[first_form + 1 :])
    )
    assert len(projects) == 4
    alone = [p for p in projects if p.self_eval_form is None]
    assert len(alone) == 1
    assert alone[0].report is not None
    assert "视频接访" in alone[0].title
    assert [(f.rule, f.name) for f in findings if f.rule == "I03"] == [("I03", "unpaired-report")]


def test_labels_with_spaces_full_width_and_bookmarks_are_recognized() -> None:
    text = (
        "\t2023年部门预算项目支出绩效自评表\n\n\t项 目 名 称\n\t某项目\n\n"
        "\t预算执行情况（10分）\n\t年度预算数\n\t年初预算\n\t调整后预算数\n\t预算执行数\n\t预算执行率\n\t权重％\n\t自评得分\n\t原因\n\n"
        "\t\n\t总　额\n\t２万元\n\t\n\t2万元\n\t100％\n\t10\n\t9\n\t\n\n"
        "\t绩效指标（90分）\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标性质\n\t指标值\n\t度量单位\n\t完成值\n\t权重\n\t自评得分\n\t未完成原因分析\n\n"
        "\t\n\t产出指标\n\t数量指标\n\t次数\n\t[bookmark: OLE_LINK7]＞＝\n\t4\n\t次\n\t4次\n\t90\n\t88\n\t\n\n"
        "\t绩效指标（90分）\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标性质\n\t指标值\n\t度量单位\n\t完成值\n\t权重\n\t自评得分\n\t未完成原因分析\n\n"
        "\t合计\n\t100\n\t97\n"
    )
    result = import_bytes("x.txt", text.encode())
    (project,) = result.projects
    form = project.self_eval_form
    assert form is not None
    assert project.name.value == "某项目"
    assert project.year.value == 2023
    total = form.budget.total
    assert total is not None
    assert total.initial_budget.value is not None
    assert total.initial_budget.value.amount == Decimal(2)
    assert total.score.value == Decimal(9)
    (indicator,) = form.indicators  # the repeated header row is skipped
    assert indicator.direction.value is Direction.at_least
    assert indicator.score.value == Decimal(88)
    assert form.total_score.value == Decimal(97)


def test_unreadable_input_becomes_an_error_not_an_exception() -> None:
    result = import_bytes("bad.docx", b"\x00\x01not a zip")
    assert result.projects == ()
    assert result.errors
    assert "bad.docx" in result.errors[0]


def test_a_text_without_forms_gives_an_unknown_layout_finding() -> None:
    result = import_bytes("note.txt", "这是一份说明。\n".encode())
    assert result.projects == ()
    assert [f.rule for f in result.findings] == ["I02"]


def test_similarity_ignores_filler_words() -> None:
    assert similarity("视频接访及视频会议维护经费", "视频接访及视频会议维护经费专项资金") == 1.0
    assert similarity("民政福利园区公共区域管理项目", "民政福利园区公共区域管理经费") == 1.0
    assert similarity("幸福资阳行慰问经费", "老年大学教学经费") < 0.6


_FORM_HEAD = (
    "\t2023年部门预算项目支出绩效自评表\n\n\t项目名称\n\t某项目\n\n"
    "\t绩效指标（90分）\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标性质\n\t指标值\n\t度量单位\n\t完成值\n\t权重\n\t自评得分\n\t未完成原因分析\n\n"
)


def test_a_row_split_at_a_page_break_continues_the_indicator_above() -> None:
    text = _FORM_HEAD + (
        "\t\n\t产出指标\n\t质量指标\n\t运行效果\n\t定性\n\t正常\n\t\n\t基本\n\t10\n\t8\n\t部分设备\n\n"
        "\t\n\t\n\t\n\t\n\t\n\t\n\t\n\t正常\n\t\n\t\n\t老化\n\n"
        "\t合计\n\t10\n\t8\n"
    )
    (project,) = import_bytes("split.txt", text.encode()).projects
    assert project.self_eval_form is not None
    (indicator,) = project.self_eval_form.indicators
    assert indicator.actual.value == "基本\n正常"
    assert indicator.shortfall_reason.value == "部分设备\n老化"
    assert indicator.score.value == Decimal(8)


def test_a_score_that_is_not_a_number_is_kept_as_text_with_an_i01_finding() -> None:
    text = _FORM_HEAD + (
        "\t\n\t产出指标\n\t数量指标\n\t次数\n\t≥\n\t4\n\t次\n\t4次\n\t十\n\t约八分\n\t\n\n\t合计\n\t100\n\t98\n"
    )
    result = import_bytes("bad-score.txt", text.encode())
    (project,) = result.projects
    assert project.self_eval_form is not None
    (indicator,) = project.self_eval_form.indicators
    assert indicator.score.value is None
    assert indicator.score.raw == "约八分"
    unparsed = [f for f in result.findings if f.rule == "I01"]
    assert {f.values["raw"] for f in unparsed} == {"十", "约八分"}
    assert all(f.project == "某项目" for f in unparsed)
    assert unparsed[0].locations[0].paragraph is not None


def test_goal_table_rows_split_at_a_page_break_and_repeated_headers() -> None:
    header = (
        "\t年度绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t预算指标值(包含数字及文字描述)\n"
        "\t预算指标值执行结果(包含数字及文字描述)\n\t预算指标值与预算指标值执行结果偏差情况及原因分析\n\n"
    )
    text = (
        "\t项目名称\n\t某项目\n\n\t项目类型\n\t产业发展\n\t民生保障\n\t基础设施\n\t行政运行\n\n\t\n\t□\n\t√\n\t□\n\t□\n\n"
        "\t预算执行情况\n\t项目\n\t预算额(百元)\n\t执行额(百元)\n\t当年结转结余额(百元)\n\t结转结余率%\n\t结转结余变动率%\n\n"
        "\t\n\t合计\n\t100\n\t80\n\t20\n\t20%\n\t\n\n"
        + header
        + "\t\n\t项目完成\n\t数量指标\n\t指标1\n\t慰问100\n\t慰问80\n\t资金\n\n"
        + header
        + "\t\n\t\n\t\n\t\n\t户\n\t户\n\t未到位\n"
    )
    (project,) = import_bytes("g.txt", text.encode()).projects
    table = project.goal_table
    assert table is not None
    assert project.project_type.value is ProjectType.livelihood
    (row,) = table.indicators
    assert row.target.value == "慰问100\n户"
    assert row.deviation.value == "资金\n未到位"
    assert table.funds[0].carryover_rate.value == Decimal("0.20")
