"""The tests screen (``screen.TestsScreen``): the tab container with the building and floor,
and one module per tab: sampling, results, missed and overdue (flags), staff, positives.
Its dialogs live in ``ui/dialogs/`` (lab_results, regime, staff)."""
