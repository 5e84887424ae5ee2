from django.db import migrations


class Migration(migrations.Migration):
    """The centre's models (rooms, hours, closures, bookings, advisors, appointments) now belong
    to the ngo_centre app (pages/centre/).

    Only Django's record of them leaves pages: their tables, rows and the database's guards
    (0018's exclusion constraint or triggers) stay where they are, and ngo_centre's 0001 takes
    them over under the same names.
    """

    dependencies = [
        ("pages", "0031_consultations_moved_to_ngo_consultations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="advisor",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="appointment",
                    name="advisor",
                ),
                migrations.RemoveField(
                    model_name="booking",
                    name="resource",
                ),
                migrations.RemoveField(
                    model_name="centrepage",
                    name="page_ptr",
                ),
                migrations.DeleteModel(
                    name="Closure",
                ),
                migrations.DeleteModel(
                    name="OpeningHours",
                ),
                migrations.RemoveField(
                    model_name="resource",
                    name="photo",
                ),
                migrations.DeleteModel(
                    name="Advisor",
                ),
                migrations.DeleteModel(
                    name="Appointment",
                ),
                migrations.DeleteModel(
                    name="Booking",
                ),
                migrations.DeleteModel(
                    name="CentrePage",
                ),
                migrations.DeleteModel(
                    name="Resource",
                ),
            ],
            database_operations=[],
        ),
    ]
