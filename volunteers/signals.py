"""Signals the apps above listen to, so that volunteers never imports them.

`document_warnings(sender=Document, document=…)` is sent after a volunteer uploads a
document; a receiver returns a warning to show the volunteer (e.g. deployments: a visa that
expires before a placement's planned end), or None. Warnings never refuse the document.
"""

from django.dispatch import Signal

document_warnings = Signal()
