"""Demo data modelled on the Chinese Foreign Aid Volunteer Programme; safe to run twice."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from deployments import services
from deployments.enums import OpportunityStatus, PartnerRole, Priority, ProjectStatus
from deployments.models import (
    Indicator,
    NeedsAssessment,
    Opportunity,
    OpportunityLanguage,
    Programme,
    Project,
    ProjectPartner,
    SustainableDevelopmentGoal,
)
from notifications.models import Notification
from notifications.services import notification_mark_read
from partners.enums import AgreementKind, AgreementStatus, OrganisationKind
from partners.models import Agreement, AgreementConfirmation, Membership, Organisation
from users.models import User
from volunteers.enums import LanguageLevel
from volunteers.models import Skill

from ._demo_applications import seed_applications
from ._demo_placements import seed_dashboard_alerts, seed_placements, seed_recent_field_work
from ._demo_volume import SIZES, VolumeSeeder, busiest_accounts

PROGRAMME_NAME = "Chinese Foreign Aid Volunteer Programme"


@dataclass(frozen=True)
class DemoProject:
    title: str
    host: str
    country: str
    region: str
    city: str
    latitude: str
    longitude: str
    sdgs: tuple[int, ...]
    status: str
    signed_off: bool
    summary: str
    needs: str
    consulted: str
    beneficiaries: int
    indicators: tuple[tuple[str, str, int, int], ...]
    opportunities: tuple[dict, ...]


ORGANISATIONS = {
    "BVF": dict(
        name="Beijing Volunteer Service Federation",
        kind=OrganisationKind.NATIONAL_NGO,
        country="CN",
        city="Beijing",
        website="https://www.bv.org.cn/",
        description="Sends Chinese volunteers abroad and supports them before, during and "
        "after their placements.",
        iati_identifier="XI-IATI-BVF0001",
    ),
    "CFPA": dict(
        name="China Foundation for Poverty Alleviation",
        kind=OrganisationKind.FOUNDATION,
        country="CN",
        city="Beijing",
        website="https://www.cfpa.org.cn/",
        description="Implements and funds poverty-alleviation projects in China and abroad, "
        "with country offices in Nepal and Myanmar.",
    ),
    "UNV": dict(
        name="United Nations Volunteers",
        kind=OrganisationKind.UN_AGENCY,
        country="DE",
        city="Bonn",
        website="https://www.unv.org/",
        description="Promotes volunteerism for peace and development worldwide.",
    ),
    "KCLC": dict(
        name="Kathmandu Community Learning Centre",
        kind=OrganisationKind.NATIONAL_NGO,
        country="NP",
        city="Kathmandu",
        description="Runs community learning centres and supports public schools in the "
        "Kathmandu Valley.",
    ),
    "MRHA": dict(
        name="Mandalay Rural Health Association",
        kind=OrganisationKind.NATIONAL_NGO,
        country="MM",
        city="Mandalay",
        description="Community health outreach in the villages around Mandalay.",
    ),
    "PLCS": dict(
        name="Phewa Lake Conservation Society",
        kind=OrganisationKind.COMMUNITY_BASED,
        country="NP",
        city="Pokhara",
        description="Local volunteers who watch over Phewa Lake and its watershed, in the "
        "spirit of Friends of Nature.",
    ),
}

PROJECTS = (
    DemoProject(
        title="English and mathematics teaching in Kathmandu Valley schools",
        host="KCLC",
        country="NP",
        region="Bagmati Province",
        city="Kathmandu",
        latitude="27.71720",
        longitude="85.32400",
        sdgs=(4, 10),
        status=ProjectStatus.RECRUITING,
        signed_off=True,
        summary="Volunteers teach English and mathematics in grades 6 to 8 alongside Nepali "
        "teachers, and run after-school clubs at the community learning centre.",
        needs="Public schools lack English and mathematics teachers for grades 6 to 8; "
        "teachers ask for co-teaching and lesson-planning support.",
        consulted="Head teachers of five public schools, the ward education committee and "
        "a parents' group.",
        beneficiaries=400,
        indicators=(("Pupils taught", "pupils", 0, 400), ("Teacher training", "hours", 0, 300)),
        opportunities=(
            dict(
                title="English teacher, grades 6 to 8",
                description="Co-teach English with Nepali teachers and run a reading club.",
                seats=2,
                duration_months=12,
                skills=("Teaching", "English"),
                languages=(("en", LanguageLevel.C1),),
                questions="Describe a lesson you taught to a mixed-ability class.\n"
                "How would you adapt to classes of 50 pupils?",
            ),
            dict(
                title="Mathematics teacher, grades 6 to 8",
                description="Teach mathematics and train teachers in activity-based methods.",
                seats=1,
                duration_months=9,
                skills=("Teaching", "Mathematics"),
                languages=(("en", LanguageLevel.B2),),
                questions="Which teaching aids would you make from local materials?",
            ),
        ),
    ),
    DemoProject(
        title="Maternal and child health outreach in Mandalay Region",
        host="MRHA",
        country="MM",
        region="Mandalay Region",
        city="Mandalay",
        latitude="21.95880",
        longitude="96.08910",
        sdgs=(3, 5),
        status=ProjectStatus.RECRUITING,
        signed_off=True,
        summary="Volunteers support village health workers with antenatal education, "
        "nutrition sessions and record keeping.",
        needs="Village health workers need help with antenatal education and keeping "
        "records of mothers and infants.",
        consulted="Village health committees of twelve villages and the township health "
        "department.",
        beneficiaries=1200,
        indicators=(
            ("Mothers reached", "women", 0, 600),
            ("Health sessions held", "sessions", 0, 120),
        ),
        opportunities=(
            dict(
                title="Community health educator",
                description="Prepare and lead health sessions with village health workers.",
                seats=2,
                duration_months=6,
                skills=("Public health", "Nursing"),
                languages=(("en", LanguageLevel.B2), ("my", LanguageLevel.A2)),
                questions="Tell us about health education you have given.",
            ),
        ),
    ),
    DemoProject(
        title="Phewa Lake environmental monitoring",
        host="PLCS",
        country="NP",
        region="Gandaki Province",
        city="Pokhara",
        latitude="28.21220",
        longitude="83.95700",
        sdgs=(6, 13, 15),
        status=ProjectStatus.APPROVED,
        signed_off=True,
        summary="Volunteers and local youth sample water quality, count birds and map waste "
        "around Phewa Lake, and share the results with the community.",
        needs="No regular data on the lake's water quality; the community wants evidence to "
        "bring to the municipality.",
        consulted="Fishing cooperatives, boat owners, two schools and the lake management "
        "committee.",
        beneficiaries=3000,
        indicators=(
            ("Water samples analysed", "samples", 0, 240),
            ("Community members trained in monitoring", "people", 0, 60),
        ),
        opportunities=(
            dict(
                title="Environmental monitoring assistant",
                description="Sample and test water, keep the data set, train local youth.",
                seats=2,
                duration_months=6,
                skills=("Water quality testing", "Data collection"),
                languages=(("en", LanguageLevel.B1),),
                questions="Which field measurements have you made before?",
            ),
        ),
    ),
    DemoProject(
        title="Digital skills for women's cooperatives, Lalitpur",
        host="KCLC",
        country="NP",
        region="Bagmati Province",
        city="Lalitpur",
        latitude="27.66640",
        longitude="85.31880",
        sdgs=(5, 8),
        status=ProjectStatus.NEEDS_ASSESSMENT,
        signed_off=False,
        summary="Volunteers would teach bookkeeping and online selling to women's cooperatives.",
        needs="Cooperative members ask for bookkeeping and smartphone skills to sell online.",
        consulted="Three women's cooperatives and the municipal women's development office.",
        beneficiaries=150,
        indicators=(("Women trained", "women", 0, 150),),
        opportunities=(),
    ),
)


class Command(BaseCommand):
    help = "Loads demo data and the demo accounts (development only; safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            help="Also fill the database with a programme network of this size, for measuring "
            "the portal: large (500,000 activity logs, a few minutes on PostgreSQL), medium "
            "(a tenth, under a minute) or tiny (for tests).",
        )

    def handle(self, *args, force=False, size=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo makes accounts with a known password; it runs only with DEBUG on. "
                "Use --force to run it anyway on a non-production instance."
            )
        # The demo's notifications stay in the portal: nobody needs them by email.
        started = timezone.now()
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            accounts = self.seed_accounts()
            organisations = {
                key: self.organisation(fields) for key, fields in ORGANISATIONS.items()
            }
            programme = self.seed_programme(organisations, accounts)
            self.seed_memberships(organisations, accounts)
            self.seed_partnerships(programme, organisations, accounts)
            self.seed_agreements(organisations)
            for demo in PROJECTS:
                self.seed_project(demo, programme, organisations, accounts)
            seed_applications(accounts)
            fresh = seed_placements(accounts)
            self.read_the_history(since=started)
            seed_applications(accounts, news=True)
            if fresh is not None:
                seed_recent_field_work(fresh, accounts["coordinator"])
                seed_dashboard_alerts(fresh)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Sign in as coordinator@demo.example, partner@demo.example, "
                "volunteer@demo.example or applicant@demo.example with the DEMO_PASSWORD "
                "(default demo-pass-2026)."
            )
        )
        if size:
            self.seed_volume(SIZES[size], size)

    def seed_volume(self, volume, size: str) -> None:
        seeder = VolumeSeeder(volume, out=self.stdout)
        if not seeder.run():
            self.stdout.write("The measuring data set is already there; nothing added.")
            return
        self.stdout.write(f"Made the {size} data set in {seeder.elapsed:.0f} s:")
        for name, count in seeder.report():
            self.stdout.write(f"  {count:>9,} {name}")
        self.stdout.write(f"  placements by status: {seeder.placements_by_status()}")
        self.stdout.write(f"  applications by status: {seeder.applications_by_status()}")
        self.stdout.write(
            self.style.SUCCESS(
                "Busiest accounts (same password as the demo's): "
                + ", ".join(f"{role} {user.email}" for role, user in busiest_accounts().items())
            )
        )

    def read_the_history(self, *, since) -> None:
        """The months of history this run made were read as they happened: only what happens
        next (today's returned log, request for support, reports due) waits unread."""
        for notification in Notification.objects.filter(created_at__gte=since, read_at=None):
            notification_mark_read(notification=notification)

    def seed_accounts(self) -> dict[str, User]:
        people = {
            "coordinator": ("coordinator@demo.example", "Wang Fang 王芳", "Asia/Shanghai", "en"),
            "partner": ("partner@demo.example", "Sita Sharma सीता शर्मा", "Asia/Kathmandu", "en"),
            "volunteer": ("volunteer@demo.example", "Li Wei 李伟", "Asia/Kathmandu", "zh-hans"),
            "applicant": ("applicant@demo.example", "Chen Jing 陈静", "Asia/Shanghai", "en"),
            "myanmar_partner": (
                "partner.mandalay@demo.example",
                "Aye Aye Thant အေးအေးသန့်",
                "Asia/Yangon",
                "en",
            ),
            "pokhara_partner": (
                "partner.pokhara@demo.example",
                "Ram Gurung राम गुरुङ",
                "Asia/Kathmandu",
                "en",
            ),
        }
        accounts = {}
        for key, (email, name, zone, language) in people.items():
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "name": name,
                    "time_zone": zone,
                    "preferred_language": language,
                    "is_demo": True,
                },
            )
            if created:
                user.set_password(settings.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            accounts[key] = user
        return accounts

    def organisation(self, fields: dict) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(
            name=fields["name"],
            country=fields["country"],
            defaults={**fields, "is_verified": True, "verified_at": timezone.now()},
        )
        return organisation

    def seed_programme(self, organisations, accounts) -> Programme:
        programme, _ = Programme.objects.get_or_create(
            name=PROGRAMME_NAME,
            defaults={
                "sending_organisation": organisations["BVF"],
                "description": "Chinese volunteers serve 6 to 12 months with host partners in "
                "Nepal and Myanmar, in education, health and the environment.",
                "blind_review": True,
            },
        )
        programme.coordinators.add(accounts["coordinator"])
        return programme

    def seed_partnerships(self, programme, organisations, accounts) -> None:
        """Every partner and host proposed to by the coordinator and accepted, through the
        services, by its demo admin (by the platform, for those without one)."""
        for key in ("CFPA", "UNV", "KCLC", "MRHA", "PLCS"):
            organisation = organisations[key]
            if programme.partnerships.filter(organisation=organisation).exists():
                continue
            partnership = services.partnership_propose(
                programme=programme, organisation=organisation, by=accounts["coordinator"]
            )
            admin = organisation.members.filter(memberships__is_admin=True).first()
            services.partnership_accept(partnership=partnership, by=admin)

    def seed_memberships(self, organisations, accounts) -> None:
        for user, key, roles in (
            (
                accounts["partner"],
                "KCLC",
                {"is_admin": True, "is_reviewer": True, "is_supervisor": True},
            ),
            (accounts["myanmar_partner"], "MRHA", {"is_admin": True, "is_supervisor": True}),
            (accounts["pokhara_partner"], "PLCS", {"is_admin": True, "is_supervisor": True}),
        ):
            Membership.objects.get_or_create(
                user=user, organisation=organisations[key], defaults=roles
            )

    def seed_agreements(self, organisations) -> None:
        today = timezone.localdate()
        for title, kind, parties, starts, ends in (
            (
                "Memorandum of understanding on volunteer placements in Nepal",
                AgreementKind.MOU,
                ("BVF", "CFPA", "KCLC"),
                today - datetime.timedelta(days=400),
                today + datetime.timedelta(days=700),
            ),
            (
                "Partnership agreement on health volunteers in Mandalay Region",
                AgreementKind.PARTNERSHIP,
                ("BVF", "CFPA", "MRHA"),
                today - datetime.timedelta(days=320),
                today + datetime.timedelta(days=45),
            ),
        ):
            agreement, created = Agreement.objects.get_or_create(
                title=title,
                defaults={
                    "kind": kind,
                    "signed_on": starts,
                    "starts_on": starts,
                    "ends_on": ends,
                    "status": AgreementStatus.ACTIVE,
                },
            )
            if created:
                agreement.organisations.set([organisations[key] for key in parties])
                # Signed on paper before the portal: every party's confirmation is recorded.
                AgreementConfirmation.objects.bulk_create(
                    AgreementConfirmation(agreement=agreement, organisation=organisations[key])
                    for key in parties
                )

    def seed_project(self, demo: DemoProject, programme, organisations, accounts) -> None:
        today = timezone.localdate()
        host = organisations[demo.host]
        project, created = Project.objects.get_or_create(
            programme=programme,
            title=demo.title,
            defaults={
                "host_country": demo.country,
                "region": demo.region,
                "city": demo.city,
                "latitude": demo.latitude,
                "longitude": demo.longitude,
                "host_partner": host,
                "summary": demo.summary,
                "starts_on": today + datetime.timedelta(days=60),
                "ends_on": today + datetime.timedelta(days=60 + 730),
                "status": demo.status,
                "created_by": accounts["coordinator"],
            },
        )
        if not created:
            return
        project.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=demo.sdgs))
        for key, role in (
            ("CFPA", PartnerRole.FUNDING),
            ("BVF", PartnerRole.EXTENDING),
            (demo.host, PartnerRole.IMPLEMENTING),
        ):
            ProjectPartner.objects.create(
                project=project, organisation=organisations[key], role=role
            )
        signer = host.memberships.select_related("user").first().user
        NeedsAssessment.objects.create(
            project=project,
            requested_by=host,
            community_consulted=demo.consulted,
            needs_found=demo.needs,
            priority=Priority.HIGH,
            expected_beneficiaries=demo.beneficiaries,
            assessed_by=f"{host.name} with the programme coordinator",
            assessed_on=today - datetime.timedelta(days=90),
            signed_off_by=signer if demo.signed_off else None,
            signed_off_at=timezone.now() if demo.signed_off else None,
        )
        for name, unit, baseline, target in demo.indicators:
            Indicator.objects.create(
                project=project, name=name, unit=unit, baseline=baseline, target=target
            )
        for spec in demo.opportunities:
            opportunity = Opportunity.objects.create(
                project=project,
                title=spec["title"],
                description=spec["description"],
                seats=spec["seats"],
                duration_months=spec["duration_months"],
                starts_on=today + datetime.timedelta(days=75),
                application_deadline=timezone.now() + datetime.timedelta(days=30),
                questions=spec["questions"],
                status=OpportunityStatus.OPEN,
                published_at=timezone.now(),
            )
            opportunity.skills.set(
                Skill.objects.get_or_create(name__iexact=name, defaults={"name": name})[0]
                for name in spec["skills"]
            )
            for language, level in spec["languages"]:
                OpportunityLanguage.objects.create(
                    opportunity=opportunity, language=language, minimum_level=level
                )
