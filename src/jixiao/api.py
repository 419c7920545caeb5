"""The public Python API: the one surface the CLI and the web app call (STYLE §1).

Each function imports its stage lazily so that `import jixiao.api` stays cheap and a stage that is
not needed (LibreOffice, matplotlib) is never loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model import (
    Batch,
    Finding,
    Grade,
    Location,
    Money,
    MoneyUnit,
    Project,
    ScoredEvaluation,
    ScoredItem,
    Severity,
    Stated,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal
    from pathlib import Path
    from typing import Any

    from jixiao.model import BudgetExecution, Indicator, ScoreSheetItem
    from jixiao.read.document import Document

__all__ = [
    "Batch",
    "Finding",
    "Grade",
    "Location",
    "Money",
    "MoneyUnit",
    "Project",
    "ScoredEvaluation",
    "ScoredItem",
    "Severity",
    "Stated",
    "read_file",
    "score_project",
]


def score_project(project: Project, scheme: Scheme | str | None = None) -> list[ScoredEvaluation]:
    """Score a project under `scheme` (an id or a Scheme), or under every scheme its documents call for."""
    from jixiao.scoring import score_project as _score  # noqa: PLC0415

    return _score(project, scheme)


def score_projects(projects: Sequence[Project], scheme: Scheme | str | None = None) -> list[ScoredEvaluation]:
    """Score several projects; see `score_project`."""
    return [evaluation for project in projects for evaluation in score_project(project, scheme)]


def read_file(path: Path) -> Document:
    """Read a document file (.docx .xlsx .xls .et .doc .wps .pdf .txt) into a neutral `Document`."""
    from jixiao.read.dispatch import read_file as _read  # noqa: PLC0415

    return _read(path)


# --- batch: many files, rankings (jixiao.batch), 点位 distribution (jixiao.distribution) ----------
from jixiao.batch.outcome import OutcomeKind  # noqa: E402
from jixiao.batch.progress import JobProgress, JobState  # noqa: E402
from jixiao.batch.ranking import RANK_BY_LABELS, RankBy, RankGroup  # noqa: E402
from jixiao.batch.summary import SummaryRow  # noqa: E402
from jixiao.batch.task import RunOptions as BatchOptions  # noqa: E402
from jixiao.distribution import Distribution, DistributionPolicy, ScoredEntry  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from jixiao.batch.outcome import FileOutcome
    from jixiao.batch.service import BatchReport

__all__ += [
    "RANK_BY_LABELS",
    "BatchOptions",
    "Distribution",
    "DistributionPolicy",
    "JobProgress",
    "JobState",
    "OutcomeKind",
    "RankBy",
    "RankGroup",
    "ScoredEntry",
    "SummaryRow",
    "allocation_distribution",
    "batch_rows",
    "distribute_grade_counts",
    "distribute_grades",
    "job_progress",
    "process_batch",
    "rank_projects",
    "start_import_job",
    "start_recheck_job",
    "summarize_projects",
]


def process_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    options: BatchOptions | None = None,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> BatchReport:
    """Import, score and check every file under `inputs` in parallel; write reports into `out_dir`."""
    from jixiao.batch.service import process_batch as _process  # noqa: PLC0415

    return _process(inputs, out_dir, options, on_start, on_outcome)


def batch_rows(inputs: Sequence[Path]) -> list[SummaryRow]:
    """Return summary rows from batch output folders, rows.json files or documents."""
    from jixiao.batch.service import rows_from_inputs  # noqa: PLC0415

    return rows_from_inputs(inputs)


def summarize_projects(
    projects: Sequence[Project], evaluations: Sequence[ScoredEvaluation], findings: Sequence[Finding]
) -> list[SummaryRow]:
    """Return one summary row per project and evaluation (what rankings and dashboards use)."""
    from jixiao.batch.summary import summarize_projects as _summarize  # noqa: PLC0415

    return _summarize(projects, evaluations, findings)


def rank_projects(rows: Sequence[SummaryRow], by: RankBy = RankBy.department) -> tuple[RankGroup, ...]:
    """Rank projects by total within each department or region (ties shared), rules.md §B7."""
    from jixiao.batch.ranking import rank_rows  # noqa: PLC0415

    return rank_rows(rows, by)


def distribute_grades(
    entries: Sequence[ScoredEntry], policy: DistributionPolicy | None = None
) -> Distribution:
    """Place scores into 优/良/中/差 by rank, 20/20/55/5 %, and report every issue (rules.md §B7, §K)."""
    from jixiao.distribution import DEFAULT_POLICY, distribute  # noqa: PLC0415

    return distribute(entries, policy or DEFAULT_POLICY)


def distribute_grade_counts(
    counts: Sequence[tuple[Decimal, int]], policy: DistributionPolicy | None = None
) -> Distribution:
    """`distribute_grades` from (score, how many hold it) pairs: same quotas, grades, issues; no entries."""
    from jixiao.distribution import DEFAULT_POLICY, distribute_counts  # noqa: PLC0415

    return distribute_counts(counts, policy or DEFAULT_POLICY)


def allocation_distribution(project: Project) -> Distribution | None:
    """Return the forced distribution of a project's 点位 table, or None when it has none (rule G26)."""
    from jixiao.distribution import allocation_distribution as _distribution  # noqa: PLC0415

    return _distribution(project)


