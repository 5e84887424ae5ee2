from django.db import migrations


class Migration(migrations.Migration):
    """The news' models now belong to the ngo_news app (pages/news/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_news's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0026_knowledge_moved_to_ngo_knowledge"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='newspage',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='newspage',
                    name='image',
                ),
                migrations.RemoveField(
                    model_name='newspage',
                    name='organizations',
                ),
                migrations.RemoveField(
                    model_name='newspage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='newspage',
                    name='tags',
                ),
                migrations.RemoveField(
                    model_name='newstag',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='newstag',
                    name='tag',
                ),
                migrations.DeleteModel(
                    name='NewsIndexPage',
                ),
                migrations.DeleteModel(
                    name='NewsPage',
                ),
                migrations.DeleteModel(
                    name='NewsTag',
                ),
            ],
            database_operations=[],
        ),
    ]
