import pytest
from django.urls import reverse

from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest
from tests.factories import ProgrammeFactory, ReportRequestFactory, UserFactory

from .conftest import build

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")


def detail(report, name="detail"):
    return reverse(f"reports:report-{name}", args=[report.pk])


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_coordinator_requests_a_report_and_is_taken_to_its_page(
    client, coordinator, programme, project, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert client.get(LIST).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST,
            {
                "kind": ReportKind.ACTIVITY,
                "format": ReportFormat.XLSX,
                "programme": programme.pk,
                "period_from": "2026-01-01",
                "period_to": "2026-06-30",
            },
        )

    report = ReportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(report)
    assert (report.requested_by, report.status) == (coordinator, ReportStatus.DONE)
    assert report.filters["programme"] == programme.pk
    assert report.filters["period_to"] == "2026-06-30"


def test_the_form_offers_only_what_the_person_may_choose(
    client, coordinator, project, other_project
):
    client.force_login(coordinator)

    form = client.get(LIST).context["form"]

    assert list(form.fields["project"].queryset) == [project]
    assert list(form.fields["programme"].queryset) == [project.programme]
    assert [code for code, _name in form.fields["country"].choices] == ["", "NP"]


def test_the_form_renders_its_model_choices_with_their_names(
    client, coordinator, project, host_partner
):
    host_partner.acronym = "KEN"
    host_partner.save()
    client.force_login(coordinator)

    html = client.get(LIST, {"programme": project.programme.pk}).content.decode()

    assert (
        f'<option value="{project.programme.pk}" selected>{project.programme.name}</option>' in html
    )
    assert f'<option value="{project.pk}">{project.title}</option>' in html
    assert f'<option value="{host_partner.pk}">{host_partner.name} (KEN)</option>' in html
    assert '<option value="" selected>All you may see</option>' in html


def test_bad_input_shows_errors_and_writes_nothing(client, coordinator, other_project):
    client.force_login(coordinator)

    response = client.post(
        LIST,
        {
            "kind": ReportKind.ACTIVITY,
            "format": "doc",
            "project": other_project.pk,
            "period_from": "2026-06-01",
            "period_to": "2026-01-01",
        },
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"format", "project", "period_to"}
    assert ReportRequest.objects.count() == 0


@pytest.mark.parametrize("person", ["volunteer", "partner_member"])
def test_people_who_may_not_request_see_no_form_and_cannot_post(client, person, request, project):
    client.force_login(request.getfixturevalue(person))

    page = client.get(LIST)
    posted = client.post(LIST, {"kind": ReportKind.ACTIVITY, "format": ReportFormat.CSV})

    assert page.status_code == 200
    assert page.context["form"] is None
    assert posted.status_code == 403
    assert ReportRequest.objects.count() == 0


def test_partner_admin_can_request_for_their_organisation(
    client, partner_admin, project, other_project, django_capture_on_commit_callbacks
):
    client.force_login(partner_admin)
    assert list(client.get(LIST).context["form"].fields["project"].queryset) == [project]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"kind": ReportKind.PLACEMENTS, "format": ReportFormat.CSV})

    assert response.status_code == 302
    assert ReportRequest.objects.get().status == ReportStatus.DONE


def test_a_pending_report_page_polls_its_progress_and_reloads_without_javascript(
    client, coordinator
):
    report = ReportRequestFactory(
        requested_by=coordinator, status=ReportStatus.RUNNING, progress=40
    )
    client.force_login(coordinator)

    page = client.get(detail(report)).content.decode()
    fragment = client.get(detail(report, "status"), headers={"HX-Request": "true"})

    assert f'hx-get="{detail(report, "status")}"' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert '<progress id="report-progress" class="w-100 mb-2" max="100" value="40">' in page
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert 'value="40"' in fragment.content.decode()


def test_a_ready_report_page_stops_polling_and_offers_the_download(
    client, coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    client.force_login(coordinator)

    page = client.get(detail(report)).content.decode()

    assert "hx-get" not in page.split('id="report-status"')[1]
    assert "http-equiv" not in page
    assert f'href="{detail(report, "download")}"' in page


def test_the_requester_downloads_the_file_as_an_attachment(
    client, coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    client.force_login(coordinator)

    response = client.get(detail(report, "download"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"Project code,")


def test_administrators_may_download_anyones_report(
    client, coordinator, administrator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    client.force_login(administrator)

    assert client.get(detail(report, "download")).status_code == 200


@pytest.mark.parametrize("page", ["detail", "status", "download"])
@pytest.mark.parametrize("person", ["other_coordinator", "partner_member", "volunteer"])
def test_others_get_404_for_someone_elses_report(
    client,
    page,
    person,
    coordinator,
    partner_member,
    volunteer,
    field_data,
    django_capture_on_commit_callbacks,
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    other_coordinator = UserFactory()
    ProgrammeFactory(coordinators=[other_coordinator])
    client.force_login(locals()[person])

    assert client.get(detail(report, page)).status_code == 404


def test_an_unfinished_report_cannot_be_downloaded(client, coordinator):
    report = ReportRequestFactory(requested_by=coordinator, status=ReportStatus.RUNNING)
    client.force_login(coordinator)

    assert client.get(detail(report, "download")).status_code == 404


def test_the_list_shows_only_the_persons_own_reports(client, coordinator, administrator):
    own = ReportRequestFactory(requested_by=coordinator)
    ReportRequestFactory(requested_by=administrator)
    client.force_login(coordinator)

    assert list(client.get(LIST).context["page_obj"]) == [own]


@pytest.mark.parametrize("count", [1, 3])
def test_report_list_costs_a_fixed_number_of_queries(
    client, coordinator, project, count, django_assert_num_queries
):
    ReportRequestFactory.create_batch(count, requested_by=coordinator)
    client.force_login(coordinator)

    with django_assert_num_queries(11):
        response = client.get(LIST)

    assert len(response.context["page_obj"]) == count
