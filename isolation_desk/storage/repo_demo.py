"""SQL that only the demo site needs (services/demo.py): results taken back so that today
shows overdue ones, and a sample still waiting for its result. Functions do not open
transactions."""
from __future__ import annotations

from .database import Database


def withdraw_results(db: Database, due_date: str, limit: int) -> None:
    """The first ``limit`` results of samples due on ``due_date`` from people still in
    isolation are taken back (the result is missing, so overdue)."""
    db.execute("UPDATE tests SET result = NULL, result_at = NULL, recorded_by = NULL WHERE id IN "
               "(SELECT t.id FROM tests t JOIN stays s ON s.id = t.stay_id WHERE t.due_date = ? "
               "AND t.sampled_at IS NOT NULL AND s.status = 'in_isolation' ORDER BY t.id LIMIT ?)",
               (due_date, limit))


def first_sample_without_result(db: Database, due_date: str) -> int | None:
    """The first test due on ``due_date``, sampled, without a result, of somebody still in
    isolation (its id)."""
    test_id: int | None = db.scalar(
        "SELECT t.id FROM tests t JOIN stays s ON s.id = t.stay_id WHERE t.due_date = ? "
        "AND t.sampled_at IS NOT NULL AND t.result IS NULL AND s.status = 'in_isolation' "
        "ORDER BY t.id LIMIT 1", (due_date,))
    return test_id
