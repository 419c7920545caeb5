"""The Django web application: a thin layer over `jixiao.api` (views parse, call the core, render)."""
