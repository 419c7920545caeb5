"""The one code table of check rules and the `@rule` decorator (STYLE §3).

Every id is assigned here, in `CODES`, and never reused or renamed: a retired id stays in the table
with `retired_for` naming its successor. A rule function registers itself with `@rule(...)`; when
`jixiao.checks` has imported every family module it calls `freeze()`, which validates the table
(id pattern, uniqueness, docstring sections, message fields, scheme ids, a function for every live
code) and makes it read-only. Import-problem ids (I..) are reported by `jixiao.recognize`; they are
listed here with their documentation so the catalogue is complete.

Adding a rule: (1) append a `Code` to `CODES` (next free number of its letter); (2) write one function
of 30 lines or fewer with `@rule(...)` in the family module, its docstring carrying 检查内容/为什么/示例/依据;
(3) add `tests/checks/cases/<id>.yaml` with a case that fires and one with `expect: []`; (4) regenerate
`docs/checks.md` with `python -m jixiao.checks.docs > docs/checks.md`. Tests fail when a step is missing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.checks.context import CheckContext, Hit, Unchecked
    from jixiao.model import Severity

RULE_ID = re.compile(r"^[GRBI][0-9]{2}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SECTIONS = ("检查内容", "为什么", "示例", "依据")
ALL: tuple[str, ...] = ()  # a rule that applies under every scheme

# Scheme ids a rule may name (public API, see `jixiao.schemes`).
NATIONAL = "national-project-2020"
SICHUAN = "sichuan-project-2023"
ZIYANG = "common-2013-ziyang-2022"
SICHUAN_REPORT = "sichuan-special-report"
KNOWN_SCHEMES = frozenset({NATIONAL, SICHUAN, ZIYANG, SICHUAN_REPORT})
SELF_EVAL_FORM = (NATIONAL, SICHUAN)  # the 10 + 90 自评表
SICHUAN_FAMILY = (NATIONAL, SICHUAN, SICHUAN_REPORT)  # the 自评表 and the 专项 report that quotes its targets

FAMILY_LABELS = {
    "G": "单表规则（rules.md §G）",
    "R": "报告与表格核对",
    "B": "批次与部门核对",
    "I": "导入问题",
}

RuleFunction = Callable[["CheckContext"], Iterator["Hit | Unchecked"]]


@dataclass(frozen=True, slots=True)
class Code:
    """A row of the code table: the id, its kebab-case name and, once retired, its successor."""

    id: str
    name: str
    retired_for: str | None = None


# The code table. Append only; retire instead of deleting.
CODES: tuple[Code, ...] = (
    # G: single-form rules, rules.md §G (G31+ are single-form rules added by jixiao)
    Code("G01", "execution-rate-mismatch"),
    Code("G02", "budget-score-mismatch"),
    Code("G03", "execution-reason-missing"),
    Code("G04", "weight-total-mismatch"),
    Code("G05", "level1-split-unusual"),
    Code("G06", "indicator-score-mismatch"),
    Code("G07", "score-above-weight"),
    Code("G08", "qualitative-score-out-of-band"),
    Code("G09", "actual-missing"),
    Code("G10", "shortfall-reason-missing"),
    Code("G11", "over-achievement-unexplained"),
    Code("G12", "total-mismatch"),
    Code("G13", "rescaled-total-mismatch"),
    Code("G14", "grade-mismatch"),
    Code("G15", "funds-arrival-score-mismatch"),
    Code("G16", "rate-item-score-mismatch"),
    Code("G17", "timeliness-score-off-grid"),
    Code("G18", "cost-saving-score-mismatch"),
    Code("G19", "group-points-mismatch"),
    Code("G20", "completion-table-arithmetic"),
    Code("G21", "report-figure-contradicts-table"),
    Code("G22", "target-table-mismatch"),
    Code("G23", "level2-not-under-level1"),
    Code("G24", "weak-indicator"),
    Code("G25", "problems-denied"),
    Code("G26", "allocation-distribution"),
    Code("G27", "text-too-long"),
    Code("G28", "batch-identifier-inconsistent"),
    Code("G29", "off-rubric-score"),
    Code("G30", "all-full-marks"),
    Code("G31", "not-applicable-unjustified"),
    Code("G32", "deviation-claims-match"),
    Code("G33", "conclusion-block-mislabelled"),
    Code("G34", "equal-target-deviation"),
    # R: a report compared with its form
    Code("R01", "report-total-mismatch"),
    Code("R02", "report-group-score-mismatch"),
    Code("R03", "report-budget-mismatch"),
    Code("R04", "report-count-mismatch"),
    Code("R05", "title-year-mismatch"),
    Code("R06", "text-year-mismatch"),
    Code("R07", "cited-notice-year-mismatch"),
    Code("R08", "text-number-contradiction"),
    Code("R09", "report-project-mismatch"),
    Code("R10", "report-grade-mismatch"),
    Code("R11", "goal-result-contradicts-report"),
    # B: a batch or a department
    Code("B01", "unit-code-name-conflict"),
    Code("B02", "duplicate-project"),
    Code("B03", "other-project-named"),
    # I: import problems (reported by jixiao.recognize)
    Code("I01", "unparsed-value"),
    Code("I02", "unknown-layout"),
    Code("I03", "unpaired-report"),
    Code("I04", "missing-label"),
    Code("I05", "name-mismatch"),
    Code("I06", "read-failed"),
    Code("I07", "ambiguous-choice"),
    Code("I08", "conflicting-values"),
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: metadata, message template, documentation and (for live checks) the function."""

    id: str
    name: str
    severity: Severity
    schemes: tuple[str, ...]
    message: str
    doc: str
    function: RuleFunction | None = None  # None for import (I..) ids, reported by the importer
    family: str = ""  # the module the function lives in: budget, indicators …

    @property
    def summary(self) -> str:
        """The English first docstring line, for developers."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    @property
    def sections(self) -> dict[str, str]:
        """The four Chinese documentation sections, keyed by their heading."""
        return parse_sections(self.doc)

    @property
    def fields(self) -> tuple[str, ...]:
        """The named fields of the message template."""
        return message_fields(self.message)

    def applies_to(self, schemes: frozenset[str]) -> bool:
        """True when the rule runs for a project scored under `schemes` (ALL matches everything)."""
        return not self.schemes or not schemes or bool(schemes.intersection(self.schemes))

    def format_message(self, values: Mapping[str, str]) -> str:
        """Fill the template; a missing field raises KeyError (caught by the runner, fatal in tests)."""
        return self.message.format_map(dict(values))


class RegistryError(Exception):
    """The rule table is inconsistent (a programming error, raised at import)."""


_rules: dict[str, Rule] = {}
_frozen: list[Mapping[str, Rule]] = []


def rule(
    rule_id: str,
    name: str,
    severity: Severity,
    *,
    message: str,
    schemes: tuple[str, ...] = ALL,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a check function under a code of the table."""

    def register(function: RuleFunction) -> RuleFunction:
        if _frozen:
            msg = f"{rule_id}: the registry is frozen; rules are registered at import only"
            raise RegistryError(msg)
        if rule_id in _rules:
            msg = f"{rule_id}: registered twice ({_rules[rule_id].family} and {function.__module__})"
            raise RegistryError(msg)
        family = function.__module__.rsplit(".", 1)[-1]
        doc = function.__doc__ or ""
        _rules[rule_id] = Rule(rule_id, name, severity, schemes, message, doc, function, family)
        return function

    return register


