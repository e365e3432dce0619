"""What of volunteers the audit history records (see the `audit` app)."""

from audit.registry import audit_register

from .models import Document, VolunteerLanguage, VolunteerProfile

# The whole profile, consent included; languages and skills with it.
audit_register(VolunteerProfile, m2m_fields={"skills"})
audit_register(VolunteerLanguage, within={"volunteerprofile": "profile_id"})
audit_register(Document)
