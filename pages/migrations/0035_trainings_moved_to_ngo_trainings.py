from django.db import migrations


class Migration(migrations.Migration):
    """The trainings' models now belong to the ngo_trainings app (pages/trainings/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_trainings's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0034_calendar_moved_to_ngo_calendar"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='trainingpage',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='trainingpage',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='trainingpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='trainingpage',
                    name='tags',
                ),
                migrations.RemoveField(
                    model_name='trainingtag',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='trainingsession',
                    name='training',
                ),
                migrations.RemoveField(
                    model_name='trainingregistration',
                    name='training',
                ),
                migrations.RemoveField(
                    model_name='trainingregistration',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='trainingtag',
                    name='tag',
                ),
                migrations.DeleteModel(
                    name='TrainingIndexPage',
                ),
                migrations.DeleteModel(
                    name='TrainingSession',
                ),
                migrations.DeleteModel(
                    name='TrainingPage',
                ),
                migrations.DeleteModel(
                    name='TrainingRegistration',
                ),
                migrations.DeleteModel(
                    name='TrainingTag',
                ),
            ],
            database_operations=[],
        ),
    ]
