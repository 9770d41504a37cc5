"""The shared reportlab layer: fonts, labels, chunked tables, page x of y."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import datetime

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from isolation_desk.reports import fonts
from isolation_desk.reports.labels import LABELS, label
from isolation_desk.reports.page import build_pdf, signature_block
from isolation_desk.reports.styles import markup, para, styles
from isolation_desk.reports.tables import CHECK_BOX_CHAR, _cell, check_box, data_table

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
PRINTED_AT = datetime(2022, 3, 27, 19, 45)
MIDDLE_DOT_NAME = "阿卜杜拉·买买提"
RARE_NAME = "刘䶮"  # 䶮 (U+4DAE, CJK extension A) is missing from WenQuanYi Micro Hei
HEADER = ["序号", "房间", "姓名", "性别", "证件号码", "类别", "末次暴露", "检测结果", "确认"]
WIDTHS = [14 * mm, 14 * mm, 32 * mm, 10 * mm, 36 * mm, 18 * mm, 22 * mm, 24 * mm, 10 * mm]


def occupant_rows(n: int) -> list[list]:
    names = [MIDDLE_DOT_NAME, RARE_NAME, "张伟", "欧阳娜娜"]
    rows = []
    for i in range(n):
        rows.append([
            f"R{i + 1:04d}", f"{i // 40 + 1}{i % 40 + 1:02d}", names[i % len(names)], "男" if i % 2 else "女",
            "410***********123X", "密接" if i % 3 else "入境人员", "2022-03-27",
            "待出结果，备注：住户反映房间空调噪声较大，已报修" if i % 50 == 0 else "阴性",
            check_box(checked=i % 4 == 0),
        ])
    return rows


def build(target, font, rows, *, lang="zh_CN", landscape=False, extra=()):
    st = styles(font)
    story = [para("交接班记录", st["title"], font)]
    story += data_table(HEADER, rows, WIDTHS, st, align=["RIGHT"] + ["LEFT"] * 7 + ["CENTER"])
    story += list(extra)
    return build_pdf(target, story, title="交接班记录", lang=lang, site_name="第三集中隔离点",
                          subtitle="2022-03-27 白班", printed_at=PRINTED_AT, font=font,
                          landscape=landscape)


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def font():
    return fonts.register_fonts()


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory, font):
    path = tmp_path_factory.mktemp("pdf") / "occupants.pdf"
    pages = build(path, font, occupant_rows(1200),
                  extra=[signature_block("zh_CN", styles(font), handed_over_by="张伟",
                                              when=PRINTED_AT)])
    return path, pages, page_texts(path)  # pypdf extraction is the slow part: do it once


# --------------------------------------------------------------------------- long document


def test_long_table_spans_pages_with_chinese_names_and_page_x_of_y(long_pdf, font):
    _, pages, texts = long_pdf
    assert pages == len(texts) > 20
    everything = "\n".join(texts)
    assert MIDDLE_DOT_NAME in everything
    assert "欧阳娜娜" in everything
    if fonts.covers(font, "䶮") or fonts.text_runs(font, "䶮")[0][1] == "䶮":
        assert RARE_NAME in everything  # drawn from a fallback font on this machine
    assert f"第 1 页,共 {pages} 页" in texts[0]
    assert f"第 {pages} 页,共 {pages} 页" in texts[-1]
    assert "打印时间：2022-03-27 19:45" in texts[0]
    assert "交班班长" in texts[-1] and "接班班长" in texts[-1]


def test_chunked_table_keeps_every_row_once_and_one_header_per_page(long_pdf):
    texts = long_pdf[2]
    ids = re.findall(r"R\d{4}", "\n".join(texts))
    assert ids == [f"R{i:04d}" for i in range(1, 1201)]  # none lost or doubled at chunk seams
    for number, text in enumerate(texts, 1):
        if re.search(r"R\d{4}", text):
            # the header row starts every page, and never shows mid-page at a chunk seam
            assert text.count("证件号码") == 1, f"page {number}"


def test_pdf_metadata(long_pdf):
    meta = PdfReader(long_pdf[0]).metadata
    assert meta.title == "交接班记录"
    assert meta.author == "第三集中隔离点"


@pytest.mark.skipif(not os.path.exists(WQY) or not shutil.which("pdffonts"),
                    reason="needs fonts-wqy-microhei and poppler-utils")
def test_wenquanyi_is_embedded_as_subset(long_pdf, font):
    assert font.path == WQY and font.kind == "ttf" and font.embedded
    out = subprocess.run(["pdffonts", str(long_pdf[0])], capture_output=True, text=True,
                         check=True).stdout
    line = next(ln for ln in out.splitlines() if "WenQuanYiMicroHei" in ln)
    assert re.match(r"[A-Z]{6}\+WenQuanYiMicroHei", line)  # subset tag
    assert line.split()[-5:-3] == ["yes", "yes"]  # emb, sub


def test_landscape_english_footer(tmp_path, font):
    path = tmp_path / "en.pdf"
    pages = build(path, font, occupant_rows(120), lang="en", landscape=True,
                  extra=[signature_block("en", styles(font))])
    texts = page_texts(path)
    assert pages == len(texts)
    assert f"Page 1 of {pages}" in texts[0]
    assert "Printed 2022-03-27 19:45" in texts[0]
    assert "Outgoing shift leader" in texts[-1] and "Incoming shift leader" in texts[-1]
    width, height = PdfReader(path).pages[0].mediabox.upper_right
    assert width > height


def test_build_into_a_buffer(font):
    buffer = io.BytesIO()
    assert build(buffer, font, occupant_rows(5)) == 1
    assert buffer.getvalue().startswith(b"%PDF")


def test_long_cells_wrap_and_short_cells_stay_strings(font):
    st = styles(font)
    long_text = "待出结果，备注：住户反映房间空调噪声较大，已报修，明日上午处理"
    assert _cell("阴性", 24 * mm, font, st["cell"]) == "阴性"
    assert isinstance(_cell(long_text, 24 * mm, font, st["cell"]), Paragraph)
    assert _cell(None, 24 * mm, font, st["cell"]) == ""
    assert _cell(datetime(2022, 3, 27, 8, 0), 30 * mm, font, st["cell"]) == "2022-03-27 08:00"


def test_empty_table_prints_its_header(tmp_path, font):
    path = tmp_path / "empty.pdf"
    assert build(path, font, []) == 1
    assert "证件号码" in page_texts(path)[0]


# --------------------------------------------------------------------------- font choice


def test_fallback_cid_font_builds_a_readable_pdf(tmp_path):
    cid = fonts.register_fonts(search_system=False)
    assert cid.kind == "cid" and cid.path is None and not cid.embedded
    assert any("not embedded" in note for note in cid.notes)
    path = tmp_path / "cid.pdf"
    pages = build(path, cid, occupant_rows(100))
    texts = page_texts(path)
    assert pages == len(texts) >= 2
    everything = "\n".join(texts)
    assert "张伟" in everything and "欧阳娜娜" in everything
    # the middle dot is printed as U+30FB, the code UniGB-UCS2-H has for the GB 2312 dot
    assert "阿卜杜拉・买买提" in everything or MIDDLE_DOT_NAME in everything
    assert f"第 1 页,共 {pages} 页" in texts[0]


def test_configured_path_that_is_not_a_font_falls_back(tmp_path):
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_text("this is not a font")
    choice = fonts.find_cjk_font(str(bogus))
    assert choice.path != str(bogus)
    assert any(str(bogus) in note for note in choice.notes)
    only_configured = fonts.find_cjk_font(str(bogus), search_system=False)
    assert only_configured.kind == "cid"


def test_configured_path_that_does_not_exist_falls_back(tmp_path):
    missing = str(tmp_path / "nowhere.ttc")
    choice = fonts.find_cjk_font(missing, search_system=False)
    assert choice.kind == "cid"
    assert any("not found" in note for note in choice.notes)


def test_font_without_chinese_is_refused():
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(dejavu):
        pytest.skip("needs fonts-dejavu-core")
    choice = fonts.find_cjk_font(dejavu, search_system=False)
    assert choice.kind == "cid"
    assert any("no Chinese" in note for note in choice.notes)


def test_postscript_outline_font_is_refused():
    otf_dir = "/usr/share/fonts/opentype/urw-base35"
    otfs = sorted(f for f in os.listdir(otf_dir) if f.endswith(".otf")) if os.path.isdir(otf_dir) else []
    if not otfs:
        pytest.skip("needs a CFF-outline .otf (fonts-urw-base35)")
    path = os.path.join(otf_dir, otfs[0])
    choice = fonts.find_cjk_font(path, search_system=False)
    assert choice.kind == "cid"
    assert any("postscript outlines" in note for note in choice.notes)


@pytest.mark.skipif(not os.path.exists(WQY), reason="needs fonts-wqy-microhei")
def test_configured_font_is_used_first():
    choice = fonts.find_cjk_font(WQY, search_system=False)
    assert (choice.path, choice.kind, choice.subfont_index) == (WQY, "ttf", 0)
    assert fonts.find_cjk_font(WQY, search_system=False) is choice  # registered once


def test_text_runs_mark_characters_no_font_can_draw(font):
    unprintable = "\U000f0000"  # supplementary private use: in no installed font
    runs = fonts.text_runs(font, f"张{unprintable}伟")
    assert "".join(text for _, text in runs) in (f"张{fonts.MISSING_GLYPH}伟", "张?伟")
    cid = fonts.register_fonts(search_system=False)
    assert fonts.text_runs(cid, "咬\U0002c317") == [(cid.name, "咬" + fonts.MISSING_GLYPH)]
    assert fonts.text_runs(cid, MIDDLE_DOT_NAME) == [(cid.name, "阿卜杜拉\u30fb买买提")]


def test_markup_escapes_and_switches_font_for_missing_glyphs(font):
    assert markup(font, "A&B <1>\n二") == "A&amp;B &lt;1&gt;<br/>二"
    runs = fonts.text_runs(font, RARE_NAME)
    if len(runs) > 1:  # 䶮 comes from a fallback font
        assert f'<font face="{runs[1][0]}">䶮</font>' in markup(font, RARE_NAME)


# --------------------------------------------------------------------------- small parts


def test_check_box_and_box_character(font):
    box = check_box(checked=True)
    assert box.wrap(100, 100) == (box.size, box.size)
    if font.kind == "ttf":
        assert fonts.covers(font, CHECK_BOX_CHAR)


def test_styles_wrap_chinese(font):
    st = styles(font)
    assert set(st) >= {"title", "heading", "body", "small", "cell", "cell_bold"}
    assert all(style.wordWrap == "CJK" for style in st.values())
    assert st["body"].fontName == font.name and st.font is font
    paragraph = para("隔离人员" * 30, st["body"], font)
    _, height = paragraph.wrap(60 * mm, 1000)
    assert height > 3 * st["body"].leading  # wrapped between Chinese characters


# --------------------------------------------------------------------------- labels


def test_labels_have_the_same_keys_in_both_languages():
    assert set(LABELS) == {"zh_CN", "en"}
    assert set(LABELS["zh_CN"]) == set(LABELS["en"])
    for key in LABELS["en"]:
        fields_zh = set(re.findall(r"{(\w+)}", LABELS["zh_CN"][key]))
        assert fields_zh == set(re.findall(r"{(\w+)}", LABELS["en"][key])), key


def test_label_formats_and_never_crashes():
    assert label("zh_CN", "page_x_of_y", page=2, pages=5) == "第 2 页,共 5 页"
    assert label("en", "page_x_of_y", page=2, pages=5) == "Page 2 of 5"
    assert label("en", "unknown") == "unknown" and label("zh_CN", "unknown") == "未知"
    assert label("zh_CN", "handed_over_by") == "交班班长"
    assert label("en", "no_such_key") == "no_such_key"
    assert label("fr", "site") == LABELS["zh_CN"]["site"]
    assert label("en-GB", "site") == "Site"
    assert label("en", "page_x_of_y") == "Page {page} of {pages}"  # missing fields: unformatted
