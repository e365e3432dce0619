"""IATI 2.03 activity XML for a programme's projects (DESIGN.md, "Standards the portal speaks").

One `iati-activity` per published project (PUBLIC_PROJECT_STATUSES: approved, recruiting,
active, completed); proposed projects and those in needs assessment are the programme's own
business and cancelled ones were never carried out, so neither is published.

The reporting organisation is the programme's sending organisation. IATI requires
`reporting-org/@ref`, and an activity identifier that begins with it; an organisation without
an IATI identifier cannot report, so its programmes are refused (`IatiExportRefused`) rather
than given an identifier nobody registered. Other organisations without one are named by a
narrative only, without `@ref`.

Every code written here comes from an IATI codelist (the tests check each against a copy of
the codelist): OrganisationRole (our PartnerRole values), OrganisationType (partners'
IATI_ORGANISATION_TYPE), ActivityStatus, ActivityDateType, Country (ISO 3166-1 alpha-2),
SectorVocabulary 7 with UNSDG-Goals codes, TagVocabulary 2 with UNSDG-Goals codes.
"""

import datetime
import xml.etree.ElementTree as ET
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.enums import IATI_ORGANISATION_TYPE

from . import selectors
from .enums import PartnerRole, ProjectStatus
from .sdgs import sdg_name

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 3 Finalisation, 4 Closed,
# 5 Cancelled. A project recruiting volunteers has not started its work yet; a completed one
# is over (the portal keeps no finances that would hold it open in "finalisation").
ACTIVITY_STATUS = {
    ProjectStatus.PROPOSED: "1",
    ProjectStatus.NEEDS_ASSESSMENT: "1",
    ProjectStatus.APPROVED: "1",
    ProjectStatus.RECRUITING: "1",
    ProjectStatus.ACTIVE: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
}
# ActivityDateType.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# DescriptionType 1: general.
DESCRIPTION_GENERAL = "1"
# SectorVocabulary 7: UN SDG goals; TagVocabulary 2: UN SDG goals (codes: UNSDG-Goals).
SECTOR_VOCABULARY_SDG_GOAL = "7"
TAG_VOCABULARY_SDG_GOAL = "2"
# ResultType 1: output; IndicatorMeasure 1: unit (a count of people, hours…).
RESULT_OUTPUT = "1"
MEASURE_UNIT = "1"
HUNDRED = Decimal(100)

# Published dates are the same whoever exports them (the command in the server's zone, a
# coordinator's download in theirs): the calendar day in UTC.
PUBLISHED_ZONE = datetime.UTC


class IatiExportRefused(Exception):
    """A programme that cannot be published as it stands; the message says why."""


def iati_language(code: str) -> str:
    """An ISO 639-1 code (IATI's Language codelist) for one of the portal's languages."""
    return code.split("-")[0].lower()


def default_language() -> str:
    return iati_language(settings.LANGUAGE_CODE)


def reporting_org_ref(programme) -> str:
    """The sending organisation's IATI identifier, or a refusal saying how to get one."""
    ref = programme.sending_organisation.iati_identifier.strip()
    if not ref:
        raise IatiExportRefused(
            _(
                "“%(programme)s” cannot be exported to IATI: its sending organisation "
                "%(organisation)s has no IATI organisation identifier, and every IATI activity "
                "identifier must begin with the reporting organisation's. Add the identifier "
                "(a registration agency prefix such as XI-IATI and the number) to the "
                "organisation's profile, then export again."
            )
            % {"programme": programme.name, "organisation": programme.sending_organisation.name}
        )
    return ref


def activity_identifier(ref: str, project) -> str:
    """The reporting organisation's identifier, a hyphen and the project's stable id."""
    return f"{ref}-PROJECT-{project.pk}"


def _number(value) -> str:
    """A decimal without trailing zeros: "12", "12.5"."""
    return format(Decimal(value).normalize(), "f")


def _narrative(parent, text: str, lang: str | None = None) -> ET.Element:
    narrative = ET.SubElement(parent, "narrative")
    if lang and lang != default_language():
        narrative.set(XML_LANG, lang)
    narrative.text = text
    return narrative


