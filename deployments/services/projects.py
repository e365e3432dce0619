"""Write use-cases for programmes, projects and opportunities.

The only place their state changes. Each service is keyword-only and atomic; a refusal is a
`ValidationError` with a translatable message, which views show as a message or form error.
State changes are idempotent: asking for the state a row is already in changes nothing.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Organisation
from volunteers.models import Skill
from volunteers.services import skills_add_by_name

from ..enums import (
    OPPORTUNITY_PROJECT_STATUSES,
    AutomaticNote,
    OpportunityStatus,
    ProjectStatus,
)
from ..models import (
    Indicator,
    NeedsAssessment,
    NeedsAssessmentEvent,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
)
from ..rules import is_host_member, partner_organisations_of_programmes
from ..transitions import OPPORTUNITY_TRANSITIONS, PROJECT_TRANSITIONS

# From approval on, the needs assessment is the basis of the project and stays as signed.
ASSESSMENT_LOCKED_STATUSES = (
    ProjectStatus.APPROVED,
    ProjectStatus.RECRUITING,
    ProjectStatus.ACTIVE,
    ProjectStatus.COMPLETED,
    ProjectStatus.CANCELLED,
)
# Projects that take no new opportunities.
CLOSED_PROJECT_STATUSES = (ProjectStatus.COMPLETED, ProjectStatus.CANCELLED)

PROJECT_FIELDS = (
    "title",
    "host_country",
    "region",
    "city",
    "latitude",
    "longitude",
    "host_partner",
    "summary",
    "starts_on",
    "ends_on",
)
NEEDS_ASSESSMENT_FIELDS = (
    "requested_by",
    "community_consulted",
    "needs_found",
    "priority",
    "expected_beneficiaries",
    "assessed_by",
    "assessed_on",
)
OPPORTUNITY_FIELDS = (
    "title",
    "description",
    "seats",
    "duration_months",
    "starts_on",
    "application_deadline",
    "questions",
)


def _check_fields(fields: dict, allowed: Iterable[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


# Programmes


@transaction.atomic
def programme_update(
    *, programme: Programme, by, description: str, blind_review, partners_require_mfa=False
) -> Programme:
    programme.description = description
    programme.blind_review = blind_review
    programme.partners_require_mfa = partners_require_mfa
    programme.save(update_fields=["description", "blind_review", "partners_require_mfa"])
    return programme


# Projects


def _validate_project(project: Project) -> None:
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise ValidationError(
            {"ends_on": _("The project cannot end before it starts.")}, code="ends_before_start"
        )
    project.full_clean(exclude=["programme", "created_by", "partners", "sdgs", "status"])


def _check_consent(project: Project, organisation_ids: set[int], *, field: str) -> None:
    """Refuses organisations that have not accepted a partnership with the programme: naming
    one as host or partner would draw it into a programme it never agreed to work with."""
    if not organisation_ids:
        return
    consented = set(
        Organisation.objects.filter(
            partner_organisations_of_programmes([project.programme_id]), pk__in=organisation_ids
        ).values_list("pk", flat=True)
    )
    refused = Organisation.objects.filter(pk__in=organisation_ids - consented).order_by("name")
    if refused:
        raise ValidationError(
            {
                field: _(
                    "%(organisations)s has not accepted a partnership with this programme. "
                    "Propose one from the programme's page; it can take part once an "
                    "administrator of the organisation accepts."
                )
                % {"organisations": ", ".join(str(org) for org in refused)}
            },
            code="not_a_partner",
        )


def _set_partnerships(project: Project, partnerships: Iterable[tuple[Organisation, str]]) -> None:
    wanted = {(organisation.pk, role) for organisation, role in partnerships}
    already = set(project.partnerships.values_list("organisation_id", flat=True))
    _check_consent(
        project, {organisation_id for organisation_id, _role in wanted} - already, field="partners"
    )
    project.partnerships.all().delete()
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, organisation_id=organisation_id, role=role)
        for organisation_id, role in sorted(wanted)
    )


@transaction.atomic
def project_create(
    *,
    by,
    programme: Programme,
    sdgs: Iterable = (),
    partnerships: Iterable[tuple[Organisation, str]] = (),
    **fields,
) -> Project:
    """A new project in the programme, proposed; other partners each with an IATI role."""
    _check_fields(fields, PROJECT_FIELDS)
    project = Project(programme=programme, created_by=by, status=ProjectStatus.PROPOSED, **fields)
    _validate_project(project)
    _check_consent(project, {project.host_partner_id}, field="host_partner")
    project.save()
    project.sdgs.set(sdgs)
    _set_partnerships(project, partnerships)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    by,
    sdgs: Iterable | None = None,
    partnerships: Iterable[tuple[Organisation, str]] | None = None,
    **fields,
) -> Project:
    _check_fields(fields, PROJECT_FIELDS)
    host_before = Project.objects.values_list("host_partner_id", flat=True).get(pk=project.pk)
    for name, value in fields.items():
        setattr(project, name, value)
    _validate_project(project)
    if project.host_partner_id != host_before:
        _check_consent(project, {project.host_partner_id}, field="host_partner")
    project.save()
    if sdgs is not None:
        project.sdgs.set(sdgs)
    if partnerships is not None:
        _set_partnerships(project, partnerships)
    return project


def _approval_refusal(project: Project) -> str | None:
    """Why the project cannot be approved yet, or None."""
    assessment = NeedsAssessment.objects.filter(project=project).first()
    if assessment is None:
        return _(
            "The project cannot be approved: it has no needs assessment yet. "
            "Write the needs assessment with the host partner first."
        )
    if not assessment.is_signed_off:
        return _(
            "The project cannot be approved: the host partner has not signed off "
            "the needs assessment yet."
        )
    return None


@transaction.atomic
def project_transition(
    *,
    project: Project,
    to_status: str,
    by,
    note: str = "",
    automatic_note: str = "",
    note_params: dict | None = None,
) -> Project:
    """Moves the project along PROJECT_TRANSITIONS and records who, when and why."""
    if to_status not in ProjectStatus.values:
        raise ValidationError(_("“%(status)s” is not a project status.") % {"status": to_status})
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status == to_status:
        project.status = locked.status
        return project
    if (locked.status, to_status) not in PROJECT_TRANSITIONS:
        raise ValidationError(
            _("A project cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ProjectStatus(locked.status).label,
                "to": ProjectStatus(to_status).label,
            },
            code="transition_not_allowed",
        )
    if to_status == ProjectStatus.APPROVED:
        refusal = _approval_refusal(locked)
        if refusal:
            raise ValidationError(refusal, code="needs_assessment_not_signed_off")
    ProjectStatusChange.objects.create(
        project=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_by=by,
        note=note,
        automatic_note=automatic_note,
        note_params=note_params or {},
    )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    project.status = locked.status
    project.updated_at = locked.updated_at
    return project


# Needs assessments


@transaction.atomic
def needs_assessment_save(*, project: Project, by, **fields) -> NeedsAssessment:
    """Creates or changes the project's needs assessment.

    A change to a signed-off assessment clears the sign-off (recorded), so the host partner
    signs what is written; once the project is approved the assessment can no longer change.
    Writing the first assessment of a proposed project moves it to the needs assessment stage.
    """
    _check_fields(fields, NEEDS_ASSESSMENT_FIELDS)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status in ASSESSMENT_LOCKED_STATUSES:
        raise ValidationError(
            _("The needs assessment can no longer be changed: the project is %(status)s.")
            % {"status": project.get_status_display().lower()},
            code="assessment_locked",
        )
    requested_by = fields.get("requested_by")
    if requested_by is not None and requested_by.pk != project.host_partner_id:
        raise ValidationError(
            {"requested_by": _("The needs assessment is requested by the project's host partner.")}
        )
    assessment = NeedsAssessment.objects.filter(project=project).first()
    created = assessment is None
    if created:
        assessment = NeedsAssessment(project=project, requested_by_id=project.host_partner_id)
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.full_clean(exclude=["project", "signed_off_by", "signed_off_at"])
    was_signed_off = assessment.is_signed_off
    if was_signed_off:
        assessment.signed_off_by = None
        assessment.signed_off_at = None
    assessment.save()
    kind = NeedsAssessmentEvent.Kind.CREATED if created else NeedsAssessmentEvent.Kind.EDITED
    NeedsAssessmentEvent.objects.create(assessment=assessment, kind=kind, by=by)
    if was_signed_off:
        NeedsAssessmentEvent.objects.create(
            assessment=assessment, kind=NeedsAssessmentEvent.Kind.SIGN_OFF_CLEARED, by=by
        )
    if created and project.status == ProjectStatus.PROPOSED:
        project_transition(
            project=project,
            to_status=ProjectStatus.NEEDS_ASSESSMENT,
            by=by,
            automatic_note=AutomaticNote.ASSESSMENT_STARTED,
        )
    return assessment


@transaction.atomic
def needs_assessment_sign_off(*, project: Project, by) -> NeedsAssessment:
    """The host partner signs off the assessment as written; signing twice changes nothing."""
    assessment = (
        NeedsAssessment.objects.select_for_update()
        .select_related("project")
        .filter(project=project)
        .first()
    )
    if assessment is None:
        raise ValidationError(
            _("There is no needs assessment to sign off yet."), code="no_assessment"
        )
    if assessment.is_signed_off:
        return assessment
    # Local ownership: only the host organisation itself can sign, administrators included.
    if not is_host_member(by, assessment.project):
        raise ValidationError(
            _("Only a member of the host organisation can sign off its needs assessment."),
            code="not_host_member",
        )
    if assessment.project.status in ASSESSMENT_LOCKED_STATUSES:
        raise ValidationError(
            _("The needs assessment can no longer be signed off: the project is %(status)s.")
            % {"status": assessment.project.get_status_display().lower()},
            code="assessment_locked",
        )
    assessment.signed_off_by = by
    assessment.signed_off_at = timezone.now()
    assessment.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    NeedsAssessmentEvent.objects.create(
        assessment=assessment, kind=NeedsAssessmentEvent.Kind.SIGNED_OFF, by=by
    )
    return assessment


# Indicators


def _validate_indicator(indicator: Indicator) -> None:
    errors = {}
    for name in ("baseline", "target"):
        value = getattr(indicator, name)
        if value is not None and value < 0:
            errors[name] = _("Enter a number that is zero or more.")
    if (
        Indicator.objects.filter(project_id=indicator.project_id, name__iexact=indicator.name)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        errors["name"] = _("This project already has an indicator with this name.")
    if errors:
        raise ValidationError(errors)
    indicator.full_clean(exclude=["project"], validate_unique=False, validate_constraints=False)


@transaction.atomic
def indicator_create(
    *, project: Project, by, name: str, unit: str, baseline, target, source: str = "manual"
) -> Indicator:
    indicator = Indicator(
        project=project,
        name=name,
        unit=unit,
        baseline=baseline,
        target=target,
        source=source or "manual",
    )
    _validate_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by, name: str, unit: str, baseline, target, source: str = ""
) -> Indicator:
    indicator.name, indicator.unit = name, unit
    indicator.source = source or indicator.source
    indicator.baseline, indicator.target = baseline, target
    _validate_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    indicator.delete()


# Opportunities


def _validate_opportunity(opportunity: Opportunity) -> None:
    deadline, starts_on = opportunity.application_deadline, opportunity.starts_on
    if deadline and starts_on:
        start = datetime.datetime.combine(
            starts_on, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        if deadline >= start:
            raise ValidationError(
                {
                    "application_deadline": _(
                        "The application deadline must be before the start date."
                    )
                },
                code="deadline_after_start",
            )
    opportunity.full_clean(exclude=["project", "skills", "status", "published_at"])


def _set_opportunity_relations(opportunity, skills, new_skills, languages) -> None:
    if skills is not None or new_skills:
        chosen = list(skills if skills is not None else opportunity.skills.all())
        chosen += skills_add_by_name(names=new_skills or "")
        opportunity.skills.set({skill.pk: skill for skill in chosen}.values())
    if languages is not None:
        wanted = dict(languages)  # a language named twice keeps its last level
        opportunity.languages.all().delete()
        OpportunityLanguage.objects.bulk_create(
            OpportunityLanguage(opportunity=opportunity, language=language, minimum_level=level)
            for language, level in sorted(wanted.items())
        )


@transaction.atomic
def opportunity_create(
    *,
    project: Project,
    by,
    skills: Iterable[Skill] = (),
    new_skills: str = "",
    languages: Iterable[tuple[str, str]] = (),
    **fields,
) -> Opportunity:
    """A draft opportunity in the project; `new_skills` names skills to add, comma separated."""
    _check_fields(fields, OPPORTUNITY_FIELDS)
    if project.status in CLOSED_PROJECT_STATUSES:
        raise ValidationError(
            _("The project is %(status)s and takes no new opportunities.")
            % {"status": project.get_status_display().lower()},
            code="project_closed",
        )
    opportunity = Opportunity(project=project, status=OpportunityStatus.DRAFT, **fields)
    _validate_opportunity(opportunity)
    opportunity.save()
    _set_opportunity_relations(opportunity, list(skills), new_skills, list(languages))
    return opportunity


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    by,
    skills: Iterable[Skill] | None = None,
    new_skills: str = "",
    languages: Iterable[tuple[str, str]] | None = None,
    **fields,
) -> Opportunity:
    _check_fields(fields, OPPORTUNITY_FIELDS)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    _validate_opportunity(opportunity)
    opportunity.save()
    _set_opportunity_relations(
        opportunity,
        None if skills is None else list(skills),
        new_skills,
        None if languages is None else list(languages),
    )
    return opportunity


def _opening_refusal(opportunity: Opportunity, project: Project) -> str | None:
    if project.status not in OPPORTUNITY_PROJECT_STATUSES:
        return _(
            "The opportunity cannot be published: the project is %(status)s. "
            "Opportunities are published once the project is approved."
        ) % {"status": project.get_status_display().lower()}
    if opportunity.application_deadline <= timezone.now():
        return _(
            "The opportunity cannot be published: its application deadline has passed. "
            "Set a deadline in the future first."
        )
    return None


@transaction.atomic
def opportunity_transition(
    *,
    opportunity: Opportunity,
    to_status: str,
    by,
    note: str = "",
    automatic_note: str = "",
) -> Opportunity:
    """Moves the opportunity along OPPORTUNITY_TRANSITIONS and records it.

    Publishing needs a project under way and a deadline in the future; publishing the first
    opportunity of an approved project starts its recruitment.
    """
    if to_status not in OpportunityStatus.values:
        raise ValidationError(
            _("“%(status)s” is not an opportunity status.") % {"status": to_status}
        )
    locked = (
        Opportunity.objects.select_for_update().select_related("project").get(pk=opportunity.pk)
    )
    if locked.status == to_status:
        opportunity.status = locked.status
        return opportunity
    if (locked.status, to_status) not in OPPORTUNITY_TRANSITIONS:
        raise ValidationError(
            _("An opportunity cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": OpportunityStatus(locked.status).label,
                "to": OpportunityStatus(to_status).label,
            },
            code="transition_not_allowed",
        )
    project = locked.project
    if to_status == OpportunityStatus.OPEN:
        refusal = _opening_refusal(locked, project)
        if refusal:
            raise ValidationError(refusal, code="cannot_open")
        if locked.published_at is None:
            locked.published_at = timezone.now()
    OpportunityStatusChange.objects.create(
        opportunity=locked,
        from_status=locked.status,
        to_status=to_status,
        changed_by=by,
        note=note,
        automatic_note=automatic_note,
    )
    locked.status = to_status
    locked.save(update_fields=["status", "published_at", "updated_at"])
    if to_status == OpportunityStatus.OPEN and project.status == ProjectStatus.APPROVED:
        project_transition(
            project=project,
            to_status=ProjectStatus.RECRUITING,
            by=by,
            automatic_note=AutomaticNote.OPPORTUNITY_PUBLISHED,
            note_params={"title": locked.title},
        )
    opportunity.status, opportunity.published_at = locked.status, locked.published_at
    opportunity.updated_at = locked.updated_at
    return opportunity
