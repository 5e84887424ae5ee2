from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo


class Command(BaseCommand):
    help = (
        "Load fictional demo content. Idempotent (running it again adds nothing) and "
        "deterministic (seeded); --size scales the number of items for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=demo.DEFAULT_SIZE)
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED)
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="FAMILY",
            choices=[name for name, _ in demo.LOADERS],
            help="Load the site and these families only (e.g. --only organizations).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds demo content (used by `make run`).",
        )

    def handle(self, *args, size, seed, if_empty, only=None, **options):
        if size < 1:
            self.stderr.write("--size must be at least 1.")
            raise SystemExit(2)
        if if_empty and demo.is_loaded():
            self.stdout.write("Demo content is already loaded.")
            return
        with transaction.atomic():
            report = demo.load(size=size, seed=seed, only=only)
        for family, created in report.items():
            self.stdout.write(f"{family}: {created} created")
