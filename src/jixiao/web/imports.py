"""Import uploaded files through `jixiao.api.import_bytes` into projects of one unit.

Uploads are untrusted: each file is size-capped here (the readers guard against zip bombs, XML
entities and huge sheets), and one bad file never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings

from jixiao import api
from jixiao.web import services

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.core.files.uploadedfile import UploadedFile

    from jixiao.web.models import ProjectRecord, Unit
    from jixiao.web.policy import User

SUFFIXES = frozenset({".docx", ".xlsx", ".xls", ".et", ".doc", ".wps", ".pdf", ".txt", ".json"})


@dataclass(slots=True)
class FileResult:
    """What became of one uploaded file."""

    name: str
    ok: bool
    message: str
    projects: list[ProjectRecord] = field(default_factory=list)
    findings: int = 0


def import_files(user: User, unit: Unit, files: Iterable[UploadedFile]) -> list[FileResult]:
    """Import every file; the result lists each file's status in upload order."""
    results = []
    for upload in files:
        name = PurePath(upload.name or "未命名").name[:200]
        problem = refusal(name, upload.size or 0)
        if problem:
            results.append(FileResult(name, ok=False, message=problem))
            continue
        data = upload.read(settings.JIXIAO_MAX_UPLOAD_BYTES + 1)
        if name.lower().endswith(".json"):
            results.append(_import_json(user, unit, name, data))
            continue
        results.append(_import_one(user, unit, name, api.import_bytes(name, data)))
    return results


def refusal(name: str, size: int) -> str:
    """Why an upload is refused before reading it ('' when it is accepted)."""
    if PurePath(name).suffix.lower() not in SUFFIXES:
        return "不支持的文件类型"
    if size > settings.JIXIAO_MAX_UPLOAD_BYTES:
        return "文件过大"
    return ""


def _import_one(user: User, unit: Unit, name: str, result: object) -> FileResult:
    projects = list(getattr(result, "projects", ()))
    errors = [str(error) for error in getattr(result, "errors", ())]
    findings = len(list(getattr(result, "findings", ())))
    records = [services.create_project(user, unit, project, action="import") for project in projects]
    if not records:
        return FileResult(name, ok=False, message="；".join(errors) or "未识别出项目表格", findings=findings)
    message = f"导入 {len(records)} 个项目" + (
        f"；{len(errors)} 个问题：{'；'.join(errors[:3])}" if errors else ""
    )
    return FileResult(name, ok=True, message=message, projects=records, findings=findings)


def _import_json(user: User, unit: Unit, name: str, data: bytes) -> FileResult:
    """A project JSON file as `jixiao import` writes it (one project or a list)."""
    import json  # noqa: PLC0415

    from pydantic import ValidationError  # noqa: PLC0415

    try:
        payload = json.loads(data.decode("utf-8-sig"))
        items = payload if isinstance(payload, list) else payload.get("projects", [payload])
        projects = [api.Project.model_validate(item) for item in items]
    except (ValueError, AttributeError, ValidationError) as error:
        return FileResult(name, ok=False, message=f"JSON 无法读取：{str(error)[:120]}")
    records = [services.create_project(user, unit, project, action="import") for project in projects]
    return FileResult(name, ok=bool(records), message=f"导入 {len(records)} 个项目", projects=records)
