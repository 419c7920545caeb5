"""Printed texts of the 计分表's 20 common indicators (财预〔2013〕53号 附件, as the Ziyang form prints them).

`EXPLANATIONS` fills the 指标解释 column; `FORMULA_NOTES` fills 指标说明（评价计分标准） for items scored by
a formula (rubric items print their ①② steps from the scheme). Keys are the scheme's item ids of
`common-2013-ziyang-2022`. These are the national definitions, not any unit's data; the 计分 clauses in
brackets are Ziyang's local rules (rules.md §C1, §H-13). Candidates to move into the scheme file.
"""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    "project_initiation_compliance": (
        "项目的申请、设立过程是否符合相关要求，用以反映和考核项目立项的规范情况。"
    ),
    "goal_reasonableness": (
        "项目所设定的绩效目标是否依据充分，是否符合客观实际，用以反映和考核项目绩效目标与项目实施的相符情况。"
    ),
    "indicator_clarity": (
        "依据绩效目标设定的绩效指标是否清晰、细化、可衡量等，用以反映和考核项目绩效目标的明细化情况。"
    ),
    "funds_in_place_rate": (
        "实际到位资金与计划投入资金的比率，用以反映和考核资金落实情况对项目实施的总体保障程度。"
    ),
    "funds_timely_rate": "及时到位资金与应到位资金的比率，用以反映和考核项目资金落实的及时性程度。",
    "business_rules_soundness": (
        "项目实施单位的业务管理制度是否健全，用以反映和考核业务管理制度对项目顺利实施的保障情况。"
    ),
    "rules_execution_effectiveness": (
        "项目实施是否符合相关业务管理规定，用以反映和考核业务管理制度的有效执行情况。"
    ),
    "quality_controllability": (
        "项目实施单位是否为达到项目质量要求而采取了必需的措施，用以反映和考核项目实施单位对项目质量的控制情况。"
    ),
    "finance_rules_soundness": (
        "项目实施单位的财务制度是否健全，用以反映和考核财务管理制度对资金规范、安全运行的保障情况。"
    ),
    "funds_use_compliance": (
        "项目资金使用是否符合相关的财务管理制度规定，用以反映和考核项目资金的规范运行情况。"
    ),
    "finance_monitoring_effectiveness": (
        "项目实施单位是否为保障资金的安全、规范运行而采取了必要的监控措施，"
        "用以反映和考核项目实施单位对资金运行的控制情况。"
    ),
    "actual_completion_rate": (
        "项目实施的实际产出数与计划产出数的比率，用以反映和考核项目产出数量目标的实现程度。"
    ),
    "completion_timeliness": (
        "项目实际提前完成时间与计划完成时间的比率，用以反映和考核项目产出时效目标的实现程度。"
    ),
    "quality_rate": "项目完成的质量达标产出数与实际产出数的比率，用以反映和考核项目产出质量目标的实现程度。",
    "cost_saving_rate": (
        "完成项目计划工作目标的实际节约成本与计划成本的比率，用以反映和考核项目的成本节约程度。"
    ),
    "economic_benefit": "项目实施对经济发展所带来的直接或间接影响情况。",
    "social_benefit": "项目实施对社会发展所带来的直接或间接影响情况。",
    "ecological_benefit": "项目实施对生态环境所带来的直接或间接影响情况。",
    "sustainable_impact": "项目后续运行及成效发挥的可持续影响情况。",
    "satisfaction": "社会公众或服务对象对项目实施效果的满意程度。",
}

_BENEFITS = (
    "此四项指标为项目支出绩效评价指标的共性要素，各单位按照项目支出绩效目标实现程度为依据。"
    "（按经济效益实现程度*5分、社会效益实现程度*5分、生态效益实现程度*5分、可持续影响程度*5分计算实际得分）"
)

FORMULA_NOTES: dict[str, str] = {
    "funds_in_place_rate": (
        "资金到位率=（实际到位资金/计划投入资金）×100%。（达到目标值得5分，每少一个百分点扣1分，扣完为止）"
    ),
    "funds_timely_rate": (
        "到位及时率=（及时到位资金/应到位资金）×100%。（达到目标值得5分，每少一个百分点扣1分，扣完为止）"
    ),
    "actual_completion_rate": "实际完成率=（实际产出数/计划产出数）×100%。（得分=实际完成率*4分）",
    "completion_timeliness": (
        "完成及时率=[（计划完成时间-实际完成时间）/计划完成时间]×100%。（1--4季度各得1.5分）"
    ),
    "quality_rate": "质量达标率=（质量达标产出数/实际产出数）×100%。（得分=达标率*5分）",
    "cost_saving_rate": ("成本节约率=[（计划成本-实际成本）/计划成本]×100%。(节约的计5分,增加的按比例扣分)"),
    "economic_benefit": _BENEFITS,
    "social_benefit": _BENEFITS,
    "ecological_benefit": _BENEFITS,
    "sustainable_impact": _BENEFITS,
    "satisfaction": (
        "社会公众或服务对象是指因该项目实施而受到影响的部门（单位）、群体或个人。"
        "一般采取社会调查的方式。（按收到的服务对象的满意率计算得分）"
    ),
}
