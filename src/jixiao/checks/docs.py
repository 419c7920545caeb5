"""Rule documentation generated from the registry: `docs/checks.md` and `jixiao rule G14`.

Regenerate the page with `python -m jixiao.checks.docs > docs/checks.md`; a test fails when it is stale.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from jixiao.checks.registry import FAMILY_LABELS, SECTIONS, retired_codes, rules

if TYPE_CHECKING:
    from jixiao.checks.registry import Rule

ALL_SCHEMES = "全部方案"
USAGE = (
    "用法：",
    "",
    "```",
    "jixiao check 文件或项目JSON... [--format text|json|html|xlsx] [--out 文件]",
    "             [--rules G12,G14] [--severity error|warning|info]",
    "jixiao rules          # 列出全部规则",
    "jixiao rule G14       # 显示一条规则的说明",
    "```",
    "",
    (
        "退出码：0 没有「错误」级发现；1 有「错误」级发现；2 输入无法读取。"
        "text 按项目分组、按级别排序，先写位置再引用原文；html 和 xlsx 留有「复核意见」一栏供复核人填写。"
    ),
)
INTRODUCTION = (
    "每条规则有固定编号（字母加两位数字，永不重复使用）、级别（错误/警告/提示）、适用的评分方案和提示语。"
    "数据不全无法检查时，规则给出一条「提示」说明原因；项目没有某类文件时，针对该文件的规则不适用。"
)


def schemes_text(item: Rule) -> str:
    """The schemes a rule applies to, for people."""
    return "、".join(item.schemes) if item.schemes else ALL_SCHEMES


def render_rule_text(item: Rule) -> str:
    """One rule's documentation as plain text (for `jixiao rule`)."""
    lines = [
        f"{item.id} {item.name}（{item.severity.label}）",
        f"适用方案：{schemes_text(item)}",
        f"提示语：{item.message}",
    ]
    if item.function is None:
        lines.append("由导入阶段报告（jixiao.recognize）。")
    lines += [f"{title}：{item.sections.get(title, '')}" for title in SECTIONS]
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    """The whole catalogue as Markdown (docs/checks.md)."""
    catalogue = list(rules().values())
    lines = [
        "# 审核规则（jixiao check）",
        "",
        "<!-- 本文件由 `python -m jixiao.checks.docs > docs/checks.md` 从规则注册表生成，请勿手工修改。 -->",
        "",
        INTRODUCTION,
        "",
        f"共 {len(catalogue)} 条规则。",
        "",
        *USAGE,
        "",
        "| 编号 | 名称 | 级别 | 适用方案 | 提示语 |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.severity.label} | "
        f"{_markdown_cell(schemes_text(r))} | {_markdown_cell(r.message)} |"
        for r in catalogue
    ]
    for family, members in groupby(catalogue, key=lambda r: r.id[0]):
        lines += ["", f"## {FAMILY_LABELS[family]}", ""]
        for item in members:
            lines += _rule_markdown(item)
    retired = retired_codes()
    if retired:
        lines += ["", "## 已停用的编号", ""]
        lines += [f"- {code.id} `{code.name}` → {code.retired_for}" for code in retired]
    return "\n".join(lines) + "\n"


def _rule_markdown(item: Rule) -> list[str]:
    lines = [
        f"### {item.id}",
        "",
        f"`{item.name}` · {item.severity.label} · {schemes_text(item)}",
        "",
        f"提示语：{item.message}",
        "",
    ]
    if item.function is None:
        lines += ["由导入阶段（`jixiao.recognize`）报告。", ""]
    for title in SECTIONS:
        lines += [f"**{title}**：{item.sections.get(title, '')}", ""]
    return lines


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_markdown())
