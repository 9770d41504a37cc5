"""The layers, checked by import-linter's contracts in .importlinter (HACKING.md, "Layers"):
cli > ui > services > reports | storage > io > domain; the window never imports storage or
sqlite3; papers never call services; the domain imports the standard library only.
This replaces the hand-written AST walks that checked two of these rules."""
from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parents[1]


def test_every_import_contract_is_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = cli.lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Contracts: 5 kept, 0 broken." in out
