"""Demo data: an invented region 示例市财政局 with departments, units, accounts and ~10 projects.

Every name and number here is made up for the demo. Projects are moved through the real workflow
(`workflow.apply`) by the demo accounts, so the audit trail and dashboards look as in real use.
Project JSON files in `examples/` (written by the scoring examples) are added when present.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.api import Project
from jixiao.model import DIRECTION_SYMBOLS, Direction
from jixiao.web import services, workflow
from jixiao.web.models import Department, Profile, Region, Role, Unit

if TYPE_CHECKING:
    from pathlib import Path

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

DEMO_PASSWORD = "jixiao-demo"  # noqa: S105  documented in docs/user-guide.md; demo databases only
REGION = "示例市财政局"
DEPARTMENTS: dict[str, list[str]] = {
    "示例市教育局": ["示例市第一中学", "示例市实验小学"],
    "示例市卫生健康委员会": ["示例市疾病预防控制中心", "示例市人民医院"],
    "示例市农业农村局": ["示例市农业技术推广站"],
}
# (username, role, department index or None, unit (department, unit) index or None, full name)
ACCOUNTS: tuple[tuple[str, Role, int | None, tuple[int, int] | None, str], ...] = (
    ("unit1", Role.UNIT, None, (0, 0), "第一中学 填报人"),
    ("unit2", Role.UNIT, None, (0, 1), "实验小学 填报人"),
    ("unit3", Role.UNIT, None, (1, 0), "疾控中心 填报人"),
    ("unit4", Role.UNIT, None, (1, 1), "人民医院 填报人"),
    ("unit5", Role.UNIT, None, (2, 0), "农技站 填报人"),
    ("dept1", Role.DEPARTMENT, 0, None, "教育局 审核人"),
    ("dept2", Role.DEPARTMENT, 1, None, "卫健委 审核人"),
    ("dept3", Role.DEPARTMENT, 2, None, "农业农村局 审核人"),
    ("finance", Role.FINANCE, None, None, "财政局 审核人"),
    ("admin", Role.ADMIN, None, None, "系统管理员"),
)
# (unit index, name, budget 万元 (initial, adjusted, spent), indicators, steps to take)
Indicator = tuple[str, str, str, str, str, str, str, int, str]
DemoProject = tuple[tuple[int, int], str, tuple[str, str, str], tuple[Indicator, ...], tuple[str, ...]]
PROJECTS: tuple[DemoProject, ...] = (
    ((0, 0), "校园安全设施改造", ("120", "120", "118.5"), (
        ("产出指标", "数量指标", "改造监控点位", "at_least", "40", "个", "42", 30, "30"),
        ("产出指标", "质量指标", "验收合格率", "equal", "100", "%", "100", 20, "20"),
        ("效益指标", "社会效益指标", "校园安全事件下降", "qualitative", "明显下降", "", "明显下降", 30, "30"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "at_least", "90", "%", "95", 10, "10"),
    ), ("submit", "department_approve", "finance_approve", "publish")),
    ((0, 0), "中小学教师培训", ("45", "40", "31.2"), (
        ("产出指标", "数量指标", "培训教师人次", "at_least", "600", "人次", "480", 40, "32"),
        ("产出指标", "时效指标", "培训完成时间", "at_most", "12", "月", "12", 10, "10"),
        ("效益指标", "社会效益指标", "教学能力提升", "qualitative", "有效提升", "", "部分提升", 30, "24"),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "at_least", "85", "%", "88", 10, "10"),
    ), ("submit",)),
    ((0, 1), "义务教育学生营养改善", ("300", "310", "309"), (
        ("产出指标", "数量指标", "受益学生人数", "at_least", "2500", "人", "2560", 30, "30"),
        ("产出指标", "质量指标", "食品安全抽检合格率", "equal", "100", "%", "100", 20, "20"),
        ("效益指标", "社会效益指标", "学生营养状况改善", "qualitative", "改善", "", "改善", 30, "30"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "at_least", "90", "%", "93", 10, "10"),
    ), ("submit", "department_approve")),
    ((0, 1), "校舍维修", ("80", "80", "52"), (
        ("产出指标", "数量指标", "维修面积", "at_least", "3000", "平方米", "2100", 40, "40"),
        ("效益指标", "可持续影响指标", "校舍使用年限延长", "at_least", "10", "年", "10", 40, "40"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "at_least", "90", "%", "91", 10, "10"),
    ), ()),
    ((1, 0), "重大传染病防控", ("200", "220", "215"), (
        ("产出指标", "数量指标", "监测报告样本数", "at_least", "5000", "份", "5200", 30, "30"),
        ("产出指标", "时效指标", "疫情报告及时率", "at_least", "95", "%", "98", 20, "20"),
        ("效益指标", "社会效益指标", "重点传染病发病率", "at_most", "5", "‰", "4.2", 30, "30"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "at_least", "85", "%", "90", 10, "10"),
    ), ("submit", "department_approve", "finance_approve")),
    ((1, 0), "公共卫生应急物资储备", ("150", "150", "96"), (
        ("产出指标", "数量指标", "储备物资品种", "at_least", "30", "种", "24", 40, "40"),
        ("效益指标", "社会效益指标", "应急保障能力", "qualitative", "明显增强", "", "有所增强", 40, "40"),
        ("满意度指标", "服务对象满意度指标", "相关单位满意度", "at_least", "90", "%", "85", 10, "10"),
    ), ("submit", "return")),
    ((1, 1), "基层医疗设备购置", ("500", "480", "478"), (
        ("产出指标", "数量指标", "购置设备台数", "at_least", "60", "台", "60", 30, "30"),
        ("产出指标", "质量指标", "设备验收合格率", "equal", "100", "%", "100", 20, "20"),
        ("效益指标", "社会效益指标", "门诊检查能力", "qualitative", "提升", "", "提升", 30, "30"),
        ("满意度指标", "服务对象满意度指标", "患者满意度", "at_least", "90", "%", "94", 10, "10"),
    ), ("submit", "department_approve", "finance_approve", "publish")),
    ((1, 1), "老年人健康管理服务", ("60", "60", "57"), (
        ("产出指标", "数量指标", "健康体检人数", "at_least", "8000", "人", "7600", 40, "38"),
        ("效益指标", "社会效益指标", "慢病规范管理率", "at_least", "70", "%", "72", 40, "40"),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "at_least", "90", "%", "92", 10, "10"),
    ), ("submit",)),
    ((2, 0), "农业技术推广服务", ("90", "90", "88"), (
        ("产出指标", "数量指标", "技术培训场次", "at_least", "50", "场", "55", 30, "30"),
        ("产出指标", "质量指标", "主推技术到位率", "at_least", "95", "%", "96", 20, "20"),
        ("效益指标", "经济效益指标", "示范区亩均增收", "at_least", "200", "元", "230", 30, "30"),
        ("满意度指标", "服务对象满意度指标", "农户满意度", "at_least", "90", "%", "93", 10, "10"),
    ), ("submit", "department_approve", "finance_approve")),
    ((2, 0), "动物疫病防控", ("70", "75", "60"), (
        ("产出指标", "数量指标", "免疫畜禽数量", "at_least", "20", "万头（只）", "19", 40, "40"),
        ("效益指标", "社会效益指标", "重大动物疫情发生", "qualitative", "不发生", "", "未发生", 40, "40"),
        ("满意度指标", "服务对象满意度指标", "养殖户满意度", "at_least", "85", "%", "88", 10, "10"),
    ), ()),
)  # fmt: skip
# One project reports the end recipients of its money (点位) with their scores (rules.md §B7).
DEMO_POINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "农业技术推广服务": (
        ("示例镇甲", "96"),
        ("示例镇乙", "93"),
        ("示例镇丙", "90"),
        ("示例镇丁", "90"),
        ("示例镇戊", "88"),
        ("示例镇己", "86"),
        ("示例镇庚", "85"),
        ("示例镇辛", "82"),
        ("示例镇壬", "80"),
        ("示例镇癸", "72"),
    ),
}
TRANSITION_ACTOR = {
    "submit": "unit", "return": "department", "department_approve": "department",
    "finance_approve": "finance", "publish": "finance",
}  # fmt: skip


def build_project(department: str, unit: str, name: str, budget: tuple[str, str, str],
                  indicators: tuple[Indicator, ...]) -> Project:  # fmt: skip
    """A filled 自评表 with the stated scores a unit would type (the core scores and checks it)."""
    initial, adjusted, spent = budget
    money = {
        key: {"value": {"amount": text, "unit": "万元"}, "raw": text}
        for key, text in (("initial_budget", initial), ("adjusted_budget", adjusted), ("spent", spent))
    }
    rows: list[dict[str, Any]] = [
        {"source": "total", **money, "weight": 10, "score": None},
        {"source": "fiscal", **money},
    ]  # fmt: skip
    items = [
        {"level1": l1, "level2": l2, "name": n,
         "direction": {"value": d, "raw": DIRECTION_SYMBOLS[Direction(d)]},
         "target": t, "unit_of_measure": u, "actual": a,
         "weight": Decimal(w), "score": Decimal(s)}
        for l1, l2, n, d, t, u, a, w, s in indicators
    ]  # fmt: skip
    form = {
        "annual_goal": f"按计划完成{name}各项任务，资金使用规范，服务对象满意。",
        "goal_outcome": "年度目标基本完成，详见绩效指标完成情况。",
        "budget": {"rows": rows},
        "indicators": items,
        "total_weight": 100,
        "project_lead": "张三",
        "finance_lead": "李四",
    }
    payload: dict[str, Any] = {
        "name": name, "year": 2025, "department": department, "unit": unit, "self_eval_form": form,
    }  # fmt: skip
    if name in DEMO_POINTS:
        points = [{"name": point, "score": Decimal(score)} for point, score in DEMO_POINTS[name]]
        payload["report"] = {"kind": "sichuan_special", "allocation_points": points}
    return Project.model_validate(payload)


def _accounts(units: list[list[Unit]], departments: list[Department], region: Region) -> dict[str, Any]:
    user_model = get_user_model()
    users = {}
    for username, role, dept_index, unit_index, full_name in ACCOUNTS:
        user = user_model.objects.create_user(
            username, password=DEMO_PASSWORD, first_name=full_name,
            is_staff=role is Role.ADMIN, is_superuser=role is Role.ADMIN,
        )  # fmt: skip
        Profile.objects.create(
            user=user, role=role, region=region,
            department=departments[dept_index] if dept_index is not None else None,
            unit=units[unit_index[0]][unit_index[1]] if unit_index else None,
        )  # fmt: skip
        users[username] = user
    return users


def _actor(users: dict[str, AbstractBaseUser], step: str, unit_index: tuple[int, int]) -> AbstractBaseUser:
    kind = TRANSITION_ACTOR[step]
    if kind == "unit":
        return next(users[a[0]] for a in ACCOUNTS if a[3] == unit_index)
    if kind == "department":
        return next(users[a[0]] for a in ACCOUNTS if a[1] is Role.DEPARTMENT and a[2] == unit_index[0])
    return users["finance"]


@transaction.atomic
def load_demo(examples_dir: Path | None = None) -> dict[str, Any]:
    """Create the demo region, accounts and projects; returns the users by name. Refuses a used database."""
    if Region.objects.filter(name=REGION).exists():
        return {}
    region = Region.objects.create(name=REGION)
    departments = [Department.objects.create(region=region, name=name) for name in DEPARTMENTS]
    units = [
        [Unit.objects.create(department=dept, name=name) for name in DEPARTMENTS[dept.name]]
        for dept in departments
    ]
    users = _accounts(units, departments, region)
    for unit_index, name, budget, indicators, steps in PROJECTS:
        unit = units[unit_index[0]][unit_index[1]]
        project = build_project(unit.department.name, unit.name, name, budget, indicators)
        record = services.create_project(_actor(users, "submit", unit_index), unit, project)
        for step in steps:
            comment = "请补充未完成指标的原因分析，并核对预算执行数。" if step == "return" else ""
            workflow.apply(_actor(users, step, unit_index), record, step, comment=comment)
    for index, path in enumerate(sorted(examples_dir.glob("*.json")) if examples_dir else []):
        unit_index = ACCOUNTS[index % 5][3] or (0, 0)
        try:
            project = Project.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
        services.create_project(
            _actor(users, "submit", unit_index), units[unit_index[0]][unit_index[1]], project
        )
    return users
