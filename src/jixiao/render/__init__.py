"""Render: the official forms (.xlsx/.docx), the narrative 自评报告 (.docx/PDF), charts and summaries.

Pure functions from model values to bytes; only `render_project` writes files. Form rendering
(`render_form_xlsx`, `render_form_docx`) imports neither LibreOffice nor matplotlib. Must not import
Django, the CLI or the web app.
"""

from __future__ import annotations

from jixiao.render.forms import render_form_docx, render_form_xlsx

__all__ = ["render_form_docx", "render_form_xlsx"]
