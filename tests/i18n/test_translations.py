"""Every tr() string of the code is in the zh_CN translation, finished."""
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "isolation_desk" / "resources" / "translations" / "isolation_desk_zh_CN.ts"
sys.path.insert(0, str(ROOT / "scripts"))
import build_translations  # noqa: E402


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            out[(name, m.findtext("source"))] = m
    return out


def finished(m: ET.Element) -> bool:
    tr = m.find("translation")
    if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if m.get("numerus") == "yes":
        return any((f.text or "").strip() for f in tr.iter("numerusform"))
    return bool((tr.text or "").strip())


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    target = tmp_path_factory.mktemp("ts") / "fresh.ts"
    subprocess.run([build_translations.tool("pyside6-lupdate"), "-silent", "-locations", "none",
                    "-source-language", "en", "-target-language", "zh_CN",
                    *build_translations.sources(), "-ts", str(target)], cwd=ROOT, check=True)
    return messages(target)


def test_every_tr_string_is_translated_in_zh_cn(extracted):
    committed = messages(TS)
    missing = [key for key in extracted if key not in committed]
    unfinished = [key for key, m in committed.items() if key in extracted and not finished(m)]
    assert not missing, (f"{len(missing)} tr() strings missing from {TS.name} "
                         f"(run scripts/build_translations.py --fill): {missing[:10]}")
    assert not unfinished, f"{len(unfinished)} unfinished translations: {unfinished[:10]}"


def test_placeholders_survive_translation():
    import re
    for (ctx, source), m in messages(TS).items():
        tr = m.find("translation")
        texts = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
        for text in texts:
            for ph in set(re.findall(r"%\d", source)):
                assert ph in text, f"{ctx}: {source!r} -> {text!r} lost {ph}"


def test_the_app_speaks_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    from isolation_desk.ui import i18n
    assert i18n.install("zh_CN", qapp)
    assert QCoreApplication.translate("AppContext", "Not done") == "未完成"
    i18n.install("en", qapp)
    assert QCoreApplication.translate("AppContext", "Not done") == "Not done"
