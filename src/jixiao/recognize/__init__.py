"""Recognize forms and reports in a `Document` by their labels and fill the model.

One module per form kind (`sichuan_form`, `score_sheet`, `goal_table`, `lizhou_report`,
`ziyang_report`); `document.recognize_document` finds them all and `assemble` pairs them into projects.
Problems are returned as I-rule findings (`rules`), never raised. Imports `jixiao.model` and
`jixiao.read` only; never Django, never the file system (see `importing` for the thin I/O edge).
"""

from __future__ import annotations

from jixiao.recognize.document import recognize_document
from jixiao.recognize.importing import ImportResult, import_bytes, import_file
from jixiao.recognize.rules import IMPORT_RULES

__all__ = ["IMPORT_RULES", "ImportResult", "import_bytes", "import_file", "recognize_document"]
