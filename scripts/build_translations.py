#!/usr/bin/env python3
"""Translations: pyside6-lupdate extracts every tr() string of the code into
isolation_desk/resources/translations/isolation_desk_<lang>.ts; translators fill the .ts (Qt
Linguist, or --fill with the translation memories isolation_desk/resources/translations/zh_CN.memory*.tsv);
pyside6-lrelease compiles .ts into .qm (never edited by hand, not committed).

    python scripts/build_translations.py            # update .ts from the code, then release .qm
    python scripts/build_translations.py --release-only
    python scripts/build_translations.py --fill     # fill unfinished zh_CN entries from the memory
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "isolation_desk" / "resources" / "translations"
LANGS = ("zh_CN", "en")
MEMORY_GLOB = "zh_CN.memory*.tsv"  # one translation memory file per area


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        sys.exit(f"error: {name} not found (install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "isolation_desk").rglob("*.py")
                  if "tr(" in p.read_text(encoding="utf-8") or "translate(" in p.read_text(encoding="utf-8"))


def ts_path(lang: str) -> Path:
    return TS_DIR / f"isolation_desk_{lang}.ts"


def update(ts_files: list[Path] | None = None) -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        target = ts_path(lang)
        args = [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                "-source-language", "en", "-target-language", lang]
        if lang == "en":
            args.append("-pluralonly")  # English needs only the plural forms of %n strings
        subprocess.run(args + sources() + ["-ts", str(target)], cwd=ROOT, check=True)


def release() -> None:
    for lang in LANGS:
        ts = ts_path(lang)
        if ts.exists():
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                            str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def load_memory() -> dict[tuple[str, str], str | list[str]]:
    """context<TAB>source<TAB>translation (plural forms separated by ' ||| ');
    context '*' applies to any context. Sources escape newlines as \\n."""
    memory: dict = {}
    for path in sorted(TS_DIR.glob(MEMORY_GLOB)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"error: {path.name}:{number}: expected context<TAB>source<TAB>translation")
            ctx, src, tr = parts
            src, tr = src.replace("\\n", "\n"), tr.replace("\\n", "\n")
            memory[(ctx, src)] = tr.split(" ||| ") if " ||| " in tr else tr
    return memory


def fill() -> list[tuple[str, str]]:
    """Fill unfinished zh_CN messages from the memory; return what is still missing."""
    memory = load_memory()
    path = ts_path("zh_CN")
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            tr = message.find("translation")
            if tr.get("type") not in ("unfinished",) and (tr.text or list(tr)):
                continue
            value = memory.get((name, source), memory.get(("*", source)))
            if value is None:
                missing.append((name, source))
                continue
            if message.get("numerus") == "yes":
                for child in list(tr):
                    tr.remove(child)
                forms = value if isinstance(value, list) else [value]
                for form in forms[:1]:  # Chinese has one plural form
                    ET.SubElement(tr, "numerusform").text = form
                tr.text = None
            else:
                tr.text = value if isinstance(value, str) else value[0]
            tr.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


def english_forms(source: str) -> list[str]:
    """The two English plural forms of a "%n thing(s)" source: "1 thing", "2 things"."""
    one = source.replace("person(s)", "person").replace("(s)", "")
    many = source.replace("person(s)", "people").replace("(s)", "s")
    return [one, many]


def fill_english_plurals() -> None:
    """English needs only the plural forms of %n strings (lupdate -pluralonly)."""
    path = ts_path("en")
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        tr = message.find("translation")
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        for form in english_forms(message.findtext("source")):
            ET.SubElement(tr, "numerusform").text = form
        tr.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--release-only", action="store_true")
    ap.add_argument("--fill", action="store_true")
    args = ap.parse_args()
    if not args.release_only:
        update()
        if args.fill:
            fill_english_plurals()
            missing = fill()
            for ctx, src in missing:
                print(f"untranslated\t{ctx}\t{src!r}")
    release()


if __name__ == "__main__":
    main()