def start_import_job(
    paths: Sequence[str], sink: str | None = None, context: dict[str, object] | None = None
) -> str:
    """Queue an import of files on the Celery worker; return the job id (see `job_progress`).

    `sink` names a `module:function` called as `sink(job_id, payload, context)` for each file.
    """
    from jixiao.batch.worker import start_import  # noqa: PLC0415  (loads Celery only when used)

    return start_import(paths, sink, context)


def start_recheck_job(
    loader: str,
    loader_args: Sequence[object] = (),
    sink: str | None = None,
    context: dict[str, object] | None = None,
) -> str:
    """Queue a re-check of the projects `loader(*loader_args)` yields (a region, a department)."""
    from jixiao.batch.worker import start_recheck  # noqa: PLC0415

    return start_recheck(loader, loader_args, sink, context)


def job_progress(job_id: str) -> JobProgress | None:
    """Return a queued job's progress (state, done/total, percent, message), or None when unknown."""
    from jixiao.batch.progress import progress_store  # noqa: PLC0415

    return progress_store().load(job_id)


if TYPE_CHECKING:
    from jixiao.recognize.importing import ImportResult

__all__ += ["import_bytes", "import_file"]


def import_bytes(name: str, data: bytes) -> ImportResult:
    """Read a document's bytes and recognize its projects; read errors come back in `errors`."""
    from jixiao.recognize.importing import import_bytes as _import  # noqa: PLC0415

    return _import(name, data)


def import_file(path: str | Path) -> ImportResult:
    """Import one file (.docx .xlsx .txt …) into projects, import findings and read errors."""
    from jixiao.recognize.importing import import_file as _import  # noqa: PLC0415

    return _import(path)


# --- scoring schemes and score input (jixiao.schemes, jixiao.scoring) ------------------------------
from jixiao.schemes.model import Scheme  # noqa: E402  (pydantic types only; cheap to import)

__all__ += ["Scheme", "input_json_schema", "list_schemes", "load_scheme", "load_scheme_file", "read_projects"]


def load_scheme(scheme_id: str) -> Scheme:
    """Return a shipped scoring scheme by id; raises `jixiao.schemes.UnknownSchemeError`."""
    from jixiao.schemes import load_scheme as _load  # noqa: PLC0415

    return _load(scheme_id)


def load_scheme_file(path: Path) -> Scheme:
    """Load and validate a scheme file of your own; raises `jixiao.schemes.SchemeError` (all problems)."""
    from jixiao.schemes import load_scheme_file as _load_file  # noqa: PLC0415

    return _load_file(path)


def list_schemes() -> list[Scheme]:
    """Return every shipped scoring scheme, sorted by id."""
    from jixiao.schemes import list_schemes as _list  # noqa: PLC0415

    return _list()


def input_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of `jixiao score` input: one Project (or a list, or {"projects": [...]})."""
    from jixiao.scoring.inputs import input_json_schema as _schema  # noqa: PLC0415

    return _schema()


def read_projects(text: str, file_name: str) -> list[Project]:
    """Parse `jixiao score` input (JSON for *.json, else YAML); raises ValueError naming each bad field."""
    from jixiao.scoring.inputs import read_projects as _read_projects  # noqa: PLC0415

    return _read_projects(text, file_name)


# Per-line scoring for the web app's live forms (one call per edited row).
__all__ += [
    "carryover_rate",
    "grade_for",
    "score_budget_execution",
    "score_indicator",
    "score_sheet_item",
    "select_schemes",
]


def score_indicator(indicator: Indicator, scheme: Scheme | str) -> ScoredItem:
    """Score one 自评表 indicator row under a scheme (id or Scheme)."""
    from jixiao.scoring import score_indicator as _score  # noqa: PLC0415

    return _score(indicator, scheme)


def score_budget_execution(budget: BudgetExecution, scheme: Scheme | str) -> ScoredItem:
    """Score the 预算执行 block (总额 row) under a scheme."""
    from jixiao.scoring import score_budget_execution as _score  # noqa: PLC0415

    return _score(budget, scheme)


def score_sheet_item(item: ScoreSheetItem, scheme: Scheme | str) -> ScoredItem:
    """Score one 计分表 row (by its scheme item id) under a scheme."""
    from jixiao.scoring import score_sheet_item as _score  # noqa: PLC0415

    return _score(item, scheme)


def grade_for(total: Decimal, scheme: Scheme | str) -> Grade:
    """Return the grade (优/良/中/差) of a total under a scheme's bands."""
    from jixiao.scoring import grade_for as _grade  # noqa: PLC0415

    return _grade(total, scheme)


