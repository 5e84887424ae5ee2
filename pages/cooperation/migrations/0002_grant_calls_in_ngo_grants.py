import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    """The grant calls a priority task names are the ngo_grants app's now: the same table
    (pages_grantcallpage) and the same link table, so only Django's record changes."""

    dependencies = [
        ('ngo_cooperation', '0001_initial'),
        ('ngo_grants', '0001_initial'),
    ]

    # While pages still records the model (see ngo_grants 0001): a fresh database creates this
    # app's link table (0001) while the model is pages', then moves the link before pages
    # forgets it.
    run_before = [
        ('pages', '0030_grants_moved_to_ngo_grants'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='prioritytask',
                    name='grant_calls',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='ngo_grants.grantcallpage', verbose_name='grant calls serving the task'),
                ),
            ],
            database_operations=[],
        ),
    ]
