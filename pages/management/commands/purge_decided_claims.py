import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from pages.models import EditorInvitation, EmailChangeRequest, ProfileClaim
from pages.models.organization_access import email_change_max_age, invitation_max_age


class Command(BaseCommand):
    help = (
        "Delete decided profile claims, closed invitations and e-mail change requests "
        "(personal data) older than --days (default 90)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        claims = ProfileClaim.objects.exclude(status=ProfileClaim.Status.PENDING).filter(
            decided_at__lt=cutoff
        )
        # An invitation or a change request is closed once used, replaced or expired; its
        # address is kept as long as a decided claim's, then goes.
        invitations = EditorInvitation.objects.filter(
            Q(accepted_at__lt=cutoff)
            | Q(revoked_at__lt=cutoff)
            | Q(created_at__lt=cutoff - invitation_max_age())
        )
        changes = EmailChangeRequest.objects.filter(
            Q(confirmed_at__lt=cutoff)
            | Q(revoked_at__lt=cutoff)
            | Q(created_at__lt=cutoff - email_change_max_age())
        )
        counts = [claims.count(), invitations.count(), changes.count()]
        if not dry_run:
            for rows in (claims, invitations, changes):
                rows.delete()
        self.stdout.write(
            f"{counts[0]} decided claims, {counts[1]} closed invitations and {counts[2]} e-mail "
            f"change requests {'would be ' if dry_run else ''}deleted."
        )
