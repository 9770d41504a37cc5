"""The names of the schema's migrations, without sqlite-utils: opening a database that is up
to date (every start of the app) does not import sqlite-utils (a good part of start-up);
``storage/migrations.py`` holds the migrations themselves and checks at import that this list
is the same as its own, in order. Add the name of a new migration here too."""

MIGRATION_SET = "isolation_desk"

KNOWN_MIGRATIONS = [
    "0001_site_rooms_people_stays",
    "0002_tests_health_staff_alerts",
    "0003_supplies",
    "0004_shift_log_users_audit_imports",
    "0005_supplies_balance_index",
    "0006_bench_indexes",
    "0007_ui_fever_index",
    "0008_release_community_notified",
    "0009_result_source_surface_sampling",
    "0010_supply_running_totals",
    "0011_room_board_covering_indexes",
]

SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
