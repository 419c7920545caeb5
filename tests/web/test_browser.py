"""End to end in Debian's chromium: fill with a live error, submit, return, fix, resubmit, approve, publish.

Screenshots go to test-results/ (gitignored).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from jixiao.web.models import ProjectRecord, Status

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from conftest import World

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses that unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
# pytest-playwright empties test-results/ when any session starts; JIXIAO_SCREENSHOTS may point elsewhere.
SHOTS = Path(
    os.environ.get("JIXIAO_SCREENSHOTS", Path(__file__).resolve().parents[2] / "test-results" / "web")
)
PASSWORD = "test-pass-123"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use Debian's chromium (Playwright's own browser downloads are not available)."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }  # fmt: skip


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{base}/")


def _transition(page: Page, label: str, comment: str = "") -> None:
    form = page.locator("form.transition", has=page.locator("button", has_text=label))
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    form.locator("button").click()
    page.wait_for_load_state()


def _unit_fixes_and_resubmits(page: Page, base: str, detail: str) -> None:
    _login(page, base, "unit_a1")
    page.goto(detail)
    assert "请补充未完成原因分析" in page.locator("#history").inner_text()
    assert "请补充未完成原因分析" in page.locator("#return-comment").inner_text()
    page.click("#edit-link")
    assert "请补充未完成原因分析" in page.locator("#return-comment").inner_text()
    page.fill("textarea[name='self_eval_form.conclusion']", "自评得分100分，年度目标全部完成。")
    page.click("#save")
    page.wait_for_url(re.compile(r".*/edit/$"))
    page.goto(detail)
    _transition(page, "提交审核")


def test_unit_department_finance_workflow(live_server: LiveServer, world: World, page: Page) -> None:
    base, record = live_server.url, world.projects["a1"]
    detail = f"{base}/projects/{record.pk}/"
    page.set_viewport_size({"width": 1400, "height": 900})

    _login(page, base, "unit_a1")
    _shot(page, "00-unit-dashboard")
    page.goto(f"{detail}edit/")
    score = page.locator("input[name='self_eval_form.indicators[0].score']")
    score.fill("")
    score.press_sequentially("35")  # above the weight 30: the checks flag it while typing
    page.locator("#note-ind-0 .note.sev-error").first.wait_for()
    assert page.locator("input[name='self_eval_form.indicators[0].score'].cell-error").count() == 1
    _shot(page, "01-live-error")
    score.fill("")
    score.press_sequentially("30")
    page.wait_for_function("document.querySelectorAll('#note-ind-0 .note.sev-error').length === 0")
    page.click("#save")
    page.wait_for_url(re.compile(r".*/edit/$"))
    page.goto(detail)
    _transition(page, "提交审核")
    assert "已提交" in page.locator(".bar .status").inner_text()

    _login(page, base, "dept_A1")
    page.goto(detail)
    _transition(page, "退回修改", comment="请补充未完成原因分析")
    _shot(page, "02-department-returned")
    assert "已退回" in page.locator(".bar .status").inner_text()

    _unit_fixes_and_resubmits(page, base, detail)

    _login(page, base, "dept_A1")
    page.goto(detail)
    _transition(page, "主管部门审核通过")
    _login(page, base, "finance_a")
    page.goto(detail)
    _transition(page, "财政局审核通过")
    _transition(page, "公开")
    _shot(page, "03-finance-published")
    assert "已公开" in page.locator(".bar .status").inner_text()
    page.goto(f"{base}/")
    page.locator("#chart-status canvas").first.wait_for()
    _shot(page, "04-region-dashboard")

    record = ProjectRecord.objects.get(pk=record.pk)
    assert record.status == Status.PUBLISHED
    actions = list(record.events.values_list("action", flat=True))
    assert actions == ["create", "edit", "submit", "return", "edit", "submit", "department_approve",
                       "finance_approve", "publish"]  # fmt: skip


def test_import_shows_each_file_as_it_finishes(
    live_server: LiveServer, world: World, page: Page, fixtures_dir: Path, tmp_path: Path
) -> None:
    base = live_server.url
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    _login(page, base, "unit_a1")
    page.goto(f"{base}/import/")
    page.set_input_files(
        "input[name=files]",
        [fixtures_dir / "lizhou-2023-p2.docx", bad, fixtures_dir / "ziyang-2022-a03.xlsx"],
    )
    page.click("button:has-text('上传并导入')")
    page.wait_for_function("document.getElementById('import-progress').textContent.startsWith('全部完成')")
    rows = page.locator("#import-rows tr")
    assert rows.count() == 3
    statuses = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(3)]
    assert statuses == ["✓ 成功", "✗ 失败", "✓ 成功"]
    _shot(page, "05-import")
    assert ProjectRecord.objects.filter(unit=world.units["a1"]).count() == 3
