"""No two approved bookings of one room or piece of equipment may overlap, whoever writes to the
table: an exclusion constraint on PostgreSQL, triggers on SQLite (which has none)."""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE ngo_centre_booking ADD CONSTRAINT booking_approved_no_overlap EXCLUDE USING gist "
    "(resource_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (state = 'approved')",
]
POSTGRES_REVERSE = ["ALTER TABLE ngo_centre_booking DROP CONSTRAINT booking_approved_no_overlap"]
SQLITE_CHECK = (
    "SELECT RAISE(ABORT, 'booking_approved_no_overlap') WHERE NEW.state = 'approved' AND EXISTS ("
    "SELECT 1 FROM ngo_centre_booking AS other WHERE other.resource_id = NEW.resource_id "
    "AND other.state = 'approved' AND other.id IS NOT NEW.id "
    "AND other.starts_at < NEW.ends_at AND NEW.starts_at < other.ends_at);"
)
SQLITE = [
    "CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON ngo_centre_booking "
    f"BEGIN {SQLITE_CHECK} END",
    "CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE ON ngo_centre_booking "
    f"BEGIN {SQLITE_CHECK} END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS booking_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("ngo_centre", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
