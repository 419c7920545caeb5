"""Build the optional C extension of the .docx reader; everything else is in pyproject.toml.

`jixiao.read._docx_scan` is Cython against lxml's public C API (`[build-system] requires` brings
Cython and lxml). It is optional: without a C compiler, or with JIXIAO_NO_EXTENSIONS=1, the package
installs without it and `jixiao.read.docx` uses the pure-Python scanner, which reads the same.
"""

from __future__ import annotations

import os

from setuptools import Extension, setup


def extensions() -> list[Extension]:
    """The extension modules to build (none when JIXIAO_NO_EXTENSIONS is set)."""
    if os.environ.get("JIXIAO_NO_EXTENSIONS"):
        return []
    import lxml  # noqa: PLC0415 (build requirements, imported only when building)
    from Cython.Build import cythonize  # noqa: PLC0415

    scanner = Extension(
        "jixiao.read._docx_scan", ["src/jixiao/read/_docx_scan.pyx"], include_dirs=lxml.get_include()
    )
    built = cythonize([scanner], language_level=3, quiet=True)
    for extension in built:  # set after cythonize, which does not carry the flag over
        extension.optional = True  # a failed compile leaves the pure-Python scanner in charge
    return built


setup(ext_modules=extensions())
