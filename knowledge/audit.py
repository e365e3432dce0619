"""What of the knowledge base the audit history records (see the `audit` app)."""

from audit.registry import audit_register

from .models import Resource, ResourceAttachment

audit_register(Resource)
audit_register(ResourceAttachment, within={"resource": "resource_id"})
