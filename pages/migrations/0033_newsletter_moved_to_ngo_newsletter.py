from django.db import migrations


class Migration(migrations.Migration):
    """The newsletter's models (its page, subscribers, issues, items, deliveries) now belong to
    the ngo_newsletter app (pages/newsletter/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_newsletter's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0032_centre_moved_to_ngo_centre"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="newsletteritem",
                    name="issue",
                ),
                migrations.RemoveField(
                    model_name="newsletterpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="newslettersubscriber",
                    name="areas",
                ),
                migrations.DeleteModel(
                    name="NewsletterDelivery",
                ),
                migrations.DeleteModel(
                    name="NewsletterIssue",
                ),
                migrations.DeleteModel(
                    name="NewsletterItem",
                ),
                migrations.DeleteModel(
                    name="NewsletterPage",
                ),
                migrations.DeleteModel(
                    name="NewsletterSubscriber",
                ),
            ],
            database_operations=[],
        ),
    ]
