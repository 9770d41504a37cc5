"""`isolation-desk export stock` and `isolation-desk print restock`."""
import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from isolation_desk.cli import main
from isolation_desk.services.demo import DEMO_ITEMS

from .helpers import run_as, site_database


@pytest.fixture
def stock_site(demo_path, tmp_path):
    """A copy of the session's demo site (signing in writes to the file)."""
    import shutil
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, path)
    return path


def invoke(args):
    return run_as(*args)

FIELDS = ["item", "category", "unit", "on_hand", "reorder_level", "days_of_supply", "run_out_date"]


def test_export_stock_json(stock_site):
    result = invoke(["export", "stock", "--db", str(stock_site), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == len(DEMO_ITEMS)
    assert set(FIELDS) <= set(rows[0])
    masks = next(r for r in rows if r["item"] == "医用防护服")
    assert masks["on_hand"] < masks["reorder_level"] and masks["unit"] == "套"


def test_export_stock_csv_and_xlsx(stock_site, tmp_path):
    result = invoke(["export", "stock", "--db", str(stock_site), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == len(DEMO_ITEMS) and set(FIELDS) <= set(rows[0])
    out = tmp_path / "stock.xlsx"
    result = invoke(["export", "stock", "--db", str(stock_site), "--format", "xlsx",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:len(FIELDS)] == FIELDS
    assert sheet.max_row == len(DEMO_ITEMS) + 1


def test_export_stock_of_a_missing_database_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["export", "stock", "--db", str(tmp_path / "none.sqlite"),
                                       "--user", "demo", "--password-stdin"], input="demo-stock_site\n")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "none.sqlite" in result.output


def test_print_restock(stock_site, tmp_path):
    out = tmp_path / "restock.pdf"
    result = invoke(["print", "restock", "--db", str(stock_site), "--out", str(out),
                                       "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Restock request" in text and "医用防护服" in text
    with site_database(stock_site) as db:  # written by services.papers.write_restock
        assert db.query("SELECT action, actor FROM audit WHERE entity = 'paper'") == [
            {"action": "print_restock", "actor": "demo"}]
