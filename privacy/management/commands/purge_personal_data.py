"""Removes personal data past its retention period; --dry-run lists what that would be."""

from django.core.management.base import BaseCommand

from privacy import services

LABELS = {
    "closed_application_documents": "documents of people whose applications all closed",
    "expired_documents": "documents long past their expiry date",
    "read_notifications": "notifications read long ago",
}


class Command(BaseCommand):
    help = "Removes personal data past its retention period (settings RETENTION_*)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what the next run would remove (counts and ids), removing nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        plan = services.personal_data_purge(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        for name, label in LABELS.items():
            ids = getattr(plan, name)
            line = f"{verb} {len(ids)} {label}"
            if ids:
                line += ": " + ", ".join(str(pk) for pk in ids)
            self.stdout.write(line)
