"""`render_project`: write a project's forms and report to a folder in the chosen formats.

File names are `<年度>-<项目名称>-<表名>.<ext>` with characters unsafe in file names replaced. PDFs are
made from the .docx outputs in one LibreOffice run. This is the only render function that writes files.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jixiao.render.docx_writer import form_docx
from jixiao.render.forms import form_layouts
from jixiao.render.report import render_report_docx, split_evaluations
from jixiao.render.xlsx_writer import workbook_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from jixiao.model import Project, ScoredEvaluation

FORMATS = ("xlsx", "docx", "pdf")
UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(project: Project) -> str:
    """`2023-视频接访及视频会议维护经费`: year and name, safe for any file system."""
    name = UNSAFE.sub("_", project.title).strip("_.") or "项目"
    year = project.year.value
    return f"{year}-{name[:60]}" if year is not None else name[:60]


def render_project(
    project: Project,
    formats: Iterable[str],
    out_dir: Path,
    evaluations: Sequence[ScoredEvaluation] | None = None,
    suffix: str = "",
) -> list[Path]:
    """Write the forms (xlsx/docx/pdf) and the report (docx/pdf) of `project`; return the paths.

    `suffix` is added to the file-name stem, to keep two projects of the same name and year apart.
    """
    wanted = _formats(formats)
    if evaluations is None:
        from jixiao.scoring import score_project  # noqa: PLC0415

        evaluations = score_project(project)
    form_evaluation, _, _ = split_evaluations(project, evaluations)
    layouts = form_layouts(project, form_evaluation)
    stem = file_stem(project) + suffix
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    documents: list[tuple[str, bytes]] = []
    if layouts:
        form_name = "自评表" if layouts[0].name == "自评表" else "计分表"
        if "xlsx" in wanted:
            written.append(_write(out_dir / f"{stem}-{form_name}.xlsx", workbook_bytes(layouts)))
        documents.append((f"{stem}-{form_name}", form_docx(layouts)))
        documents.append((f"{stem}-自评报告", render_report_docx(project, evaluations)))
    if "docx" in wanted:
        written += [_write(out_dir / f"{name}.docx", data) for name, data in documents]
    if "pdf" in wanted:
        written += _write_pdfs(out_dir, documents)
    return written


def _formats(formats: Iterable[str]) -> set[str]:
    wanted = {fmt.strip().lower() for fmt in formats}
    unknown = wanted - set(FORMATS)
    if unknown:
        msg = f"不支持的输出格式：{'、'.join(sorted(unknown))}（可选 xlsx、docx、pdf）"
        raise ValueError(msg)
    return wanted


def _write_pdfs(out_dir: Path, documents: list[tuple[str, bytes]]) -> list[Path]:
    """Convert all documents in one LibreOffice run and write `<name>.pdf`."""
    if not documents:
        return []
    from jixiao.render.pdf import convert_many  # noqa: PLC0415

    pdfs = convert_many([data for _, data in documents])
    return [_write(out_dir / f"{name}.pdf", pdf) for (name, _), pdf in zip(documents, pdfs, strict=True)]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
