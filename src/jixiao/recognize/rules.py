"""Import problem ids (I-rules): what recognition reports instead of raising (STYLE §3).

The ids are public API and are listed in the check catalogue (`jixiao.checks.registry`); the recognizers
only build the findings. Each entry: id, kebab-case name, severity, Chinese message template.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model import Finding, Location, Severity


@dataclass(frozen=True, slots=True)
class ImportRule:
    """An I-rule: id, name, severity and the message template with named fields."""

    id: str
    name: str
    severity: Severity
    message: str

    def finding(self, project: str, location: Location | None = None, **values: str) -> Finding:
        """Build a finding of this rule; `values` fill the message template."""
        return Finding(
            rule=self.id,
            severity=self.severity,
            project=project,
            message=self.message.format(**values),
            name=self.name,
            values=dict(values),
            locations=(location,) if location is not None else (),
        )


# A value cell whose text should be a number but is not ("九十", "约5"): kept as raw text, never 0.
UNPARSED_VALUE = ImportRule(
    "I01", "unparsed-value", Severity.warning, "「{label}」的内容「{raw}」无法读取为数值"
)
# A document with no form or report the recognizers know, or a form missing its main block.
UNKNOWN_LAYOUT = ImportRule("I02", "unknown-layout", Severity.warning, "未能识别的版式：{detail}")
# A narrative report whose project name matches no form in the same file; imported on its own.
UNPAIRED_REPORT = ImportRule(
    "I03", "unpaired-report", Severity.warning, "自评报告「{report}」找不到同名项目的自评表，已单独导入"
)
# A label every form of this kind prints (项目名称, 合计 …) was not found.
MISSING_LABEL = ImportRule("I04", "missing-label", Severity.warning, "{form}中未找到「{label}」")
# A report was paired with a form whose project name differs in wording (fuzzy match).
NAME_MISMATCH = ImportRule(
    "I05",
    "name-mismatch",
    Severity.info,
    "报告中的项目名称「{report}」与表中「{form}」不完全一致，已按相近名称配对",
)
# The file itself could not be read (damaged, encrypted, unsupported type).
READ_FAILED = ImportRule("I06", "read-failed", Severity.error, "{file}：{detail}")

# A choice printed as boxes (项目类型) has more than one box ticked; no value is taken.
AMBIGUOUS_CHOICE = ImportRule("I07", "ambiguous-choice", Severity.warning, "「{label}」勾选了多项：{choices}")

# Two documents of one project state a fact differently (预算单位编码 163001 in the 计分表 header,
# 155101 in the 完成情况表: ziyang-2022-a03); the labelled table cell is kept.
CONFLICTING_VALUES = ImportRule(
    "I08", "conflicting-values", Severity.info, "「{label}」前后不一致：{first} 与 {second}，采用前者"
)

IMPORT_RULES: tuple[ImportRule, ...] = (
    UNPARSED_VALUE,
    UNKNOWN_LAYOUT,
    UNPAIRED_REPORT,
    MISSING_LABEL,
    NAME_MISMATCH,
    READ_FAILED,
    AMBIGUOUS_CHOICE,
    CONFLICTING_VALUES,
)
