"""`pip install .` (not editable): the wheel carries the translations, icons and style, and
--selftest passes from a fresh virtual environment outside the source tree."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not list((ROOT / "isolation_desk" / "resources" / "translations").glob("*.qm")):
        pytest.skip("compile the translations first (scripts/build_translations.py --release-only)")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (built,) = out.glob("isolation_desk-*.whl")
    return built


def test_the_wheel_carries_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("isolation_desk/resources/style.qss", "isolation_desk/resources/icons/app.svg",
                 "isolation_desk/resources/translations/isolation_desk_zh_CN.qm",
                 "isolation_desk/resources/translations/isolation_desk_en.qm",
                 "isolation_desk/ui/preview.py", "isolation_desk/cli/site.py"):
        assert name in names, name
    icons = {n for n in names if n.startswith("isolation_desk/resources/icons/")}
    assert icons == {f"isolation_desk/resources/icons/{p.name}"
                     for p in (ROOT / "isolation_desk" / "resources" / "icons").glob("*.svg")}
    # sources of the translations stay in the repository
    assert not any(n.endswith((".ts", ".tsv")) for n in names)
    assert not any(n.startswith(("tests/", "resources/", "scripts/")) for n in names)


def test_selftest_from_the_installed_wheel(wheel, tmp_path):
    """A fresh venv with the wheel installed (its dependencies reached through a path entry
    to this environment's site-packages, whose editable install of the checkout is not
    loaded), run outside the source tree."""
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True, timeout=300)
    fresh_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip()
    Path(fresh_site, "_deps_from_test_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path), "LANG": os.environ.get("LANG", "C.UTF-8")}
    where = subprocess.run([str(python), "-c", "import isolation_desk; print(isolation_desk.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(fresh_site) and str(ROOT) not in where
    result = subprocess.run([str(python), "-m", "isolation_desk", "--selftest"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert f"ok   resources: {Path(fresh_site) / 'isolation_desk' / 'resources'}" in result.stdout
