"""Generate N Sichuan 自评表 forms with jixiao's own renderer, half .docx and half .xlsx (issue 7).

Content varies (project names, units, departments, indicators, weights, targets, actuals, budgets) and
about a third of the forms carry an injected mistake, recorded in `truth.json`:

- wrong_total: the 合计 score is not budget score + Σ indicator scores (G12);
- score_above_weight: an indicator scored above its weight (G07);
- missing_actual: a quantitative indicator without 完成值 (G09);
- over_achievement: actual ≥ 1.3 × target with no explanation (G11);
- wrong_rate: the printed 预算执行率 disagrees with 执行数 / 预算数 (G01). The renderer prints the rate it
  computes, so this mistake is made the way a person makes it: after rendering, the 总额 row's 执行率
  cell of the saved file is overwritten (the .xlsx cell through openpyxl, the .docx cell's text in
  word/document.xml) with a rate 2–15 percentage points off;
- weights_not_90: indicator weights do not add up to 90 (G04).

Deterministic for a given --seed. Usage:

    .venv/bin/python bench/gen_forms.py --count 10000 --out bench/results/forms [--workers 2]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from lxml import etree

from jixiao.api import render_form_docx, render_form_xlsx
from jixiao.model import BudgetExecution, FundRow, FundSource, Indicator, Money, Project, SelfEvalForm

MISTAKES = (
    "wrong_total",
    "score_above_weight",
    "missing_actual",
    "over_achievement",
    "wrong_rate",
    "weights_not_90",
)
INDICATOR_MISTAKES = frozenset({"score_above_weight", "missing_actual", "over_achievement"})
PLACES = ("利州区", "昭化区", "朝天区", "旺苍县", "青川县", "剑阁县", "苍溪县", "东河镇", "宝轮镇", "三堆镇")
DEPARTMENTS = (
    "教育局",
    "卫生健康局",
    "民政局",
    "农业农村局",
    "交通运输局",
    "住房和城乡建设局",
    "信访局",
    "文化广电旅游局",
)
SUBJECTS = (
    "农村道路", "校舍维修", "社区养老", "饮水安全", "乡村振兴", "图书馆运行", "视频会议系统",
    "垃圾分类", "医疗救助", "高标准农田", "人才引进", "消防设施", "河道治理", "公共卫生",
)  # fmt: skip
KINDS = ("建设项目", "运行经费", "补助资金", "专项经费", "维护经费")
# (level1, level2, name, unit, direction) templates; the number is drawn per form.
QUANTITATIVE = (
    ("产出指标", "数量指标", "完成{s}数量", "个", "≥"),
    ("产出指标", "数量指标", "受益人数", "人", "≥"),
    ("产出指标", "质量指标", "验收合格率", "%", "≥"),
    ("产出指标", "时效指标", "完成时间", "月", "≤"),
    ("成本指标", "经济成本指标", "单位成本", "万元", "≤"),
    ("效益指标", "社会效益指标", "覆盖率", "%", "≥"),
    ("效益指标", "经济效益指标", "带动增收", "万元", "≥"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "%", "≥"),
)
QUALITATIVE = (
    ("效益指标", "社会效益指标", "群众生活条件", "明显改善"),
    ("效益指标", "可持续影响指标", "长效管护机制", "健全"),
    ("产出指标", "质量指标", "工程质量", "达标"),
)
TWO = Decimal("0.01")


def split_weights(rng: random.Random, count: int, total: int) -> list[int]:
    """Split `total` into `count` positive integer weights."""
    cuts = sorted(rng.sample(range(1, total), count - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def make_indicators(rng: random.Random, subject: str, mistake: str | None) -> tuple[list[Indicator], bool]:
    """Return the indicator rows and whether an indicator-level mistake could be injected."""
    count = rng.randint(5, 12)
    weights = split_weights(rng, count, 90 if mistake != "weights_not_90" else rng.choice((85, 95, 100)))
    rows: list[dict[str, object]] = []
    for weight in weights:
        if rng.random() < 0.2:
            level1, level2, name, target = rng.choice(QUALITATIVE)
            row = {"level1": level1, "level2": level2, "name": name, "direction": "定性", "target": target,
                   "actual": target, "unit_of_measure": "", "weight": weight, "score": weight}  # fmt: skip
        else:
            level1, level2, name, unit, symbol = rng.choice(QUANTITATIVE)
            row = _quantitative(rng, (level1, level2, name.format(s=subject), unit, symbol), weight)
        rows.append(row)
    applied = _inject_indicator_mistake(rng, rows, mistake)
    return [_indicator(row) for row in rows], applied


def _quantitative(rng: random.Random, template: tuple[str, ...], weight: int) -> dict[str, object]:
    level1, level2, name, unit, symbol = template
    target = Decimal(rng.choice((95, 98, 100))) if unit == "%" else Decimal(rng.randint(2, 500))
    ratio = Decimal(rng.choice(("1", "1", "1", "0.9", "0.8", "1.1")))
    actual = (target * ratio).quantize(Decimal(1), ROUND_HALF_UP)
    if unit == "%":
        actual = min(actual, Decimal(100))
    achieved = actual >= target if symbol == "≥" else actual <= target
    score = Decimal(weight) if achieved else (Decimal(weight) * actual / target).quantize(TWO, ROUND_HALF_UP)
    if symbol == "≤" and not achieved:
        score = (Decimal(weight) * target / actual).quantize(TWO, ROUND_HALF_UP)
    reason = "" if achieved else "受物价上涨和工期影响，部分任务顺延至下年度完成"
    return {"level1": level1, "level2": level2, "name": name, "direction": symbol, "target": str(target),
            "actual": str(actual), "unit_of_measure": unit, "weight": weight, "score": score,
            "shortfall_reason": reason}  # fmt: skip


def _inject_indicator_mistake(rng: random.Random, rows: list[dict[str, object]], mistake: str | None) -> bool:
    """Inject an indicator-level mistake into one quantitative row; False when none could be."""
    quantitative = [row for row in rows if row["direction"] != "定性"]
    if not quantitative:
        return False
    row = rng.choice(quantitative)
    if mistake == "score_above_weight":
        row["score"] = Decimal(str(row["weight"])) + 2
    elif mistake == "missing_actual":
        row["actual"] = ""
    elif mistake == "over_achievement" and row["direction"] == "≥" and row["unit_of_measure"] != "%":
        row["actual"] = str((Decimal(str(row["target"])) * Decimal("1.6")).quantize(Decimal(1)))
        row["score"] = row["weight"]
    elif mistake in {"score_above_weight", "missing_actual", "over_achievement"}:
        return False
    return True


def _indicator(row: dict[str, object]) -> Indicator:
    direction = {"≥": "at_least", "≤": "at_most", "定性": "qualitative"}[str(row["direction"])]
    stated = {key: {"value": value, "raw": str(value)} for key, value in row.items() if key != "direction"}
    stated["direction"] = {"value": direction, "raw": str(row["direction"])}
    for key in ("actual", "shortfall_reason"):
        if key in stated and not row[key]:
            stated[key] = {"value": None, "raw": ""}
    return Indicator.model_validate(stated)


def make_project(seed: int, index: int) -> tuple[Project, str | None]:
    rng = random.Random(seed * 1_000_003 + index)
    mistake = rng.choice(MISTAKES) if rng.random() < 0.35 else None
    place, department, subject = rng.choice(PLACES), rng.choice(DEPARTMENTS), rng.choice(SUBJECTS)
    indicators, applied = make_indicators(rng, subject, mistake)
    if not applied and mistake in INDICATOR_MISTAKES:
        mistake = None  # the drawn row could not carry it: the form is clean
    budget = Decimal(rng.randint(50, 50_000)) / 10
    spent = (budget * Decimal(rng.choice(("1", "1", "0.98", "0.95", "0.85", "0.7")))).quantize(
        TWO, ROUND_HALF_UP
    )
    rate = (spent / budget).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    budget_score = (Decimal(10) * min(Decimal(1), rate)).quantize(TWO, ROUND_HALF_UP)
    total = budget_score + sum((i.score.value or Decimal(0)) for i in indicators)
    if mistake == "wrong_total":
        total += rng.choice((Decimal(2), Decimal(-3), Decimal(5)))
    money = {"budget": Money(amount=budget), "spent": Money(amount=spent)}
    row = FundRow(
        source=FundSource.total, initial_budget={"value": money["budget"], "raw": f"{budget}"},
        spent={"value": money["spent"], "raw": f"{spent}"},
        execution_rate={"value": rate, "raw": f"{(rate * 100).quantize(TWO)}%"},
        weight=Decimal(10), score=budget_score,
        reason="" if rate >= Decimal("0.9") else "项目尾款未到支付节点",
    )  # fmt: skip
    name = f"{place}{subject}{rng.choice(KINDS)}{index}"
    form = SelfEvalForm(
        title="2023年部门预算项目支出绩效自评表", annual_goal=f"完成{subject}年度任务，提升服务水平。",
        goal_outcome=f"全年完成{subject}各项任务。", budget=BudgetExecution(rows=(row,)),
        indicators=tuple(indicators), total_weight=Decimal(100), total_score=total,
        conclusion=f"项目自评得分{total}分。", problems="无", improvements="加强项目管理。",
    )  # fmt: skip
    unit = f"{place}{department}"
    project = Project(name=name, year=2023, department=f"广元市{department}", unit=unit, self_eval_form=form)
    return project, mistake


def render_one(args: tuple[int, int, str]) -> tuple[str, str | None]:
    seed, index, out = args
    project, mistake = make_project(seed, index)
    if index % 2:
        path = Path(out) / f"form-{index:06d}.xlsx"
        path.write_bytes(render_form_xlsx(project))
    else:
        path = Path(out) / f"form-{index:06d}.docx"
        path.write_bytes(render_form_docx(project))
    if mistake == "wrong_rate":
        restate_execution_rate(path, wrong_rate(seed, index, project))
    return path.name, mistake


# --- wrong_rate: a person edits the printed 执行率 of the saved file ---------------------------------
RATE_LABEL = "预算执行率"
TOTAL_LABEL = "总额"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PERCENT = re.compile(r"^\d+(\.\d+)?%$")


def wrong_rate(seed: int, index: int, project: Project) -> Decimal:
    """A 执行率 2–15 percentage points away from 执行数 / 预算数, within 0–100 %.

    Drawn from its own generator, so forms without this mistake are the same as before it existed.
    """
    form = project.self_eval_form
    rate = form.budget.rows[0].execution_rate.value if form else None
    if rate is None:
        msg = "a generated project always states its execution rate"
        raise ValueError(msg)
    rng = random.Random(f"wrong-rate-{seed}-{index}")
    delta = Decimal(rng.choice((2, 3, 5, 10, 15))) / 100
    above = rate + delta <= 1 and rng.random() < 0.5
    return rate + delta if above else rate - delta


def rate_text(rate: Decimal) -> str:
    """The rate as the renderer prints it: 0.9543 → 95.43%."""
    return f"{(rate * 100).quantize(TWO, ROUND_HALF_UP)}%"


def restate_execution_rate(path: Path, rate: Decimal) -> None:
    """Overwrite the 总额 row's 预算执行率 cell of a rendered form with `rate`."""
    if path.suffix == ".xlsx":
        _restate_xlsx(path, rate_text(rate))
    else:
        _restate_docx(path, rate_text(rate))


