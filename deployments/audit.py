"""What of deployments the audit history records (see the `audit` app).

`within` also shows a record's changes in the History of the object it belongs to: an
activity log's in its placement's, a review's in its application's.
"""

from audit.registry import audit_register

from .models import (
    ActivityLog,
    Application,
    ApplicationRelease,
    Appraisal,
    CheckIn,
    Indicator,
    IndicatorMeasurement,
    MonthlyReport,
    NeedsAssessment,
    Opportunity,
    Partnership,
    Placement,
    PreDepartureItem,
    Programme,
    Project,
    ProjectPartner,
    Review,
    ReviewAssignment,
)

audit_register(Programme, m2m_fields={"coordinators"})
audit_register(Partnership, within={"programme": "programme_id", "organisation": "organisation_id"})
audit_register(Project, m2m_fields={"sdgs"})
audit_register(ProjectPartner, within={"project": "project_id"})
audit_register(NeedsAssessment, within={"project": "project_id"})
audit_register(Indicator, within={"project": "project_id"})
audit_register(IndicatorMeasurement, within={"project": "indicator.project_id"})
audit_register(Opportunity)
audit_register(Application)
audit_register(Review, within={"application": "application_id"})
audit_register(ReviewAssignment, within={"application": "application_id"})
audit_register(ApplicationRelease, within={"application": "application_id"})
audit_register(Placement)
for model in (PreDepartureItem, ActivityLog, MonthlyReport, CheckIn, Appraisal):
    audit_register(model, within={"placement": "placement_id"})
