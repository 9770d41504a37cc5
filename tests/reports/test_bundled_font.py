"""The font the desktop build bundles is preferred over the system's; the site's own wins."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isolation_desk import paths
from isolation_desk.reports import fonts

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    if not WQY.is_file():
        pytest.skip("needs fonts-wqy-microhei")
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(WQY, folder / "wqy-microhei.ttc")
    monkeypatch.setattr(paths, "fonts_dir", lambda: folder)
    monkeypatch.setattr(fonts, "_choices", {})
    return folder / "wqy-microhei.ttc"


def test_the_bundled_font_comes_before_the_system_fonts(bundled):
    choice = fonts.find_cjk_font(None)
    assert choice.embedded and choice.path == str(bundled)


def test_the_site_configured_font_still_wins(bundled):
    if not DROID.is_file():
        pytest.skip("needs fonts-droid-fallback")
    choice = fonts.find_cjk_font(str(DROID))
    assert choice.path == str(DROID)


def test_without_a_bundled_font_the_system_font_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "fonts_dir", lambda: tmp_path / "none")
    monkeypatch.setattr(fonts, "_choices", {})
    choice = fonts.find_cjk_font(None)
    assert choice.path != str(tmp_path / "none" / "wqy-microhei.ttc")
    if WQY.is_file():
        assert choice.path == str(WQY)


def test_the_build_bundles_the_font_with_its_licence():
    spec = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    assert "wqy-microhei.ttc" in spec and "fonts-wqy-microhei/copyright" in spec
    assert '"isolation_desk/resources/fonts"' in spec and fonts.BUNDLED_FONT_FILES[0][0] == "wqy-microhei.ttc"