def _restate_xlsx(path: Path, text: str) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    header = next(cell for cell in cells if cell.value == RATE_LABEL)
    total = next(cell for cell in cells if cell.value == TOTAL_LABEL and cell.row > header.row)
    target = sheet.cell(row=total.row, column=header.column)
    if not (isinstance(target.value, str) and PERCENT.match(target.value)):
        msg = f"{path.name}: no printed rate below {RATE_LABEL} ({target.coordinate}={target.value!r})"
        raise ValueError(msg)
    target.value = text
    workbook.save(path)


def _restate_docx(path: Path, text: str) -> None:
    """Replace the rate cell's text in word/document.xml; every other zip member is copied unchanged."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    document = next(data for info, data in members if info.filename == "word/document.xml")
    root = etree.fromstring(document)
    row = next(tr for tr in root.iter(f"{W}tr") if TOTAL_LABEL in _texts(tr))
    (cell,) = [tc for tc in row.iter(f"{W}tc") if PERCENT.match("".join(_texts(tc)))]
    first, *rest = list(cell.iter(f"{W}t"))
    first.text = text
    for node in rest:
        node.text = ""
    declaration = document[: document.index(b"?>") + 2] if document.startswith(b"<?xml") else b""
    xml = declaration + etree.tostring(root, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in members:
            archive.writestr(info, xml if info.filename == "word/document.xml" else data)
    path.write_bytes(buffer.getvalue())


def _texts(element: etree._Element) -> list[str]:
    return [node.text or "" for node in element.iter(f"{W}t")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path("bench/results/forms"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    jobs = [(args.seed, index, str(args.out)) for index in range(args.count)]
    with ProcessPoolExecutor(args.workers) as pool:
        truth = dict(pool.map(render_one, jobs, chunksize=50))
    truth_path = args.out.parent / f"{args.out.name}-truth.json"  # outside: the batch would import it
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=0), encoding="utf-8")
    elapsed = time.perf_counter() - started
    injected = sum(1 for mistake in truth.values() if mistake)
    print(
        f"generated {args.count} forms ({injected} with an injected mistake) in {elapsed:.1f} s → {args.out}"
    )
    print(f"injected mistakes: {truth_path}")


if __name__ == "__main__":
    main()
