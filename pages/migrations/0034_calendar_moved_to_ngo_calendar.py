from django.db import migrations


class Migration(migrations.Migration):
    """The calendar's models now belong to the ngo_calendar app (pages/calendar/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_calendar's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0033_newsletter_moved_to_ngo_newsletter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='calendarpage',
                    name='page_ptr',
                ),
                migrations.AlterUniqueTogether(
                    name='eventcategory',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='eventcategory',
                    name='locale',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='category',
                ),
                migrations.RemoveField(
                    model_name='eventexception',
                    name='event',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='district',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='image',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='organizer',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='source_feed',
                ),
                migrations.RemoveField(
                    model_name='eventpage',
                    name='tags',
                ),
                migrations.RemoveField(
                    model_name='eventtag',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='eventtag',
                    name='tag',
                ),
                migrations.RemoveField(
                    model_name='organizationcalendarfeed',
                    name='organization',
                ),
                migrations.DeleteModel(
                    name='CalendarOccurrence',
                ),
                migrations.DeleteModel(
                    name='CalendarPage',
                ),
                migrations.DeleteModel(
                    name='EventCategory',
                ),
                migrations.DeleteModel(
                    name='EventException',
                ),
                migrations.DeleteModel(
                    name='EventPage',
                ),
                migrations.DeleteModel(
                    name='EventTag',
                ),
                migrations.DeleteModel(
                    name='OrganizationCalendarFeed',
                ),
    
            ],
            database_operations=[],
        ),
    ]
