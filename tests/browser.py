"""A real headless browser for the tests: Debian's Chromium, no network, a throw-away profile.

``find_chromium()`` returns the executable or None (tests then skip: install it with
``apt-get install -y chromium``). ``render(page, out_dir)`` loads a local HTML file, writes a
screenshot and returns the DOM after rendering.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Rendered", "find_chromium", "render"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


@dataclass(frozen=True)
class Rendered:
    dom: str
    screenshot: Path


def find_chromium() -> str | None:
    override = os.environ.get("INSVIGIL_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _run(
    exe: str, args: list[str], profile: str, timeout: float
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": profile}
    return subprocess.run(
        [exe, *_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def render(
    page: Path, out_dir: Path, *, width: int = 1280, height: int = 2000, timeout: float = 120
) -> Rendered:
    """Screenshot ``page`` into ``out_dir/page.png`` and return its rendered DOM."""
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("chromium introuvable (apt-get install -y chromium)")
    url = page.resolve().as_uri()
    shot = out_dir / "page.png"
    with tempfile.TemporaryDirectory(prefix="insvigil-chromium-") as profile:
        done = _run(
            exe, [f"--screenshot={shot}", f"--window-size={width},{height}", url], profile, timeout
        )
        if not shot.exists():
            raise RuntimeError(f"capture d'écran impossible : {done.stderr[-2000:]}")
    with tempfile.TemporaryDirectory(prefix="insvigil-chromium-") as profile:
        dumped = _run(exe, ["--dump-dom", url], profile, timeout)
    if dumped.returncode != 0 or "<html" not in dumped.stdout:
        raise RuntimeError(f"lecture du DOM impossible : {dumped.stderr[-2000:]}")
    return Rendered(dumped.stdout, shot)
