from django.db import migrations


class Migration(migrations.Migration):
    """Volunteering's models now belong to the ngo_volunteering app (pages/volunteering/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_volunteering's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0036_council_moved_to_ngo_council"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="volunteerofferpage",
                    name="tags",
                ),
                migrations.RemoveField(
                    model_name="volunteerapplication",
                    name="offer",
                ),
                migrations.RemoveField(
                    model_name="volunteerofferindexpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="volunteerofferpage",
                    name="areas",
                ),
                migrations.RemoveField(
                    model_name="volunteerofferpage",
                    name="district",
                ),
                migrations.RemoveField(
                    model_name="volunteerofferpage",
                    name="organization",
                ),
                migrations.RemoveField(
                    model_name="volunteerofferpage",
                    name="page_ptr",
                ),
                migrations.DeleteModel(
                    name="OfferTag",
                ),
                migrations.DeleteModel(
                    name="VolunteerApplication",
                ),
                migrations.DeleteModel(
                    name="VolunteerOfferIndexPage",
                ),
                migrations.DeleteModel(
                    name="VolunteerOfferPage",
                ),
            ],
            database_operations=[],
        ),
    ]
