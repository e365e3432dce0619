"""IATI 2.03 export (issue 14): the command, the coordinators' download, and the output
checked against the official schema *and* every code against its codelist (the schema takes
any string for a code). Schema and codelists are copies in tests/fixtures/iati/."""

import csv
import datetime
import functools
import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema
from django.core.management import CommandError, call_command
from django.utils import timezone

from deployments.enums import (
    ActivityLogStatus,
    IndicatorSource,
    PartnerRole,
    PlacementStatus,
    ProjectStatus,
)
from deployments.iati import IatiExportRefused, iati_activities_xml, sector_percentages
from deployments.models import IndicatorMeasurement, ProjectStatusChange
from deployments.models import SustainableDevelopmentGoal as Goal
from partners.enums import OrganisationKind
from tests.factories import (
    ActivityLogFactory,
    IndicatorFactory,
    OrganisationFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SENDING_REF = "XI-IATI-CFAV01"
FUNDER_REF = "CN-USC-91110000MA01"


@functools.cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(FIXTURES / "iati-activities-schema.xsd"))


@functools.cache
def codelist(name: str) -> frozenset[str]:
    """The active codes of an IATI codelist."""
    with open(FIXTURES / "codelists" / f"{name}.csv", encoding="utf-8") as rows:
        return frozenset(row["code"] for row in csv.DictReader(rows) if row["status"] == "active")


def coded_values(root) -> list[tuple[str, str]]:
    """(codelist, code) for every coded attribute the export writes."""
    values = []
    for element in root.iter("iati-activity"):
        for org in [element.find("reporting-org"), *element.iter("participating-org")]:
            values.append(("OrganisationType", org.get("type")))
        values += [("OrganisationRole", o.get("role")) for o in element.iter("participating-org")]
        values.append(("ActivityStatus", element.find("activity-status").get("code")))
        values += [("ActivityDateType", d.get("type")) for d in element.iter("activity-date")]
        values += [("Country", c.get("code")) for c in element.iter("recipient-country")]
        values += [("DescriptionType", d.get("type")) for d in element.findall("description")]
        for sector in element.iter("sector"):
            values.append(("SectorVocabulary", sector.get("vocabulary")))
            # Vocabulary 7 is SDG goals; no other vocabulary is written (asserted below).
            values.append(
                ({"7": "UNSDG-Goals"}.get(sector.get("vocabulary"), "?"), sector.get("code"))
            )
        for tag in element.iter("tag"):
            values.append(("TagVocabulary", tag.get("vocabulary")))
            values.append(({"2": "UNSDG-Goals"}.get(tag.get("vocabulary"), "?"), tag.get("code")))
    return values


def assert_valid_iati(document: bytes) -> ET.Element:
    """Valid against the schema, every code in its codelist, every identifier well formed."""
    schema().validate(io.BytesIO(document))
    root = ET.fromstring(document)  # noqa: S314 (the portal's own output)
    assert root.get("version") == "2.03"
    values = coded_values(root)
    outside = [(name, code) for name, code in values if name == "?" or code not in codelist(name)]
    assert outside == []
    for activity in root.iter("iati-activity"):
        ref = activity.find("reporting-org").get("ref")
        assert activity.findtext("iati-identifier").startswith(f"{ref}-")
        percentages = [Decimal(s.get("percentage")) for s in activity.iter("sector")]
        assert sum(percentages) in (0, 100)
    return root


def activity(root, project) -> ET.Element:
    [found] = [
        element
        for element in root.iter("iati-activity")
        if element.findtext("iati-identifier") == f"{SENDING_REF}-PROJECT-{project.pk}"
    ]
    return found


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def status_change(project, to_status, on: datetime.date) -> None:
    change = ProjectStatusChange.objects.create(
        project=project, from_status=ProjectStatus.APPROVED, to_status=to_status
    )
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    ProjectStatusChange.objects.filter(pk=change.pk).update(changed_at=at)


@pytest.fixture
def world(db):
    return build_world()


