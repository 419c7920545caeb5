"""The narrative 自评报告: sections as in the seeds, numbers from the model and scores, chart embedded."""

from __future__ import annotations

import io
import zipfile

from jixiao.model import Project
from jixiao.read.docx import read_docx
from jixiao.render.report import render_report_docx
from jixiao.scoring import score_project


def _paragraphs(data: bytes) -> list[str]:
    return [
        paragraph.text for paragraph in read_docx("report.docx", data).paragraphs if paragraph.text.strip()
    ]


def _in_order(texts: list[str], headings: list[str]) -> bool:
    positions = [next((i for i, text in enumerate(texts) if text.startswith(h)), -1) for h in headings]
    return -1 not in positions and positions == sorted(positions)


def test_sichuan_report_follows_the_seed_outline_with_computed_numbers(sichuan):
    project, evaluation = sichuan
    data = render_report_docx(project, [evaluation])
    texts = _paragraphs(data)
    assert texts[:2] == ["2024年专项预算项目绩效自评报告", "（高素质农民培育补助资金专项资金）"]
    outline = ["一、项目概况", "（一）设立背景及基本情况", "（四）项目绩效目标设置", "二、评价实施", "三、绩效分析",
               "（一）通用指标绩效分析", "（二）专用指标绩效分析", "（三）个性指标绩效分析", "四、评价结论",
               "五、存在主要问题", "六、改进建议", "附表：1.项目资金分配涉及所有点位自评得分情况"]  # fmt: skip
    assert _in_order(texts, outline)
    body = "\n".join(texts)
    assert (
        "2024年度，项目年初预算36.50万元，调整后预算40.00万元，实际执行38.20万元，预算执行率95.5%。" in body
    )
    assert "该项目综合得分为98.55分，评估等级为优。" in body
    assert (
        "实际完成380人次（完成率95%），未达到年度目标，得19分（权重20分）。未完成原因：两个乡镇因汛期推迟培训。"
        in body
    )
    assert "超额完成年度目标" in body
    assert "1、产业发展。该项目属于此类" in body
    assert "2、民生保障。该项目不涉及。" in body
    assert "部分乡镇培训进度滞后" in body
    assert evaluation.total == evaluation.raw_total


def test_sichuan_report_uses_the_report_scheme_for_general_and_special_points(examples_dir):
    project = Project.model_validate_json((examples_dir / "sichuan-special-culture.json").read_text("utf-8"))
    evaluations = score_project(project)
    report_eval = next(e for e in evaluations if e.scheme == "sichuan-special-report")
    form_eval = next(e for e in evaluations if e.scheme == "sichuan-project-2023")
    body = "\n".join(_paragraphs(render_report_docx(project, evaluations, chart=False)))
    for item in report_eval.items:
        if item.id != "special":
            assert f"{item.name}。自评得分" in body
    assert f"该项目综合得分为{report_eval.total.normalize():f}分" in body
    if form_eval.total != report_eval.total:
        assert "按《部门预算项目支出绩效自评表》计分为" in body


def test_ziyang_report_analyses_input_process_output_effect(ziyang):
    project, evaluation = ziyang
    data = render_report_docx(project, [evaluation])
    texts = _paragraphs(data)
    assert texts[0] == "社区养老服务站运营补贴项目支出绩效自评报告"
    assert _in_order(texts, ["一、项目基本情况", "二、绩效自评工作情况", "三、评价结论", "四、绩效分析",
                             "五、存在的问题和建议"])  # fmt: skip
    body = "\n".join(texts)
    groups = {group.id: group for group in evaluation.groups}
    assert f"（一）投入得{groups['input'].score.normalize():f}分（满分25分）。" in body
    assert "适用指标满分90分，实得86.2分，折算为百分制得分95.78分，自评等级为“优”。" in body
    assert (
        "资金来源：2022年预算安排30万元。资金使用情况：实际使用24万元，资金使用率为80%，结转结余6万元。"
        in body
    )
    assert "1.2 资金落实得7分（满分10分）。" in body
    assert "1.2.2 到位及时率（5分）：经自查，自评得分2分（满分5分），扣3分。第四季度资金延迟到位。" in body
    assert "公益项目，不产生直接经济效益。此项指标不适用于本项目" in body
    assert "「服务老人人数」预算指标值为“200名”，执行结果为“190名”，偏差情况及原因：护理员离职。" in body


def test_report_embeds_the_chart_and_the_appended_forms(ziyang):
    data = render_report_docx(*(ziyang[0], [ziyang[1]]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
    assert len(media) == 1
    document = read_docx("report.docx", data)
    assert len(document.tables) == 2  # 附件: 计分表 and 完成情况表


def test_imported_lizhou_report_keeps_the_units_words_with_computed_points(fixtures_dir):
    from jixiao.recognize import import_file  # noqa: PLC0415

    project = import_file(fixtures_dir / "lizhou-2023-p1.docx").projects[0]
    evaluations = score_project(project)
    body = "\n".join(_paragraphs(render_report_docx(project, evaluations, chart=False)))
    assert "1、项目决策。项目决策程序严密，" in body
    assert "项目绩效监管按要求开展，自评得分25分（满分25分）。" in body  # a part split over two paragraphs
    assert "该项目综合得分为100分，评估等级为优。" in body
    assert "「每月维护次数」年度目标不低于4次，实际完成4次，达到年度目标，得10分（权重10分）。" in body
