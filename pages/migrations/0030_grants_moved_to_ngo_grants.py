from django.db import migrations


class Migration(migrations.Migration):
    """The grants' models now belong to the ngo_grants app (pages/grants/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_grants's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0029_grant_call_offers_received"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='grantcalldocument',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='grantcalldocument',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='grantcallindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='grantcallpage',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='grantcallpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='grantsregisterpage',
                    name='page_ptr',
                ),
                migrations.DeleteModel(
                    name='AwardedGrant',
                ),
                migrations.DeleteModel(
                    name='GrantCallDocument',
                ),
                migrations.DeleteModel(
                    name='GrantCallIndexPage',
                ),
                migrations.DeleteModel(
                    name='GrantCallPage',
                ),
                migrations.DeleteModel(
                    name='GrantsRegisterPage',
                ),
            ],
            database_operations=[],
        ),
    ]
