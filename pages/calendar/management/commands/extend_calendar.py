"""Move the calendar's horizon forward (run daily by a scheduler).

The stored dates of a rule without an end reach ``CALENDAR_HORIZON_YEARS`` ahead of the day they
were written; each day this writes those rules' rows again so that the horizon follows today.
``--rebuild`` writes every source's rows again (after a restore, or a change of the horizon).
"""

from django.core.management.base import BaseCommand

from pages import calendar_sources


class Command(BaseCommand):
    help = "Extend the calendar's stored dates up to today's horizon (--rebuild: all of them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Write the rows of every source again."
        )

    def handle(self, *args, rebuild, **options):
        written = calendar_sources.rebuild(extend_only=not rebuild)
        if options["verbosity"]:
            self.stdout.write(f"{written} calendar dates written.")
