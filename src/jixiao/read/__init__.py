"""Readers: bytes of .docx .xlsx .xls .et .doc .wps .pdf .txt into a neutral `Document`.

Readers take bytes (a path only where LibreOffice must convert) and never interpret what a form means;
that is `jixiao.recognize`. Untrusted input is bounded in size, time and memory (see `limits`).
"""

from __future__ import annotations
