from django.db import migrations


class Migration(migrations.Migration):
    """The knowledge base's models now belong to the ngo_knowledge app (pages/knowledge/).

    Only Django's record of them leaves pages: their tables and rows stay where they are, and
    ngo_knowledge's 0001 takes them over under the same names.
    """

    dependencies = [
        ("pages", "0025_stories_moved_to_ngo_stories"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='knowledgetag',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='knowledgedocument',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='knowledgedocument',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='knowledgeindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='knowledgetag',
                    name='tag',
                ),
                migrations.DeleteModel(
                    name='KnowledgeArticlePage',
                ),
                migrations.DeleteModel(
                    name='KnowledgeDocument',
                ),
                migrations.DeleteModel(
                    name='KnowledgeIndexPage',
                ),
                migrations.DeleteModel(
                    name='KnowledgeTag',
                ),
            ],
            database_operations=[],
        ),
    ]
