"""Reason codes added by the work on issue 18 (the window at a real workstation)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # a receipt names where the stock comes from; "where it goes" is the question
    "supplier_required": ("Enter who it comes from (supplier or donor).",
                          "请填写来源(供应商或捐赠方)。"),
}
