"""The handover sheet read back: site, shift, census figures, positives, page x of y,
masked ID numbers, the embedded CJK font and the fallback."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from isolation_desk.domain.registration import Registration
from isolation_desk.domain.roles import Actor
from isolation_desk.reports import fonts
from isolation_desk.reports.handover import build_handover
from isolation_desk.reports.labels.handover import EN, ZH
from isolation_desk.services import shift, shift_summary, stays

RESIDENT_ID = re.compile(r"(?<![0-9*])\d{17}[\dX](?![0-9])")


def read(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def after(lines: list[str], marker: str) -> list[str]:
    return lines[next(i for i, line in enumerate(lines) if line.strip() == marker):]


@pytest.fixture
def summary(demo_db, now):
    return shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now)


@pytest.fixture
def zh_pdf(summary, tmp_path):
    path = tmp_path / "handover.pdf"
    pages = build_handover(summary, path, lang="zh_CN")
    return path, pages


def test_sheet_holds_site_shift_and_page_x_of_y(zh_pdf, summary):
    path, pages = zh_pdf
    texts = read(path)
    assert len(texts) == pages >= 1
    assert summary.site_name in texts[0]
    assert f"{summary.shift.date.isoformat()} 白班(08:00 至 20:00)" in texts[0]
    assert f"第 1 页,共 {pages} 页" in texts[0]
    assert f"第 {pages} 页,共 {pages} 页" in texts[-1]
    # the two shift leaders, not the command system's A/B roles, each with a time line
    signed = next(t for t in texts if "交班班长" in t)
    assert "接班班长" in signed and signed.count("交接时间") == 2 and "A角" not in "".join(texts)


def test_every_census_figure_equals_the_summary(zh_pdf, summary):
    path, _ = zh_pdf
    lines = [line.strip() for line in "\n".join(read(path)).splitlines()]
    census = after(lines, "一、在住人员")
    for category, n in summary.census_by_category.items():
        word = ZH[f"cat_{category}"]
        i = census.index(word)
        assert census[i + 1] == str(n), (category, census[i:i + 2])
    i = census.index("合计")
    assert census[i + 1] == str(summary.census_total)
    for b in summary.census_by_building:
        i = census.index(b["name"])
        assert census[i + 1:i + 7] == [str(b[k]) for k in ("people", "rooms", "occupied", "ready",
                                                           "awaiting_disinfection", "out_of_service")]


def test_every_positive_is_named_and_no_id_number_is_in_clear(zh_pdf, summary, demo_db):
    path, _ = zh_pdf
    text = "\n".join(read(path))
    assert summary.positives
    for p in summary.positives:
        assert p["name"] in text and p["id_masked"] in text
    assert not RESIDENT_ID.findall(text)
    for (number,) in demo_db.execute("SELECT id_number FROM people"):
        assert number not in text


def test_english_sheet(summary, tmp_path):
    path = tmp_path / "en.pdf"
    pages = build_handover(summary, path, lang="en")
    texts = read(path)
    assert f"Page 1 of {pages}" in texts[0]
    assert "Day shift" in texts[0] and "Shift handover record" in texts[0]
    assert any("Outgoing shift leader" in t and "Incoming shift leader" in t for t in texts)


def test_names_with_a_middle_dot_and_a_rare_character_print(demo_db, now, manager, tmp_path):
    for name, number in (("阿卜杜拉·买买提", "E11111111"), ("王䶮", "E22222222")):
        stays.check_in(demo_db, Registration(
            name=name, id_type="passport", id_number=number, sex="M", birth_date=date(1980, 5, 1),
            phone="13800138000", category="inbound_traveller", arrival_date=now.date()), manager, now)
    s = shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now)
    path = tmp_path / "names.pdf"
    build_handover(s, path, lang="zh_CN")
    text = "\n".join(read(path))
    assert "阿卜杜拉·买买提" in text
    font = fonts.register_fonts()
    if fonts.text_runs(font, "䶮")[0][1] == "䶮":  # a fallback font on this machine has it
        assert "王䶮" in text
    else:
        assert "王" + fonts.MISSING_GLYPH in text


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_cjk_font_is_embedded(zh_pdf):
    path, _ = zh_pdf
    font = fonts.register_fonts()
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    if not font.embedded:
        pytest.skip("no TrueType CJK font on this machine")
    cjk = [line for line in out.splitlines() if "+" in line and "TrueType" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), out


def test_fallback_to_the_builtin_cid_font(summary, tmp_path):
    font = fonts.find_cjk_font(None, search_system=False)
    assert font.kind == "cid" and not font.embedded
    assert any("STSong-Light" in n for n in font.notes)
    path = tmp_path / "cid.pdf"
    pages = build_handover(summary, path, lang="zh_CN", font=font)
    texts = read(path)
    assert pages == len(texts)
    fonts_used = {str(f.get("/BaseFont")) for p in PdfReader(str(path)).pages
                  for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any("STSong-Light" in f for f in fonts_used)


def test_long_lists_are_cut_and_say_so(summary, tmp_path):
    summary.next_releases_due = summary.next_releases_due * 20
    path = tmp_path / "long.pdf"
    build_handover(summary, path, lang="zh_CN")
    text = "\n".join(read(path))
    hidden = len(summary.next_releases_due) - 60
    # the note says where the whole list is: an annex after the signatures, with every row
    assert f"(另有 {hidden} 条未在此列出,完整名单见本记录末尾附表1)" in text.replace("\n", "")
    annex = text[text.index("附表1:"):]
    assert text.index("接班班长") < text.index("附表1:")
    assert f"(共 {len(summary.next_releases_due)} 条)" in annex.replace("\n", "")
    names = [p["name"] for p in summary.next_releases_due]
    assert annex.count(names[-1]) == names.count(names[-1])


def test_label_sets_are_equal_in_both_languages():
    assert set(ZH) == set(EN)


def test_night_sheet_lists_fevers_with_symptoms_in_words(demo_db, now, tmp_path):
    night = shift.shift_of(demo_db, now.date() - timedelta(days=1), "night")
    s = shift_summary.shift_summary(demo_db, night, now)
    assert s.fevers
    path = tmp_path / "night.pdf"
    build_handover(s, path, lang="zh_CN")
    text = "\n".join(read(path))
    assert "夜班" in text and "数据统计至班次结束" in text
    for f in s.fevers:
        assert f["name"] in text and f"{f['temperature']:.1f}" in text
    assert "干咳、发热" in text and "dry_cough" not in text


def test_sheet_of_a_site_without_occupants(db, now, tmp_path):
    s = shift_summary.shift_summary(db, shift.shift_at(db, now), now)
    assert s.census_total == 0 and s.supplies is None
    path = tmp_path / "empty.pdf"
    build_handover(s, path, lang="zh_CN")
    text = "\n".join(read(path))
    assert "测试隔离点" in text and "暂不可知" in text and "无。" in text


def text_positions(path):
    """(page number, x, y, text) of every text run, in page coordinates."""
    out = []
    for n, page in enumerate(PdfReader(str(path)).pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, n=n, width=width, height=height):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                em = size * tm[0] * cm[0]
                # a CJK glyph is 1 em wide, Latin ones about half (an estimate of the run's width)
                est = sum(em if ord(c) > 0x2E80 else 0.5 * em for c in text.rstrip())
                out.append((n, x, y, text, width, height, est))
        page.extract_text(visitor_text=visit)
    return out


def test_nothing_is_drawn_outside_the_page_margins(zh_pdf):
    path, _ = zh_pdf
    runs = text_positions(path)
    assert runs
    margin = 10 * 72 / 25.4  # 10 mm: the body frame and the header/footer sit inside 15 mm
    for page, x, y, text, width, height, est in runs:
        assert margin <= x <= width - margin, (page, x, text)
        assert x + est <= width - margin, (page, x, est, text)
        assert margin / 2 <= y <= height - margin, (page, y, text)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_first_page_renders_to_a_png(zh_pdf, tmp_path):
    from PySide6.QtGui import QImage
    path, _ = zh_pdf
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p-*.png"))
    image = QImage(str(png))
    assert abs(image.height() / image.width() - 297 / 210) < 0.01  # A4 portrait
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # text and table rules, not a blank page


def test_a_site_of_many_buildings_breaks_the_census_across_pages(summary, tmp_path):
    many = [dict(summary.census_by_building[0], building=f"B{i:02d}", name=f"{i}号楼") for i in range(80)]
    summary.census_by_building = many
    path = tmp_path / "many.pdf"
    pages = build_handover(summary, path, lang="zh_CN")
    text = "\n".join(read(path))
    assert pages >= 2 and "0号楼" in text and "79号楼" in text


def test_the_longest_log_entry_fits(demo_db, now, tmp_path):
    nurse = Actor("nurse", "medical")
    shift.add_log_entry(demo_db, "incident", "长" * (shift.LOG_TEXT_MAX - 1) + "完", nurse, now)
    s = shift_summary.shift_summary(demo_db, shift.shift_at(demo_db, now), now)
    path = tmp_path / "long-log.pdf"
    assert build_handover(s, path, lang="zh_CN") >= 2
    assert "长长完" in "".join(read(path)).replace("\n", "")