def build_world() -> dict:
    """A programme of an international NGO with an IATI identifier: a host partner without
    one, a funder with one, a government office without one; projects in every state."""
    sending = OrganisationFactory(
        name="China Foreign Aid Volunteers",
        kind=OrganisationKind.INTERNATIONAL_NGO,
        country="CN",
        iati_identifier=SENDING_REF,
    )
    programme = ProgrammeFactory(name="Volunteers for Nepal", sending_organisation=sending)
    host = OrganisationFactory(
        name="Lalitpur Community Learning Centre", kind=OrganisationKind.COMMUNITY_BASED
    )
    funder = OrganisationFactory(
        name="Belt Foundation",
        kind=OrganisationKind.FOUNDATION,
        country="CN",
        iati_identifier=FUNDER_REF,
    )
    ministry = OrganisationFactory(name="Ministry of Education", kind=OrganisationKind.GOVERNMENT)
    goals = {n: Goal.objects.get(number=n) for n in (4, 5, 10)}

    active = ProjectFactory(
        programme=programme,
        host_partner=host,
        title="Teaching in Lalitpur",
        summary="Volunteers teach English and mathematics in grades 6 to 8.",
        status=ProjectStatus.ACTIVE,
        starts_on=days(-100),
        ends_on=days(200),
        sdgs=[goals[4], goals[5], goals[10]],
    )
    ProjectPartnerFactory(project=active, organisation=funder, role=PartnerRole.FUNDING)
    ProjectPartnerFactory(project=active, organisation=ministry, role=PartnerRole.ACCOUNTABLE)
    status_change(active, ProjectStatus.ACTIVE, days(-90))
    manual = IndicatorFactory(project=active, name="Teachers trained", unit="teachers", target=20)
    IndicatorMeasurement.objects.create(indicator=manual, date=days(-10), value=Decimal("7"))
    pupils = IndicatorFactory(
        project=active,
        name="Pupils reached",
        unit="pupils",
        baseline=Decimal("12.5"),
        target=400,
        source=IndicatorSource.BENEFICIARIES,
    )
    placement = PlacementFactory(
        application__opportunity__project=active, status=PlacementStatus.IN_COUNTRY
    )
    ActivityLogFactory(placement=placement, status=ActivityLogStatus.APPROVED, girls=12, boys=14)

    completed = ProjectFactory(
        programme=programme,
        host_partner=host,
        title="Health outreach",
        status=ProjectStatus.COMPLETED,
        starts_on=days(-400),
        ends_on=days(-40),
        sdgs=[goals[5]],
    )
    status_change(completed, ProjectStatus.ACTIVE, days(-395))
    status_change(completed, ProjectStatus.COMPLETED, days(-30))
    recruiting = ProjectFactory(
        programme=programme, host_partner=host, status=ProjectStatus.RECRUITING
    )
    hidden = [
        ProjectFactory(programme=programme, host_partner=host, status=status)
        for status in (
            ProjectStatus.PROPOSED,
            ProjectStatus.NEEDS_ASSESSMENT,
            ProjectStatus.CANCELLED,
        )
    ]
    return {
        "programme": programme,
        "active": active,
        "completed": completed,
        "recruiting": recruiting,
        "hidden": hidden,
        "pupils": pupils,
    }


def export(programme) -> ET.Element:
    return assert_valid_iati(iati_activities_xml(programmes=[programme]))


def test_export_is_valid_iati_with_every_code_in_its_codelist(world):
    export(world["programme"])


def test_export_publishes_one_activity_per_public_project(world):
    root = export(world["programme"])

    identifiers = [a.findtext("iati-identifier") for a in root.iter("iati-activity")]
    assert sorted(identifiers) == sorted(
        f"{SENDING_REF}-PROJECT-{world[key].pk}" for key in ("active", "completed", "recruiting")
    )


def test_reporting_org_is_the_sending_organisation(world):
    reporting = activity(export(world["programme"]), world["active"]).find("reporting-org")

    assert (reporting.get("ref"), reporting.get("type"), reporting.findtext("narrative")) == (
        SENDING_REF,
        "21",
        "China Foreign Aid Volunteers",
    )


def test_participating_organisations_with_roles_and_ref_only_when_known(world):
    element = activity(export(world["programme"]), world["active"])

    organisations = [
        (org.get("role"), org.get("type"), org.get("ref"), org.findtext("narrative"))
        for org in element.iter("participating-org")
    ]
    assert organisations == [
        ("1", "60", FUNDER_REF, "Belt Foundation"),
        ("2", "10", None, "Ministry of Education"),
        ("3", "21", SENDING_REF, "China Foreign Aid Volunteers"),
        ("4", "24", None, "Lalitpur Community Learning Centre"),
    ]


def test_texts_in_the_default_language(world):
    element = activity(export(world["programme"]), world["active"])

    assert element.get(XML_LANG) == "en"
    assert element.find("title/narrative").text == "Teaching in Lalitpur"
    assert element.find("description").get("type") == "1"
    assert element.findtext("description/narrative").startswith("Volunteers teach English")


def test_status_and_dates_of_an_active_project(world):
    element = activity(export(world["programme"]), world["active"])

    assert element.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in element.iter("activity-date")] == [
        ("1", days(-100).isoformat()),
        ("2", days(-90).isoformat()),
        ("3", days(200).isoformat()),
    ]


