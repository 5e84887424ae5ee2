from django.db import migrations


class Migration(migrations.Migration):
    """The good-practice stories' models now belong to the ngo_stories app (pages/stories/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_stories' 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0024_leaders_moved_to_ngo_leaders"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='storypage',
                    name='areas',
                ),
                migrations.RemoveField(
                    model_name='storypage',
                    name='district',
                ),
                migrations.RemoveField(
                    model_name='storypage',
                    name='hero_image',
                ),
                migrations.RemoveField(
                    model_name='storypage',
                    name='organizations',
                ),
                migrations.RemoveField(
                    model_name='storypage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='storypage',
                    name='tags',
                ),
                migrations.RemoveField(
                    model_name='storytag',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='storytag',
                    name='tag',
                ),
                migrations.DeleteModel(
                    name='StoryIndexPage',
                ),
                migrations.DeleteModel(
                    name='StoryPage',
                ),
                migrations.DeleteModel(
                    name='StoryTag',
                ),
            ],
            database_operations=[],
        ),
    ]
