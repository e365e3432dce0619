"""Writes the published projects as IATI 2.03 activity XML (see deployments/iati.py).

    manage.py export_iati                       # every programme that can be published
    manage.py export_iati --programme 3         # one programme; refused with the reason
    manage.py export_iati --output activities.xml

Without --programme, programmes that cannot be published (a sending organisation without an
IATI identifier, no published project) are left out with a warning on stderr; when none is
left, or the one asked for cannot be published, the command fails with the reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deployments import selectors
from deployments.iati import IatiExportRefused, iati_activities_xml, programme_refusal


class Command(BaseCommand):
    help = "Export the published projects as IATI 2.03 activity XML."

    def add_arguments(self, parser):
        parser.add_argument("--programme", type=int, help="Only this programme (its id).")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, programme=None, output=None, **options):
        programmes = list(selectors.iati_programme_list(pk=programme))
        if programme is not None and not programmes:
            raise CommandError(f"There is no programme {programme}.")
        exportable = []
        for candidate in programmes:
            refusal = programme_refusal(candidate)
            if refusal is None:
                exportable.append(candidate)
            elif programme is not None:
                raise CommandError(refusal)
            else:
                self.stderr.write(self.style.WARNING(f"Left out: {refusal}"))
        if not exportable:
            raise CommandError("No programme can be exported to IATI.")
        try:
            document = iati_activities_xml(programmes=exportable)
        except IatiExportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if output:
            Path(output).write_bytes(document)
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(document.decode("utf-8"), ending="")