def test_status_and_dates_of_a_completed_project(world):
    element = activity(export(world["programme"]), world["completed"])

    assert element.find("activity-status").get("code") == "4"
    assert [(d.get("type"), d.get("iso-date")) for d in element.iter("activity-date")] == [
        ("1", days(-400).isoformat()),
        ("2", days(-395).isoformat()),
        ("3", days(-40).isoformat()),
        ("4", days(-30).isoformat()),
    ]


def test_a_recruiting_project_is_in_the_pipeline_without_actual_dates(world):
    element = activity(export(world["programme"]), world["recruiting"])

    assert element.find("activity-status").get("code") == "1"
    assert [d.get("type") for d in element.iter("activity-date")] == ["1", "3"]


def test_country_goals_as_sector_and_tags(world):
    element = activity(export(world["programme"]), world["active"])

    assert [(c.get("code"), c.get("percentage")) for c in element.iter("recipient-country")] == [
        ("NP", "100")
    ]
    assert element.find("recipient-region") is None
    assert [
        (s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in element.iter("sector")
    ] == [("7", "4", "33.34"), ("7", "5", "33.33"), ("7", "10", "33.33")]
    assert [(t.get("vocabulary"), t.get("code")) for t in element.iter("tag")] == [
        ("2", "4"),
        ("2", "5"),
        ("2", "10"),
    ]
    names = {n.get(XML_LANG): n.text for n in element.find("tag").iter("narrative")}
    assert names == {
        None: "Quality education",
        "zh": "优质教育",
        "ne": names["ne"],
        "my": names["my"],
    }


def test_results_carry_baseline_target_and_actual(world):
    element = activity(export(world["programme"]), world["active"])

    results = [
        (
            result.get("type"),
            result.findtext("title/narrative"),
            result.find("indicator").get("measure"),
            result.find("indicator/baseline").get("value"),
            result.find("indicator/period/target").get("value"),
            result.find("indicator/period/actual").get("value"),
        )
        for result in element.iter("result")
    ]
    assert results == [
        ("1", "Pupils reached", "1", "12.5", "400", "26"),
        ("1", "Teachers trained", "1", "0", "20", "7"),
    ]


@pytest.mark.parametrize(
    ("count", "shares"),
    [(1, ["100"]), (2, ["50", "50"]), (3, ["33.34", "33.33", "33.33"]), (7, None)],
)
def test_sector_percentages_add_up_to_100(count, shares):
    percentages = sector_percentages(count)

    assert sum(percentages) == 100
    if shares is not None:
        assert [format(p.normalize(), "f") for p in percentages] == shares


def test_export_refused_when_the_sending_organisation_has_no_iati_identifier(world):
    programme = world["programme"]
    programme.sending_organisation.iati_identifier = ""
    programme.sending_organisation.save()

    with pytest.raises(IatiExportRefused, match="has no IATI organisation identifier"):
        iati_activities_xml(programmes=[programme])
    with pytest.raises(CommandError, match="has no IATI organisation identifier"):
        call_command("export_iati", programme=programme.pk, stdout=io.StringIO())


def test_command_writes_the_file(world, tmp_path):
    output = tmp_path / "activities.xml"

    call_command("export_iati", programme=world["programme"].pk, output=str(output))

    root = assert_valid_iati(output.read_bytes())
    assert len(root.findall("iati-activity")) == 3


def test_command_leaves_out_programmes_that_cannot_be_published(world):
    ProgrammeFactory(name="No identifier")  # its sending organisation has none
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("export_iati", stdout=stdout, stderr=stderr)

    root = assert_valid_iati(stdout.getvalue().encode())
    assert len(root.findall("iati-activity")) == 3
    assert "“No identifier” cannot be exported to IATI" in stderr.getvalue()


def test_command_fails_for_a_programme_without_published_projects(db):
    sending = OrganisationFactory(iati_identifier="XI-IATI-EMPTY1")
    programme = ProgrammeFactory(sending_organisation=sending)
    ProjectFactory(programme=programme, status=ProjectStatus.PROPOSED)

    with pytest.raises(CommandError, match="has no project to publish"):
        call_command("export_iati", programme=programme.pk, stdout=io.StringIO())


def test_command_fails_for_an_unknown_programme(db):
    with pytest.raises(CommandError, match="There is no programme 999"):
        call_command("export_iati", programme=999, stdout=io.StringIO())


def test_demo_data_exports_as_valid_iati(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    stdout = io.StringIO()

    call_command("export_iati", stdout=stdout, stderr=io.StringIO())

    root = assert_valid_iati(stdout.getvalue().encode())
    assert len(root.findall("iati-activity")) > 0
