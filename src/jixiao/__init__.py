"""jixiao (绩效): annual performance self-evaluation of budget project spending.

The core (model, schemes, scoring, read, recognize, checks, render, batch) is a pure library; `cli` and
`web` are thin layers over `jixiao.api`. The core never imports Django.
"""

from __future__ import annotations

__version__ = "0.1.0"
