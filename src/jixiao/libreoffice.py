"""Run LibreOffice headless for the readers (.doc/.wps → .docx) and the renderer (.docx → PDF).

One profile folder per process and thread (instances sharing a profile block each other; a profile
is reused by later conversions, saving its creation on every call, and removed when the process
exits); every run is its own process group, killed whole when it exceeds its timeout (stack.md §3).
Callers turn `LibreOfficeTimeoutError` and a non-zero `Conversion.returncode` into their own errors.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


class LibreOfficeTimeoutError(RuntimeError):
    """A conversion ran past its timeout; its process group was killed."""


@dataclass(frozen=True, slots=True)
class Conversion:
    """How a finished `soffice --convert-to` run ended."""

    returncode: int
    stderr: bytes


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def profile_dir() -> Path:
    """Return this process and thread's own LibreOffice profile folder (created on first use)."""
    folder = Path(tempfile.gettempdir()) / f"jixiao-lo-profile-{os.getpid()}-{threading.get_ident()}"
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def run_conversion(
    inputs: Sequence[Path],
    out_dir: Path,
    convert_to: str,
    *,
    timeout: float,
    environment: Mapping[str, str] | None = None,
) -> Conversion:
    """Run `soffice --convert-to convert_to` on `inputs`, writing into `out_dir`.

    `environment` is the base environment (default: this process's); HOME is set to the profile.
    Callers check `find_soffice()` first, to say in their own words that LibreOffice is missing.
    """
    soffice = find_soffice()
    if soffice is None:
        msg = "LibreOffice (soffice) is not installed"
        raise FileNotFoundError(msg)
    profile = profile_dir()
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        convert_to,
        "--outdir",
        str(out_dir),
        *(str(path) for path in inputs),
    ]
    env = {**(os.environ if environment is None else environment), "HOME": str(profile)}
    with subprocess.Popen(  # noqa: S603  (fixed argument list, no shell)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its own process group, so soffice.bin dies with the wrapper
    ) as process:
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            raise LibreOfficeTimeoutError(timeout) from error
    return Conversion(process.returncode, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the run's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
