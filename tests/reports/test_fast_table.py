"""fast_table: long plain-text tables drawn on the canvas (the roster's table), read back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from isolation_desk.reports import fonts
from isolation_desk.reports.fast_table import ELLIPSIS, _TextWriter, fast_table
from isolation_desk.reports.page import build_pdf
from isolation_desk.reports.styles import para, styles
from isolation_desk.reports.tables import check_box

PRINTED_AT = datetime(2022, 11, 20, 9, 30)
HEADER = ["序号", "房间", "姓名", "证件号码", "人员类别", "解除日期", "状态"]
WIDTHS = [12 * mm, 18 * mm, 30 * mm, 40 * mm, 36 * mm, 24 * mm, 22 * mm]
ALIGN = ["RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "CENTER", "LEFT"]
LONG_CHINESE_NAME = "阿不都热合曼·买买提依明·艾合买提江·吐尔逊"  # wider than the 30 mm column
LONG_LATIN_NAME = "Maximilian Alexander Konstantin von Hohenzollern"
RARE_NAME = "刘䶮"  # 䶮 is missing from WenQuanYi Micro Hei: a fallback font or 〓


def rows_of(n: int) -> list[list]:
    names = ["张伟", LONG_CHINESE_NAME, "欧阳娜娜", LONG_LATIN_NAME, RARE_NAME]
    return [[i + 1, f"A-{i + 1:04d}", names[i % len(names)], f"410***********{i % 10000:04d}",
             "中高风险地区来(返)人员" if i % 3 else "密接", date(2022, 11, 20 + i % 7),
             "待转运" if i % 17 == 0 else None] for i in range(n)]


def build(path, font, rows, **kwargs) -> int:
    st = styles(font)
    story = [para("在住人员名单", st["title"], font)]
    story += fast_table(HEADER, rows, WIDTHS, st, align=ALIGN, **kwargs)
    return build_pdf(path, story, title="在住人员名单", lang="zh_CN", site_name="第三集中隔离点",
                          subtitle=f"共 {len(rows)} 人", printed_at=PRINTED_AT, font=font,
                          landscape=True)


@pytest.fixture(scope="module")
def font():
    return fonts.register_fonts()


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory, font):
    path = tmp_path_factory.mktemp("fast") / "table.pdf"
    rows = rows_of(300)
    pages = build(path, font, rows)
    texts = [p.extract_text() for p in PdfReader(str(path)).pages]
    return path, pages, texts, rows


def test_every_row_once_in_order_and_the_header_on_every_page(table_pdf):
    _, pages, texts, rows = table_pdf
    assert pages == len(texts) > 3
    for text in texts:
        assert "证件号码" in text and "解除日期" in text
    everything = "\n".join(texts)
    positions = [everything.index(f"A-{i:04d}") for i in range(1, len(rows) + 1)]
    assert positions == sorted(positions)
    assert all(everything.count(f"A-{i:04d}") == 1 for i in (1, 150, 300))
    assert f"第 1 页,共 {pages} 页" in texts[0] and f"第 {pages} 页,共 {pages} 页" in texts[-1]
    assert "待转运" in everything and "2022-11-26" in everything


def test_long_names_wrap_inside_their_column(table_pdf, font, tmp_path, monkeypatch):
    _, _, texts, rows = table_pdf
    flat = "".join("".join(t.split()) for t in texts)
    assert "".join(LONG_CHINESE_NAME.split()) in flat  # whole, over several lines
    assert "".join(LONG_LATIN_NAME.split()) in flat
    drawn = []  # every string the table puts on a page, at x from the table's left edge
    put = _TextWriter.put

    def record(self, x, y, s):
        drawn.append((x, s, self.font_name))
        put(self, x, y, s)

    monkeypatch.setattr(_TextWriter, "put", record)
    build(tmp_path / "again.pdf", font, rows)
    edges = [0.0]
    for w in WIDTHS:
        edges.append(edges[-1] + w)
    assert len(drawn) > 300 * 5
    for x, s, name in drawn:
        column = next(i for i in range(len(WIDTHS)) if edges[i] < x < edges[i + 1])
        assert x >= edges[column] + 3 - 1e-6
        assert x + stringWidth(s, name, 8) <= edges[column + 1] - 3 + 1e-6, (column, s)


def test_a_latin_name_breaks_at_spaces_and_chinese_between_characters(font):
    layout = fast_table(HEADER, rows_of(5), WIDTHS, styles(font))[0].layout
    latin_lines = [run for _, runs in layout.rows[3][2] for _, run, _ in runs]
    assert len(latin_lines) >= 2
    assert " ".join(latin_lines) == LONG_LATIN_NAME  # whole words on each line
    chinese = [run for _, runs in layout.rows[1][2] for _, run, _ in runs]
    assert len(chinese) == 3 and "".join(chinese) == LONG_CHINESE_NAME
    assert layout.heights[1] == 3 * layout.heights[0] - 2 * 2 * 2  # the row grows by two lines
    assert layout.heights[0] == layout.heights[2]


def test_text_longer_than_max_lines_ends_with_an_ellipsis(font, tmp_path):
    story = fast_table(["备注"], [["一二三四五六七八九十" * 6], ["短"]], [30 * mm],
                            styles(font), max_lines=2)
    layout = story[0].layout
    lines = layout.rows[0][0]
    assert len(lines) == 2 and lines[-1][1][-1][1].endswith(ELLIPSIS)
    assert layout.rows[1][0] == "短"
    path = tmp_path / "t.pdf"
    build_pdf(path, story, title="t", lang="zh_CN", site_name="s", printed_at=PRINTED_AT, font=font)
    assert ELLIPSIS in PdfReader(str(path)).pages[0].extract_text()


def test_alignment_right_and_centre(font):
    layout = fast_table(HEADER, rows_of(12), WIDTHS, styles(font), align=ALIGN)[0].layout
    one, twelve = layout.rows[0][0], layout.rows[11][0]
    assert one[1] == "1" and twelve[1] == "12" and one[0] > twelve[0] > 0  # right edges line up
    avail = WIDTHS[0] - 6
    assert one[0] + stringWidth("1", font.name, 8) == pytest.approx(avail)
    dx, text = layout.rows[0][5]
    assert dx == pytest.approx((WIDTHS[5] - 6 - stringWidth(text, font.name, 8)) / 2)


def test_many_distinct_characters_and_fallback_glyphs_read_back(font, tmp_path):
    """More than 256 distinct characters (several font subsets) and fallback glyphs: every
    string is on its page."""
    many = [chr(0x4E00 + 37 * i) + chr(0x4E01 + 41 * i) for i in range(400)]
    rows = [[i, f"A-{i}", many[i] if i % 7 else RARE_NAME, "x" * (i % 30), "密接", date(2022, 1, 1), ""]
            for i in range(400)]
    path = tmp_path / "many.pdf"
    pages = build(path, font, rows)
    flat = "".join("".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)
    assert pages > 1
    missing = [name for i, name in enumerate(many) if i % 7 and name not in flat]
    assert not missing
    assert flat.count("刘") == len(range(0, 400, 7))


def test_an_empty_table_is_its_header(font, tmp_path):
    story = fast_table(HEADER, [], WIDTHS, styles(font))
    assert len(story) == 1
    path = tmp_path / "empty.pdf"
    build_pdf(path, story, title="t", lang="zh_CN", site_name="s", printed_at=PRINTED_AT, font=font)
    assert "证件号码" in PdfReader(str(path)).pages[0].extract_text()
    assert fast_table(None, [], WIDTHS, styles(font)) == []


def test_cells_must_be_text_and_columns_need_widths(font):
    st = styles(font)
    with pytest.raises(TypeError):
        fast_table(["a"], [[check_box()]], [20 * mm], st)
    with pytest.raises(ValueError):
        fast_table(["a", "b"], [["1", "2"]], [20 * mm], st)


def test_the_builtin_cid_font_works_too(tmp_path):
    cid = fonts.register_fonts(search_system=False)
    assert cid.kind == "cid"
    path = tmp_path / "cid.pdf"
    build(path, cid, rows_of(40))
    text = "".join(PdfReader(str(path)).pages[0].extract_text().split())
    assert "欧阳娜娜" in text and "A-0001" in text
