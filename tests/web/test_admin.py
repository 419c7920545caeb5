"""The admin site: only superusers get in; projects and the audit trail are read-only there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from jixiao.web.admin import site

if TYPE_CHECKING:
    from conftest import World

ROLES = ("anon", "unit_a1", "dept_A1", "finance_a", "admin")
MODELS = sorted(f"{m._meta.app_label}_{m._meta.model_name}" for m in site._registry)
URLS = ["admin:index"] + [f"admin:{model}_{view}" for model in MODELS for view in ("changelist", "add")]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_enter_the_admin(world: World, url: str, role: str) -> None:
    response = world.client(role).get(reverse(url))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", URLS)
def test_superuser_sees_tenancy_and_cannot_add_projects(db: None, url: str) -> None:
    root = get_user_model().objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(root)
    expected = 403 if url.endswith(("projectrecord_add", "auditevent_add")) else 200
    assert client.get(reverse(url)).status_code == expected
