"""The restock request (申领单) PDF, read back with pypdf."""
import subprocess

import pytest
from pypdf import PdfReader

from isolation_desk.reports.labels import LABELS
from isolation_desk.reports.labels.supplies import EN, ZH
from isolation_desk.reports.restock import build_restock, request_number
from isolation_desk.services import supplies


def text_of(path):
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_label_keys_in_both_languages():
    assert set(ZH) == set(EN)
    for key in ZH:
        assert key in LABELS["zh_CN"] and key in LABELS["en"]


@pytest.mark.parametrize("lang,title,page", [("zh_CN", "物资申领单", "第 1 页,共 1 页"),
                                             ("en", "Restock request", "Page 1 of 1")])
def test_restock_pdf_lists_everything_below_reorder_level(demo_db, now, tmp_path, lang, title, page):
    request = supplies.restock_request(demo_db, now)
    assert request.rows
    path = tmp_path / "restock.pdf"
    pages = build_restock(request, path, lang=lang, occupants=250)
    assert pages == 1
    text = text_of(path)
    assert title in text and page in text
    assert request.site_name in text
    assert request_number(now) in text
    for r in request.rows:
        assert r["item"] in text
        assert f"{r['restock_quantity']:,.0f}" in text
        assert r["run_out_date"].isoformat() in text
    # items above their reorder level are not asked for
    above = [r["item"] for r in supplies.stock_overview(demo_db, now) if r["status"] in ("ok", "low")]
    assert above and not any(name in text for name in above)


def test_restock_pdf_when_nothing_is_short(db, now, tmp_path):
    request = supplies.restock_request(db, now)
    assert request.rows == []
    path = tmp_path / "empty.pdf"
    build_restock(request, path, lang="zh_CN")
    assert "目前没有物资低于补货线" in text_of(path)


def test_chinese_font_is_embedded(demo_db, now, tmp_path):
    path = tmp_path / "restock.pdf"
    build_restock(supplies.restock_request(demo_db, now), path, lang="zh_CN")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    # every CJK font embedded (reportlab's page set-up names Helvetica, with no text in it)
    cjk = [line for line in fonts.splitlines()[2:] if "WenQuanYi" in line]
    assert cjk and all(line.split()[-5:-3] == ["yes", "yes"] for line in cjk)
