"""What of partners the audit history records (see the `audit` app)."""

from audit.registry import audit_register

from .models import Agreement, AgreementConfirmation, Membership, Organisation

audit_register(Organisation)
audit_register(Membership, within={"organisation": "organisation_id"})
audit_register(Agreement, m2m_fields={"organisations"})
audit_register(
    AgreementConfirmation,
    within={"agreement": "agreement_id", "organisation": "organisation_id"},
)
