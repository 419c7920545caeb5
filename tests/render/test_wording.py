"""Report wording: met, unmet, over-achieved and 不适用 sentences carry the numbers and the unit's reasons."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Grade, Indicator, ScoredEvaluation, ScoredItem
from jixiao.render import wording

D = Decimal


def _indicator(**fields: object) -> Indicator:
    base = {
        "name": "培训农户人次",
        "direction": "at_least",
        "target": "400",
        "unit_of_measure": "人次",
        "weight": 20,
    }
    return Indicator.model_validate({**base, **fields})


def _item(score: str | None, weight: str = "20", **fields: object) -> ScoredItem:
    return ScoredItem(id="indicators[0]", name="x", weight=D(weight), score=None if score is None else D(score),
                      explanation="", **fields)  # fmt: skip


def test_unmet_indicator_states_target_actual_rate_score_and_reason():
    indicator = _indicator(actual="380", shortfall_reason="两个乡镇因汛期推迟培训")
    text = wording.indicator_sentence(indicator, _item("19"))
    assert text == (
        "「培训农户人次」年度目标不低于400人次，实际完成380人次（完成率95%），未达到年度目标，"
        "得19分（权重20分）。未完成原因：两个乡镇因汛期推迟培训。"
    )


def test_unmet_indicator_without_reason_asks_for_one():
    text = wording.indicator_sentence(_indicator(actual="300"), _item("15"))
    assert "完成率75%" in text
    assert text.endswith("单位未填写未完成原因，应补充说明原因及改进措施。")


def test_over_achieved_indicator_says_so_with_the_rate_and_reason():
    indicator = _indicator(name="带动就业人数", target="50", unit_of_measure="人", actual="80",
                           shortfall_reason="新增两家合作社吸纳就业")  # fmt: skip
    text = wording.indicator_sentence(indicator, _item("20", flags=("over_achievement",)))
    assert "年度目标不低于50人，实际完成80人（完成率160%），超额完成年度目标" in text
    assert "超额原因：新增两家合作社吸纳就业。" in text


def test_over_achieved_without_reason_flags_a_low_target():
    text = wording.indicator_sentence(_indicator(actual="800"), _item("20", flags=("over_achievement",)))
    assert text.endswith("实际完成情况超计划较大，应分析目标值是否设置偏低。")


def test_met_qualitative_indicator_quotes_the_target_text():
    indicator = _indicator(name="维护后系统运行效果", direction="qualitative", target="正常", unit_of_measure="",
                           actual="正常", weight=10)  # fmt: skip
    text = wording.indicator_sentence(indicator, _item("10", "10"))
    assert text == "「维护后系统运行效果」年度目标为“正常”，实际完成正常，达到年度目标，得10分（权重10分）。"


def test_reverse_indicator_reads_not_more_than_and_keeps_units_in_values():
    indicator = _indicator(
        name="全年维护费用", direction="at_most", target="1.8万元", unit_of_measure="", actual="1.8万元"
    )
    text = wording.indicator_sentence(indicator, _item("10", "10"))
    assert text.startswith("「全年维护费用」年度目标不高于1.8万元，实际完成1.8万元，达到年度目标")


def test_not_applicable_is_justified_with_the_units_text_or_a_default():
    item = _item(None, "5", not_applicable=True)
    stated = wording.indicator_sentence(_indicator(name="经济效益", shortfall_reason="公益项目"), item)
    assert stated.endswith("不纳入评分范围，总分按适用指标折算为百分制。理由：公益项目。")
    default = wording.sheet_item_sentence(item, "")
    assert default.startswith("该项目不产生此类效益。此项指标不适用于本项目")


def test_sheet_item_sentence_names_points_lost():
    text = wording.sheet_item_sentence(_item("2", "5"), "第四季度资金延迟到位")
    assert text == "经自查，自评得分2分（满分5分），扣3分。第四季度资金延迟到位。"


def test_total_sentence_explains_the_rescaling():
    evaluation = ScoredEvaluation(project="p", scheme="s", items=(), raw_total=D("74.4"), applicable_max=D(85),
                                  total=D("87.53"), rescaled=True, grade=Grade.good)  # fmt: skip
    text = wording.total_sentence(evaluation, "2022年度市本级项目支出绩效自评计分表")
    assert text == (
        "对照“2022年度市本级项目支出绩效自评计分表”逐项开展了自评，适用指标满分85分，实得74.4分，"
        "折算为百分制得分87.53分，自评等级为“良”。"
    )


def test_outcome_counts_and_goal_rows():
    kinds = [wording.Outcome.met, wording.Outcome.met, wording.Outcome.unmet, wording.Outcome.over]
    assert (
        wording.outcome_counts(kinds)
        == "共设置4项三级指标，其中2项达到年度目标、1项超额完成、1项未达到年度目标。"
    )
    assert wording.goal_row_sentence("服务人数", "200名", "200名", "与目标值一致").endswith("与目标值一致。")
    assert wording.goal_row_sentence("服务人数", "200名", "190名", "护理员离职").endswith(
        "偏差情况及原因：护理员离职。"
    )


def test_chinese_numbers_for_enumerations():
    assert [wording.chinese_number(n) for n in (1, 9, 10, 11, 20, 25)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十五",
    ]
