"""Import-problem ids (I..): documented here, reported by `jixiao.recognize` (see `recognize/rules.py`).

The messages must stay equal to the importer's templates; `tests/checks/test_registry.py` compares them.
"""

from __future__ import annotations

from jixiao.checks.registry import register_import_code
from jixiao.model import Severity

register_import_code(
    "I01",
    "unparsed-value",
    Severity.warning,
    message="「{label}」的内容「{raw}」无法读取为数值",
    doc="""A value cell that should hold a number could not be read.

    检查内容：导入时应为数值的单元格（指标值、完成值、金额、比率、得分）无法读取为数值。
    为什么：无法读取的值不会被当作0，相关规则只能提示无法核对，需要人工查看原件。
    示例：利州2023 投融资理财满意度指标的完成值只写「%」。
    依据：rules.md §A8；STYLE §4。
    """,
)
register_import_code(
    "I02",
    "unknown-layout",
    Severity.warning,
    message="未能识别的版式：{detail}",
    doc="""A document (or part) matched no known form or report layout.

    检查内容：文件中没有可识别的自评表、计分表、完成情况表或自评报告，或表格缺少主体部分。
    为什么：未识别的部分不会参与评分和审核，需要确认文件是否完整、版式是否为新模板。
    示例：只含封面和签章页的文件。
    依据：rules.md §B1、§C1、§C7。
    """,
)
register_import_code(
    "I03",
    "unpaired-report",
    Severity.warning,
    message="自评报告「{report}」找不到同名项目的自评表，已单独导入",
    doc="""A report names a project that no form in the same file has.

    检查内容：同一文件中的自评报告找不到项目名称相同的表格，只能单独导入。
    为什么：报告与表格无法配对时，报告与表格之间的核对（R规则）无法进行。
    示例：利州2023 合并文件中报告的顺序与表格不同，须按名称配对。
    依据：rules.md §B6。
    """,
)
register_import_code(
    "I04",
    "missing-label",
    Severity.warning,
    message="{form}中未找到「{label}」",
    doc="""A label every form of this kind prints was not found.

    检查内容：表格中缺少该类表格必有的栏目（如项目名称、合计、自评等级）。
    为什么：缺少栏目通常说明表格被删改或导出不完整，相关数值无法核对。
    示例：只复制了绩效指标部分、没有合计行的自评表。
    依据：rules.md §B1、§C1。
    """,
)
register_import_code(
    "I05",
    "name-mismatch",
    Severity.info,
    message="报告中的项目名称「{report}」与表中「{form}」不完全一致，已按相近名称配对",
    doc="""A report was paired with a form whose project name differs in wording.

    检查内容：报告与表格按相近的项目名称配对，两处名称并不完全相同。
    为什么：名称写法不统一会影响公开和汇总，也可能是配错了项目，请人工确认。
    示例：利州2023 短信平台表格与报告标题中的项目名称分行、括号写法不同。
    依据：rules.md §B6。
    """,
)
register_import_code(
    "I06",
    "read-failed",
    Severity.error,
    message="{file}：{detail}",
    doc="""The file itself could not be read (damaged, encrypted, unsupported).

    检查内容：文件损坏、加密、过大或类型不受支持，无法读取。
    为什么：无法读取的文件没有任何内容参与评分和审核。
    示例：改了扩展名的图片文件。
    依据：STYLE §1（阶段不因坏数据而中断）。
    """,
)
register_import_code(
    "I07",
    "ambiguous-choice",
    Severity.warning,
    message="「{label}」勾选了多项：{choices}",
    doc="""A choice printed as boxes (项目类型) has more than one box ticked.

    检查内容：以方框勾选的栏目（如完成情况表的项目类型）勾选了不止一项，导入时不取值。
    为什么：项目类型只能有一种，多选使分类汇总无法进行。
    示例：项目类型同时勾选「民生保障」和「行政运行」。
    依据：rules.md §B8。
    """,
)
register_import_code(
    "I08",
    "conflicting-values",
    Severity.info,
    message="「{label}」前后不一致：{first} 与 {second}，采用前者",
    doc="""Two documents of one project state a fact differently; the labelled table cell is kept.

    检查内容：同一项目的不同文件（计分表表头、完成情况表、报告）对同一事实（如预算单位编码）写法不同。
    为什么：编码、名称前后不一致会导致汇总串户，须人工确认哪一处正确。
    示例：资阳2022 附件3 计分表表头预算单位编码163001，完成情况表写155101。
    依据：rules.md §G28。
    """,
)
