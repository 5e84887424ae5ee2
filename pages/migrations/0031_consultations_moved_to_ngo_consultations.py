from django.db import migrations


class Migration(migrations.Migration):
    """The consultations' models now belong to the ngo_consultations app (pages/consultations/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_consultations's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0030_grants_moved_to_ngo_grants"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='consultationindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='consultationpage',
                    name='draft_document',
                ),
                migrations.RemoveField(
                    model_name='consultationpage',
                    name='page_ptr',
                ),
                migrations.DeleteModel(
                    name='ConsultationComment',
                ),
                migrations.DeleteModel(
                    name='ConsultationIndexPage',
                ),
                migrations.DeleteModel(
                    name='ConsultationPage',
                ),
            ],
            database_operations=[],
        ),
    ]
