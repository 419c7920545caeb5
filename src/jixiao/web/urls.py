"""URL configuration: every route here is listed in tests/web/test_access_matrix.py (admin: test_admin.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import SimpleRouter

from jixiao.web import admin
from jixiao.web.views import exports, home, imports, projects, rechecks, rest

router = SimpleRouter()
router.register("projects", rest.ProjectViewSet, basename="api-project")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="jixiao/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="jixiao/password.html", success_url="/password/done/"
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="jixiao/password_done.html"),
        name="password_change_done",
    ),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/live/", projects.project_live, name="project_live"),
    path("projects/<int:pk>/do/<slug:name>/", projects.project_transition, name="project_transition"),
    path("projects/<int:pk>/export/<slug:kind>/", exports.project_export, name="project_export"),
    path("departments/<int:pk>/summary.xlsx", exports.department_summary, name="department_summary"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/jobs/<int:pk>/", imports.import_job, name="import_job"),
    path("import/jobs/<int:pk>/progress/", imports.import_job_progress, name="import_job_progress"),
    path("recheck/", rechecks.recheck_start, name="recheck_start"),
    path("recheck/<int:pk>/", rechecks.recheck_job, name="recheck_job"),
    path("recheck/<int:pk>/progress/", rechecks.recheck_job_progress, name="recheck_job_progress"),
    path("api/", include(router.urls)),
    path("api/score/", rest.score, name="api_score"),
    path("api/check/", rest.check, name="api_check"),
    path("api/import/", rest.import_files, name="api_import"),
    path("api/token/", obtain_auth_token, name="api_token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", rest.api_docs, name="api_docs"),
    path("admin/", admin.site.urls),  # covered by tests/web/test_admin.py, not the matrix
]