def select_schemes(project: Project) -> list[str]:
    """Return the ids of the schemes that apply to a project's documents."""
    from jixiao.scoring import select_schemes as _select  # noqa: PLC0415

    return _select(project)


def carryover_rate(budget: Money, carryover: Money) -> Decimal | None:
    """结转结余率 = 结转结余额 / 预算额 as a fraction (4 places, half-up); None when the budget is 0."""
    from jixiao.scoring import carryover_rate as _rate  # noqa: PLC0415

    return _rate(budget, carryover)


__all__ += ["render_form_docx", "render_form_xlsx"]


def render_form_xlsx(project: Project, evaluation: ScoredEvaluation | None = None) -> bytes:
    """Render the project's form (自评表 or 计分表) as .xlsx bytes, with computed scores when given."""
    from jixiao.render import render_form_xlsx as _render  # noqa: PLC0415

    return _render(project, evaluation)


def render_form_docx(project: Project, evaluation: ScoredEvaluation | None = None) -> bytes:
    """Render the project's form (自评表 or 计分表) as .docx bytes, with computed scores when given."""
    from jixiao.render import render_form_docx as _render  # noqa: PLC0415

    return _render(project, evaluation)


__all__ += ["convert_to_pdf", "render_project", "render_report_docx", "render_summary"]


def render_report_docx(project: Project, evaluations: Sequence[ScoredEvaluation]) -> bytes:
    """Render the narrative 自评报告 (.docx) from the model and its evaluations, with the chart."""
    from jixiao.render.report import render_report_docx as _render  # noqa: PLC0415

    return _render(project, evaluations)


def convert_to_pdf(docx_bytes: bytes) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless and the project's fonts.conf."""
    from jixiao.render.pdf import convert_to_pdf as _convert  # noqa: PLC0415

    return _convert(docx_bytes)


def render_project(
    project: Project,
    formats: Sequence[str],
    out_dir: Path,
    evaluations: Sequence[ScoredEvaluation] | None = None,
    suffix: str = "",
) -> list[Path]:
    """Write the project's forms and report to `out_dir` in `formats` (xlsx, docx, pdf)."""
    from jixiao.render.project_files import render_project as _render  # noqa: PLC0415

    return _render(project, formats, out_dir, evaluations, suffix)


def render_summary(
    projects: Sequence[Project], evaluations: Sequence[ScoredEvaluation], findings: Sequence[Finding] = ()
) -> bytes:
    """The department summary workbook (.xlsx): one row per project, findings counted by severity."""
    from jixiao.render.summary import render_summary as _render  # noqa: PLC0415

    return _render(projects, evaluations, findings)


def check_project(
    project: Project,
    *,
    evaluations: Sequence[ScoredEvaluation] | None = None,
    batch: Sequence[Project] = (),
) -> list[Finding]:
    """Run the check rules on one project (scored first when `evaluations` is None)."""
    from jixiao.checks.runner import check_project as _check  # noqa: PLC0415

    return _check(project, evaluations=evaluations, batch=batch)


if TYPE_CHECKING:
    from jixiao.checks.registry import Rule

__all__ += ["check_project", "check_projects", "get_rule", "list_rules", "render_findings", "rule_text"]


def check_projects(projects: Sequence[Project], only: Sequence[str] = ()) -> list[Finding]:
    """Run the check rules (or only the ids in `only`) on every project of a batch, each against the rest."""
    from jixiao.checks.context import CheckOptions  # noqa: PLC0415
    from jixiao.checks.runner import check_projects as _check  # noqa: PLC0415

    return _check(projects, CheckOptions(only=frozenset(rule_id.upper() for rule_id in only)))


def list_rules() -> list[Rule]:
    """Every check rule of the catalogue (G/R/B and the import ids I..), in code-table order."""
    from jixiao.checks.registry import rules as _rules  # noqa: PLC0415

    return list(_rules().values())


def get_rule(rule_id: str) -> Rule | None:
    """One rule by id (case-insensitive), or None."""
    from jixiao.checks.registry import get_rule as _get  # noqa: PLC0415

    return _get(rule_id)


def render_findings(findings: Sequence[Finding], output_format: str) -> bytes:
    """Findings as a reviewer report: `text`, `json`, `html` or `xlsx` (see `jixiao.checks.output`)."""
    from jixiao.checks.output import render_findings as _render  # noqa: PLC0415

    return _render(findings, output_format)


def rule_text(rule_id: str) -> str | None:
    """A rule's documentation as plain text (for `jixiao rule G14`), or None for an unknown id."""
    from jixiao.checks.docs import render_rule_text  # noqa: PLC0415

    item = get_rule(rule_id)
    return None if item is None else render_rule_text(item)
