"""The 自评表 editor: form ↔ model round trip, live scoring through the core, findings beside cells."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.api import Finding, Location, MoneyUnit, Severity
from jixiao.web import formdata, formview, services
from jixiao.web.models import ProjectRecord

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import World


def test_form_values_round_trip_through_the_model(world: World) -> None:
    project = world.sample()
    values = formdata.form_values(project)
    parsed = formdata.project_from_form(values, project, department="部门", unit="单位").project
    assert formdata.form_values(parsed) == values
    indicator = parsed.self_eval_form.indicators[0]
    assert indicator.score.location.field == "self_eval_form.indicators[0].score"
    assert str(indicator.direction.value) == "at_least"
    assert indicator.direction.raw == "≥"


def test_blank_rows_are_dropped_and_positions_mapped() -> None:
    data = {
        "self_eval_form.indicators[0].name": "甲",
        "self_eval_form.indicators[1].name": "",
        "self_eval_form.indicators[2].name": "乙",
        "self_eval_form.indicators[2].weight": "abc",
    }
    parsed = formdata.project_from_form(data, formdata.Project(), department="部门", unit="单位")
    assert parsed.indicator_rows == (0, 2)
    second = parsed.project.self_eval_form.indicators[1]
    assert second.weight.value is None
    assert second.weight.raw == "abc"  # an unreadable number is kept as written, never 0
    assert formview.slot_for("self_eval_form.indicators[1].weight", parsed.indicator_rows) == "ind-2"


def test_findings_attach_to_the_slot_of_their_field() -> None:
    finding = Finding(
        rule="G06", severity=Severity.error, project="p", message="得分不对",
        locations=(Location(field="self_eval_form.indicators[0].score"), Location(field="self_eval_form.conclusion")),
    )  # fmt: skip
    loose = Finding(rule="G99", severity=Severity.warning, project="p", message="整体问题")
    slots = formview.notes_by_slot((finding, loose))
    assert set(slots) == {"ind-0", "f-self-eval-form-conclusion", "general"}
    assert slots["ind-0"][0]["fields"] == ["self_eval_form.conclusion", "self_eval_form.indicators[0].score"]


def test_live_endpoint_rescores_the_draft_and_marks_the_cell(world: World) -> None:
    record = world.projects["a1"]
    data = formdata.form_values(services.load(record)) | {"self_eval_form.indicators[0].score": "35"}
    response = world.client("unit_a1").post(f"/projects/{record.pk}/live/", data)
    html = response.content.decode()
    assert response.status_code == 200
    note = re.search(
        r'<div id="note-ind-0" class="notes" hx-swap-oob="true">(.*?)</div></div>', html, re.DOTALL
    )
    assert note is not None
    assert 'data-fields="self_eval_form.indicators[0]' in note.group(1)
    assert "sev-error" in note.group(1)
    assert re.search(r'id="calc-ind-0"[^>]*>30<', html)  # the core's score, not the typed 35
    assert services.load(record).self_eval_form.indicators[0].score.value == 30  # nothing was saved


def test_editor_saves_and_recomputes_summary_columns(world: World) -> None:
    record = world.projects["a1"]
    data = formdata.form_values(services.load(record)) | {
        "version": str(record.version),
        "self_eval_form.indicators[1].actual": "40",  # below the 80 % target
    }
    response = world.client("unit_a1").post(f"/projects/{record.pk}/edit/", data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.total is not None
    assert record.total < 99
    assert record.error_count >= 1  # the stated 60 no longer matches the formula
    assert any(f["rule"] and f["severity"] == "error" for f in record.findings)


def test_create_page_makes_a_draft_for_own_unit(world: World) -> None:
    client = world.client("unit_a1")
    response = client.post("/projects/new/", {"unit": world.units["a1"].pk, "name": "新项目", "year": "2025"})
    assert response.status_code == 302
    response = client.post("/projects/new/", {"unit": world.units["a2"].pk, "name": "别人的项目"})
    assert response.status_code == 404


def test_imported_score_sheet_is_edited_in_the_sheet_form(world: World, fixtures_dir: Path) -> None:
    upload = SimpleUploadedFile("a01.docx", (fixtures_dir / "ziyang-2022-a01.docx").read_bytes())
    client = world.client("unit_a1")
    client.post("/import/", {"unit": world.units["a1"].pk, "files": [upload]})
    record = ProjectRecord.objects.filter(unit=world.units["a1"]).exclude(pk=world.projects["a1"].pk).get()
    imported = services.load(record).score_sheet
    page = client.get(f"/projects/{record.pk}/edit/").content.decode()
    assert "项目支出绩效自评计分表" in page
    data = dict(re.findall(r'<input name="([^"]+)" value="([^"]*)"', page))
    data |= dict(re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    data |= dict(re.findall(r'<input type="checkbox" name="([^"]+)" value="(1)" checked', page))
    data["version"] = str(record.version)
    assert client.post(f"/projects/{record.pk}/edit/", data).status_code == 302
    saved = services.load(ProjectRecord.objects.get(pk=record.pk)).score_sheet
    stated = {item.id: item.score.value for item in imported.items}
    assert {item.id: item.score.value for item in saved.items if item.id in stated} == stated
    assert {i.id for i in saved.items if i.not_applicable} == {
        i.id for i in imported.items if i.not_applicable
    }


def test_new_score_sheet_project_scores_live(world: World) -> None:
    client = world.client("unit_a1")
    response = client.post(
        "/projects/new/", {"unit": world.units["a1"].pk, "name": "计分表项目", "form": "score_sheet"}
    )
    record = ProjectRecord.objects.get(name="计分表项目")
    assert response["Location"].endswith(f"/projects/{record.pk}/edit/")
    page = client.get(f"/projects/{record.pk}/edit/").content.decode()
    names = re.findall(r'<input name="(score_sheet\.items\[\d+\]\.score)"', page)
    assert len(names) == 20  # the 20 common indicators of the Ziyang scheme
    data = dict.fromkeys(names, "1") | {"score_sheet.items[0].score": "9"}  # item 0 is worth 5 points
    live = client.post(f"/projects/{record.pk}/live/", data).content.decode()
    note = re.search(
        r'<div id="note-sheet-0" class="notes" hx-swap-oob="true">(.*?)</div>\s*<span', live, re.DOTALL
    )
    assert note is not None
    assert "sev-error" in note.group(1)


def test_form_keeps_what_it_does_not_show(world: World) -> None:
    """An imported stated execution rate, the money unit and a 不适用 flag survive a save from the form."""
    base = world.sample()
    form = base.self_eval_form
    total = form.budget.rows[0].model_copy(update={"execution_rate": form.budget.rows[0].score.model_copy(
        update={"value": Decimal("0.95"), "raw": "95%"})})  # fmt: skip
    indicator = form.indicators[0].model_copy(update={"not_applicable": True})
    budget = form.budget.model_copy(update={"rows": (total,), "unit": MoneyUnit.yuan})
    base = base.model_copy(update={"self_eval_form": form.model_copy(
        update={"budget": budget, "indicators": (indicator, *form.indicators[1:])})})  # fmt: skip
    parsed = formdata.project_from_form(formdata.form_values(base), base, department="部", unit="单").project
    assert parsed.self_eval_form.budget.unit == "元"
    assert parsed.self_eval_form.budget.rows[0].execution_rate.raw == "95%"
    assert parsed.self_eval_form.budget.rows[0].spent.value.unit == "元"
    assert parsed.self_eval_form.indicators[0].not_applicable


def test_finding_locations_are_described_for_people() -> None:
    assert formview.describe({"field": "self_eval_form.indicators[2].score"}) == "绩效指标第3行「得分」"
    assert (
        formview.describe({"field": "self_eval_form.budget.rows[0].reason"}) == "预算执行「总额」行「原因」"
    )
    assert formview.describe({"field": "self_eval_form.conclusion"}) == "「自评结论」"
    assert formview.describe({"field": "score_sheet.items[4]"}) == "计分表第5项"
    assert formview.describe({"file": "a.docx", "table": 1, "row": 23, "col": 3, "label": "合计"}) == (
        "a.docx 表1 第23行 第3列「合计」"
    )
