from django.db import migrations


class Migration(migrations.Migration):
    """The Public Benefit Council's models now belong to the ngo_council app (pages/council/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_council's 0001 takes them over under the same names. The Mayor's patronage (the same
    pages 0017 made it) stays in pages.
    """

    dependencies = [
        ("pages", "0035_trainings_moved_to_ngo_trainings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='councilmember',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='councilmember',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='councilpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='councilterm',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='councilresolution',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='councilresolution',
                    name='document',
                ),
                migrations.DeleteModel(
                    name='CouncilMeeting',
                ),
                migrations.DeleteModel(
                    name='CouncilMember',
                ),
                migrations.DeleteModel(
                    name='CouncilTerm',
                ),
                migrations.DeleteModel(
                    name='CouncilPage',
                ),
                migrations.DeleteModel(
                    name='CouncilResolution',
                ),
            ],
            database_operations=[],
        ),
    ]