def _text_element(parent, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    _narrative(element, text)
    return element


def _organisation(parent, tag: str, organisation, **attributes) -> ET.Element:
    """`reporting-org` or `participating-org`: `@ref` only when the organisation has an IATI
    identifier, its type from OrganisationType, its name as a narrative."""
    return _text_element(
        parent,
        tag,
        organisation.name,
        ref=organisation.iati_identifier.strip(),
        type=IATI_ORGANISATION_TYPE.get(organisation.kind, ""),
        **attributes,
    )


def _participants(project) -> list[tuple[str, object]]:
    """(role, organisation) pairs, each once: the sending organisation extends the activity,
    the host partner implements it, and the project partners hold the roles recorded."""
    pairs = [
        (PartnerRole.EXTENDING.value, project.programme.sending_organisation),
        (PartnerRole.IMPLEMENTING.value, project.host_partner),
        *((partner.role, partner.organisation) for partner in project.partnerships.all()),
    ]
    seen, unique = set(), []
    for role, organisation in pairs:
        if (role, organisation.pk) not in seen:
            seen.add((role, organisation.pk))
            unique.append((role, organisation))
    return sorted(unique, key=lambda pair: pair[0])


def _first_change_to(project, status) -> datetime.date | None:
    for change in project.status_changes.all():
        if change.to_status == status:
            return timezone.localdate(change.changed_at, PUBLISHED_ZONE)
    return None


def activity_dates(project, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """Planned start and end from the project; the actual start when it became active (or
    its start date, once passed), the actual end when it was completed. Actual dates are
    never in the future, and an end is written only after its start."""
    dates = [(PLANNED_START, project.starts_on)]
    if project.ends_on > project.starts_on:
        dates.append((PLANNED_END, project.ends_on))
    actual_start = None
    if project.status in (ProjectStatus.ACTIVE, ProjectStatus.COMPLETED):
        actual_start = _first_change_to(project, ProjectStatus.ACTIVE) or project.starts_on
        actual_start = actual_start if actual_start <= today else None
    if actual_start:
        dates.append((ACTUAL_START, actual_start))
    if actual_start and project.status == ProjectStatus.COMPLETED:
        actual_end = _first_change_to(project, ProjectStatus.COMPLETED) or project.ends_on
        if actual_start < actual_end <= today:
            dates.append((ACTUAL_END, actual_end))
    return sorted(dates)


def sector_percentages(count: int) -> list[Decimal]:
    """Equal shares with two decimals that add up to exactly 100 (the portal records no
    weighting of a project's goals); the first share takes the rounding remainder."""
    if not count:
        return []
    share = (HUNDRED / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [HUNDRED - share * (count - 1), *([share] * (count - 1))]


def _goal_names(goal) -> list[tuple[str, str]]:
    """The goal's short title in each of the portal's languages."""
    names = []
    for code, _label in settings.LANGUAGES:
        lang = iati_language(code)
        if lang not in {name_lang for name_lang, _ in names}:
            with translation.override(code):
                names.append((lang, sdg_name(goal)))
    return names


def _result(parent, indicator, project) -> None:
    result = ET.SubElement(parent, "result", {"type": RESULT_OUTPUT})
    _text_element(result, "title", indicator.name)
    element = ET.SubElement(result, "indicator", {"measure": MEASURE_UNIT})
    _text_element(element, "title", f"{indicator.name} ({indicator.unit})")
    ET.SubElement(
        element,
        "baseline",
        {
            "year": str(project.starts_on.year),
            "iso-date": project.starts_on.isoformat(),
            "value": _number(indicator.baseline),
        },
    )
    if project.ends_on > project.starts_on:
        period = ET.SubElement(element, "period")
        ET.SubElement(period, "period-start", {"iso-date": project.starts_on.isoformat()})
        ET.SubElement(period, "period-end", {"iso-date": project.ends_on.isoformat()})
        ET.SubElement(period, "target", {"value": _number(indicator.target)})
        ET.SubElement(period, "actual", {"value": _number(indicator.actual)})


def _activity(parent, project, ref: str, indicators, today) -> None:
    activity = ET.SubElement(
        parent,
        "iati-activity",
        {
            "last-updated-datetime": _datetime(project.updated_at),
            XML_LANG: default_language(),
        },
    )
    ET.SubElement(activity, "iati-identifier").text = activity_identifier(ref, project)
    _organisation(activity, "reporting-org", project.programme.sending_organisation)
    _text_element(activity, "title", project.title)
    _text_element(activity, "description", project.summary, type=DESCRIPTION_GENERAL)
    for role, organisation in _participants(project):
        _organisation(activity, "participating-org", organisation, role=role)
    ET.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS[project.status]})
    for date_type, date in activity_dates(project, today):
        ET.SubElement(activity, "activity-date", {"type": date_type, "iso-date": date.isoformat()})
    # The project's "region" is a province, not one of IATI's supranational regions: only
    # the country is written, with the whole activity in it.
    ET.SubElement(
        activity, "recipient-country", {"code": project.host_country.code, "percentage": "100"}
    )
    goals = list(project.sdgs.all())
    for goal, percentage in zip(goals, sector_percentages(len(goals)), strict=True):
        ET.SubElement(
            activity,
            "sector",
            {
                "vocabulary": SECTOR_VOCABULARY_SDG_GOAL,
                "code": str(goal.number),
                "percentage": _number(percentage),
            },
        )
    for goal in goals:
        tag = ET.SubElement(
            activity, "tag", {"vocabulary": TAG_VOCABULARY_SDG_GOAL, "code": str(goal.number)}
        )
        for lang, name in _goal_names(goal):
            _narrative(tag, name, lang)
    for indicator in indicators:
        _result(activity, indicator, project)


def _datetime(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def programme_refusal(programme) -> str | None:
    """Why the programme cannot be exported, or None when it can."""
    try:
        reporting_org_ref(programme)
    except IatiExportRefused as refusal:
        return str(refusal)
    if not selectors.iati_project_list(programmes=[programme]).exists():
        return _(
            "“%(programme)s” has no project to publish to IATI yet: approved, recruiting, "
            "active and completed projects are exported."
        ) % {"programme": programme.name}
    return None


def iati_activities_xml(*, programmes) -> bytes:
    """The programmes' published projects as one `iati-activities` document (UTF-8).

    Raises IatiExportRefused, naming the first programme that cannot be exported.
    """
    programmes = list(programmes)
    refs = {}
    for programme in programmes:
        refusal = programme_refusal(programme)
        if refusal:
            raise IatiExportRefused(refusal)
        refs[programme.pk] = reporting_org_ref(programme)
    projects = list(selectors.iati_project_list(programmes=programmes))
    indicators = {}
    for indicator in selectors.indicator_progress_list(projects=projects):
        indicators.setdefault(indicator.project_id, []).append(indicator)
    now = timezone.now()
    root = ET.Element(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": _datetime(now)}
    )
    with translation.override(settings.LANGUAGE_CODE):
        for project in projects:
            _activity(
                root,
                project,
                refs[project.programme_id],
                indicators.get(project.pk, []),
                timezone.localdate(now, PUBLISHED_ZONE),
            )
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
