"""The printable sampling list: room order, floor headings with counts, tick boxes, masked IDs."""
from __future__ import annotations

from pypdf import PdfReader

from isolation_desk.domain.roles import SYSTEM
from isolation_desk.reports.labels import LABELS
from isolation_desk.reports.labels.testing import EN, ZH
from isolation_desk.services.papers import write_sampling_list
from isolation_desk.services.testing import sampling


def test_sampling_list_pdf_reads_back(demo_db, now, tmp_path):
    sl = sampling.sampling_list(demo_db, now.date())
    assert sl.rows
    path = tmp_path / "sl.pdf"
    pages = write_sampling_list(demo_db, path, now, actor=SYSTEM, day=now.date(), lang="zh_CN")
    reader = PdfReader(str(path))
    assert len(reader.pages) == pages >= 1
    text = "".join(p.extract_text() for p in reader.pages)
    assert "核酸采样登记表" in text and "第 1 页" in text
    first = sl.rows[0]
    assert first["name"] in text and first["room"] in text
    assert first["id_number"] not in text and first["id_masked"] in text  # IDs masked
    assert f"{sl.floors[0].building}栋 {sl.floors[0].floor}层" in text
    # room order: the first floor's rooms come before the last floor's
    assert text.index(sl.rows[0]["room"]) < text.index(sl.rows[-1]["room"])


def test_one_floor_in_english(demo_db, now, tmp_path):
    f = sampling.sampling_list(demo_db, now.date()).floors[0]
    path = tmp_path / "floor.pdf"
    write_sampling_list(demo_db, path, now, actor=SYSTEM, day=now.date(), lang="en", building=f.building,
                        floor=f.floor)
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Sampling list" in text and f"due {f.due}, sampled {f.sampled}" in text


def test_labels_in_both_languages():
    assert set(ZH) == set(EN)
    assert all(k in LABELS["zh_CN"] and k in LABELS["en"] for k in ZH)