def register_import_code(rule_id: str, name: str, severity: Severity, *, message: str, doc: str) -> None:
    """Register an import-problem id (no function: the importer reports it)."""
    if _frozen or rule_id in _rules:
        msg = f"{rule_id}: cannot register (frozen or duplicate)"
        raise RegistryError(msg)
    _rules[rule_id] = Rule(rule_id, name, severity, ALL, message, doc, None, "import")


def freeze() -> Mapping[str, Rule]:
    """Validate every rule against the code table and make the registry read-only."""
    if _frozen:
        return _frozen[0]
    errors = list(_validate(_rules))
    if errors:
        raise RegistryError("\n".join(errors))
    order = {code.id: index for index, code in enumerate(CODES)}
    _frozen.append(MappingProxyType(dict(sorted(_rules.items(), key=lambda item: order[item[0]]))))
    return _frozen[0]


def rules() -> Mapping[str, Rule]:
    """The frozen registry, in table order (import `jixiao.checks` first)."""
    if not _frozen:
        import jixiao.checks  # noqa: F401, PLC0415  (registers and freezes)
    return _frozen[0]


def get_rule(rule_id: str) -> Rule | None:
    """Return the rule for an id (case-insensitive), or None."""
    return rules().get(rule_id.upper())


def retired_codes() -> tuple[Code, ...]:
    """Codes kept in the table only to point at their successor."""
    return tuple(code for code in CODES if code.retired_for)


def _validate(registered: Mapping[str, Rule]) -> Iterator[str]:
    seen: set[str] = set()
    table = {code.id: code for code in CODES}
    for code in CODES:
        if code.id in seen:
            yield f"{code.id}: assigned twice in CODES"
        seen.add(code.id)
        if not RULE_ID.match(code.id) or not RULE_NAME.match(code.name):
            yield f"{code.id}: bad id or name {code.name!r}"
        if code.retired_for is None and code.id not in registered:
            yield f"{code.id}: in CODES but no rule is registered"
        if code.retired_for is not None and code.id in registered:
            yield f"{code.id}: retired for {code.retired_for} but still registered"
    for rule_id, item in registered.items():
        entry = table.get(rule_id)
        if entry is None or entry.name != item.name:
            yield f"{rule_id}: not in CODES as {item.name!r}"
        yield from _validate_rule(item)


def _validate_rule(item: Rule) -> Iterator[str]:
    missing = [title for title in SECTIONS if not item.sections.get(title)]
    if missing:
        yield f"{item.id}: docstring lacks section(s) {', '.join(missing)}"
    if not item.summary or not (item.summary[0].isascii() and item.summary[0].isalpha()):
        yield f"{item.id}: the docstring must open with an English summary line"
    unknown = set(item.schemes) - KNOWN_SCHEMES
    if unknown:
        yield f"{item.id}: unknown scheme id(s) {sorted(unknown)}"
    try:
        fields = message_fields(item.message)
    except ValueError as error:
        yield f"{item.id}: bad message template ({error})"
        return
    if any(not name.isidentifier() for name in fields):
        yield f"{item.id}: message fields must be plain names"


def message_fields(template: str) -> tuple[str, ...]:
    """Return the field names of a `str.format` template, in order, without repeats."""
    names: list[str] = []
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name is not None and field_name not in names:
            names.append(field_name)
    return tuple(names)


def parse_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its `检查内容：…` style sections (continuation lines joined)."""
    sections: dict[str, str] = {}
    current: str | None = None
    for raw_line in doc.splitlines():
        line = raw_line.strip()
        head, separator, rest = line.partition("：")
        if separator and head in SECTIONS:
            current = head
            sections[current] = rest.strip()
        elif current and line:
            sections[current] = f"{sections[current]}{line}"
        elif not line:
            current = None
    return sections
