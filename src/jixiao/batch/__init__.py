"""Batch processing: many files through the core in parallel, summaries, rankings, 点位 distribution.

Pure parts: `ranking` (with the 20/20/55/5 % forced grades of `jixiao.distribution`, which rule G26
uses too), `summary` (one row per project), `manifest` (what changed since the last run). I/O parts:
`files` (walk the inputs), `store` (the output folder's state), `runner` + `task` (the process pool),
`outputs` (the reports), `worker` (Celery tasks for the web app). Never imports Django.
"""

from __future__ import annotations
