"""REST API (token auth, create/update with locking, score, check) and file import (many at once)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token

from jixiao.web.models import ProjectRecord

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import World


def _token_client(world: World, who: str) -> Client:
    token = Token.objects.create(user=world.users[who])
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def test_token_is_issued_for_valid_credentials(world: World) -> None:
    response = Client().post("/api/token/", {"username": "unit_a1", "password": "test-pass-123"})
    assert response.status_code == 200
    key = response.json()["token"]
    listing = Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/projects/")
    assert [p["name"] for p in listing.json()["results"]] == ["项目a1"]


def test_listing_is_scoped_by_role(world: World) -> None:
    def names(who):
        return sorted(p["name"] for p in _token_client(world, who).get("/api/projects/").json()["results"])

    assert names("dept_A1") == ["项目a1", "项目a2"]
    assert names("finance_a") == ["项目a1", "项目a2", "项目a3"]
    assert names("finance_b") == ["项目b1"]


def test_create_and_update_with_version(world: World) -> None:
    client = _token_client(world, "unit_a1")
    body = {"unit": world.units["a1"].pk, "data": json.loads(world.sample("接口项目").model_dump_json())}
    created = client.post("/api/projects/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    project = created.json()
    assert project["total"] is not None
    update = {"version": project["version"], "data": {**project["data"], "name": "接口项目（改）"}}
    url = f"/api/projects/{project['id']}/"
    assert client.put(url, update, content_type="application/json").status_code == 200
    stale = client.put(url, update, content_type="application/json")
    assert stale.status_code == 409
    assert "冲突" in stale.json()["detail"]
    other = _token_client(world, "unit_a2").put(url, update, content_type="application/json")
    assert other.status_code == 404


def test_create_for_another_unit_is_forbidden(world: World) -> None:
    body = {"unit": world.units["a2"].pk, "data": json.loads(world.sample().model_dump_json())}
    response = _token_client(world, "unit_a1").post("/api/projects/", body, content_type="application/json")
    assert response.status_code == 403


def test_score_and_check_do_not_store_anything(world: World) -> None:
    client = _token_client(world, "dept_A1")
    before = ProjectRecord.objects.count()
    body = {"data": json.loads(world.sample(indicator_score="35").model_dump_json())}
    scored = client.post("/api/score/", body, content_type="application/json").json()
    assert scored["evaluations"][0]["items"][1]["score"] == "30"
    checked = client.post("/api/check/", body, content_type="application/json").json()
    assert any(f["severity"] == "error" for f in checked["findings"])
    assert ProjectRecord.objects.count() == before


def test_bad_project_json_is_a_400(world: World) -> None:
    response = _token_client(world, "unit_a1").post(
        "/api/score/", {"data": {"no_such_field": 1}}, content_type="application/json"
    )
    assert response.status_code == 400


def test_upload_many_files_lists_each_status(world: World, fixtures_dir: Path) -> None:
    files = [
        SimpleUploadedFile(path.name, path.read_bytes())
        for path in (fixtures_dir / "lizhou-2023-p2.docx", fixtures_dir / "lizhou-2023-p1.xlsx")
    ] + [SimpleUploadedFile("坏文件.docx", b"not a zip"), SimpleUploadedFile("x.exe", b"MZ")]
    response = world.client("unit_a1").post("/import/", {"unit": world.units["a1"].pk, "files": files})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("✓ 成功") == 2
    assert html.count("✗ 失败") == 2
    assert "不支持的文件类型" in html
    imported = ProjectRecord.objects.filter(unit=world.units["a1"]).exclude(pk=world.projects["a1"].pk)
    assert imported.count() >= 2
    assert all(record.events.filter(action="import").exists() for record in imported)


def test_department_cannot_import(world: World) -> None:
    files = [SimpleUploadedFile("p.json", world.sample().model_dump_json().encode())]
    response = world.client("dept_A1").post("/import/", {"unit": world.units["a1"].pk, "files": files})
    assert response.status_code == 403
