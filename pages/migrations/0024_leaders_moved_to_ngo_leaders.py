from django.db import migrations


class Migration(migrations.Migration):
    """The local leaders' models now belong to the ngo_leaders app (pages/leaders/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_leaders' 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0023_imported_series_source"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="LeaderProfile"),
                migrations.DeleteModel(name="LeadersIndexPage"),
            ],
            database_operations=[],
        ),
    ]
