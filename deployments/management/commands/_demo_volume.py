"""A national programme's data after a few years, for measuring the portal at its real size.

Rows go in through bulk inserts in batches: no services, signals or notifications run, so
this module keeps by hand the invariants the services enforce (seats, at most one log a day,
logs and check-ins inside the time in the field, every status reached through its events).
A few programmes, partners, opportunities and volunteers are large and most are small
(Zipf-like weights); field work spreads over the last twelve months.
"""

import datetime
import itertools
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from deployments.enums import (
    ActivityLogStatus,
    ActivityType,
    ApplicationStatus,
    CheckInResponse,
    CheckInStatus,
    OpportunityStatus,
    PartnerRole,
    PartnershipStatus,
    PlacementStatus,
    PreDepartureItemKind,
    PreDepartureStatus,
    Priority,
    ProjectStatus,
    Recommendation,
)
from deployments.models import (
    ActivityLog,
    Application,
    ApplicationEvent,
    ApplicationRelease,
    Appraisal,
    CheckIn,
    Indicator,
    MonthlyReport,
    NeedsAssessment,
    Opportunity,
    OpportunityLanguage,
    OpportunityStatusChange,
    Partnership,
    Placement,
    PlacementEvent,
    PreDepartureItem,
    Programme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    Review,
    ReviewAssignment,
)
from notifications.enums import Channel, EmailFrequency, NotificationKind
from notifications.models import Notification, NotificationPreference
from partners.enums import OrganisationKind
from partners.models import Membership, Organisation
from users.models import User
from volunteers.enums import LanguageLevel
from volunteers.models import Skill, VolunteerLanguage, VolunteerProfile

AS = ApplicationStatus
PS = PlacementStatus
LS = ActivityLogStatus

# The data set says it is there by this programme; a second run changes nothing.
MARKER_PROGRAMME = "Volume programme 001"
EMAIL_DOMAIN = "volume.example"
BATCH = 5000
MAX_SEATS = 100  # Opportunity.seats' own limit
MAX_PLACEMENTS = 25  # a large cohort in one role
LOG_HISTORY_DAYS = 365


@dataclass(frozen=True)
class Volume:
    organisations: int
    programmes: int
    projects: int
    opportunities: int
    volunteers: int
    applications: int
    placements: int
    activity_logs: int
    check_ins: int


SIZES = {
    "large": Volume(500, 12, 1000, 3000, 20000, 60000, 5000, 500000, 120000),
    "medium": Volume(50, 6, 100, 300, 2000, 6000, 500, 50000, 12000),
    "tiny": Volume(12, 3, 10, 30, 60, 150, 24, 1500, 300),
}

HOST_COUNTRIES = ("NP", "MM", "LA", "KH", "LK", "BD", "ET", "KE", "TZ", "UG", "ZM", "PK")
TIME_ZONES = ("Asia/Shanghai", "Asia/Kathmandu", "Asia/Yangon", "Africa/Nairobi", "UTC")
SKILLS = (
    "English teaching",
    "Mathematics teaching",
    "Nursing",
    "Public health",
    "Agronomy",
    "Water and sanitation",
    "Computer literacy",
    "Accounting",
    "Civil engineering",
    "Early childhood education",
    "Environmental monitoring",
    "Project management",
    "Midwifery",
    "Vocational training",
    "Chinese teaching",
    "Community mobilisation",
)
LANGUAGES = ("en", "zh", "ne", "my", "fr", "sw", "lo", "km")
ORGANISATION_WORDS = (
    "Community",
    "Rural",
    "Health",
    "Learning",
    "Women's",
    "Youth",
    "Water",
    "Green",
    "Mountain",
    "River",
)
ORGANISATION_KINDS = (
    "Association",
    "Foundation",
    "Society",
    "Network",
    "Centre",
    "Cooperative",
)
PROJECT_THEMES = (
    ("Teaching in public schools", 4),
    ("Community health outreach", 3),
    ("Clean water for villages", 6),
    ("Watershed conservation", 15),
    ("Vocational training for young people", 8),
    ("Women's cooperatives", 5),
)
ROLES = (
    "English teacher",
    "Mathematics teacher",
    "Community nurse",
    "Agronomist",
    "IT trainer",
    "Water engineer",
    "Project officer",
)


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """A few large, many small: the k-th item weighs 1/k^exponent."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def share(total: int, weights: list[float], minimum: int = 0, cap: int | None = None) -> list[int]:
    """`total` split by weight, each share at least `minimum` and at most `cap`; what the
    capped shares cannot take goes to the others, so the shares sum to `total` if they can."""
    shares = [minimum] * len(weights)
    while (spare := total - sum(shares)) > 0:
        growing = [i for i, each in enumerate(shares) if cap is None or each < cap]
        if not growing:
            break
        scale = sum(weights[i] for i in growing)
        for i in growing:
            shares[i] += int(spare * weights[i] / scale)
        if cap is not None:
            shares = [min(cap, each) for each in shares]
        if sum(shares) == total - spare:  # the remainder is smaller than any weighted part
            for i in itertools.islice(itertools.cycle(growing), spare):
                shares[i] += 1
    return [min(cap, each) if cap is not None else each for each in shares]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


@contextmanager
def stamps_as_given(*models_: type[models.Model]) -> Iterator[None]:
    """History carries its own times: auto_now(_add) would stamp every row with today."""
    fields = [
        field
        for model in models_
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class VolumeSeeder:
    def __init__(self, volume: Volume, *, out, seed: int = 2026):
        self.volume = volume
        self.out = out
        self.random = random.Random(seed)  # noqa: S311 (repeatable demo data, no secrets)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.made: Counter[str] = Counter()
        self.password = make_password(settings.DEMO_PASSWORD)
        self.unseen: dict[str, list[str]] = {}

    def pick(self, key: str, choices: tuple[str, ...], weights: tuple[float, ...]) -> str:
        """A weighted choice, after each of `choices` has come once: rare states appear even
        in the tiny data set."""
        unseen = self.unseen.setdefault(key, list(choices))
        return unseen.pop() if unseen else self.random.choices(choices, weights)[0]

    def insert(self, model: type[models.Model], rows: list) -> list:
        model.objects.bulk_create(rows, batch_size=BATCH)
        self.made[model._meta.verbose_name_plural] += len(rows)
        return rows

    def run(self) -> bool:
        if Programme.objects.filter(name=MARKER_PROGRAMME).exists():
            return False
        started = time.monotonic()
        with (
            transaction.atomic(),
            stamps_as_given(
                Application,
                ApplicationEvent,
                ApplicationRelease,
                ReviewAssignment,
                Review,
                Placement,
                PlacementEvent,
                ProjectStatusChange,
                OpportunityStatusChange,
                Notification,
            ),
        ):
            for step in (
                self.seed_skills,
                self.seed_organisations,
                self.seed_people,
                self.seed_programmes,
                self.seed_projects,
                self.seed_opportunities,
                self.seed_applications,
                self.seed_placements,
                self.seed_field_work,
                self.seed_notifications,
            ):
                step_started = time.monotonic()
                step()
                self.out.write(f"  {step.__name__}: {time.monotonic() - step_started:.1f} s")
        self.gather_statistics()
        self.elapsed = time.monotonic() - started
        return True

    def gather_statistics(self) -> None:
        """What autovacuum would do some minutes after a bulk load, done at once: without
        statistics PostgreSQL plans every query for empty tables, and without a visibility
        map its index-only scans still read each row. A server with autovacuum off (as on
        some development machines) would otherwise measure plans no production sees. VACUUM
        cannot run inside a transaction, such as a test's."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        step_started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        self.out.write(f"  gather_statistics: {time.monotonic() - step_started:.1f} s")

    # People and organisations ----------------------------------------------------------

    def seed_skills(self) -> None:
        existing = {name.lower() for name in Skill.objects.values_list("name", flat=True)}
        self.insert(Skill, [Skill(name=name) for name in SKILLS if name.lower() not in existing])
        self.skills = list(Skill.objects.filter(name__in=SKILLS))

    def seed_organisations(self) -> None:
        rows = []
        kinds = OrganisationKind.values
        for index in range(self.volume.organisations):
            sending = index < self.volume.programmes
            word = ORGANISATION_WORDS[index % len(ORGANISATION_WORDS)]
            noun = ORGANISATION_KINDS[index // len(ORGANISATION_WORDS) % len(ORGANISATION_KINDS)]
            # Verification is a state too: a few new organisations wait for it.
            verified = sending or index % 17 != 0
            rows.append(
                Organisation(
                    name=f"{word} Volunteer {noun} {index + 1:03d}",
                    kind=OrganisationKind.NATIONAL_NGO if sending else kinds[index % len(kinds)],
                    country="CN" if sending else HOST_COUNTRIES[index % len(HOST_COUNTRIES)],
                    city=f"City {index % 40 + 1}",
                    description="An organisation made by seed_demo for measuring the portal.",
                    is_verified=verified,
                    verified_at=self.now - datetime.timedelta(days=900) if verified else None,
                )
            )
        self.organisations = self.insert(Organisation, rows)
        self.senders = self.organisations[: self.volume.programmes]
        self.hosts = [
            org for org in self.organisations[self.volume.programmes :] if org.is_verified
        ]

    def user(self, email: str, name: str, index: int, **fields) -> User:
        return User(
            email=email,
            name=name,
            password=self.password,
            time_zone=TIME_ZONES[index % len(TIME_ZONES)],
            preferred_language="zh-hans" if index % 5 == 0 else "en",
            # Known password, like the demo's: exempt from required two-factor authentication.
            is_demo=True,
            date_joined=self.now - datetime.timedelta(days=400 + index % 500),
            **fields,
        )

    def seed_people(self) -> None:
        coordinators = [
            self.user(
                f"coordinator{index + 1:03d}@{EMAIL_DOMAIN}", f"Coordinator {index + 1}", index
            )
            for index in range(self.volume.programmes * 3)
        ]
        # Each organisation has 1–6 members, the larger ones more.
        member_counts = [
            1 + min(5, int(6 * weight)) for weight in zipf_weights(len(self.hosts), 0.7)
        ]
        partners = [
            self.user(
                f"partner{index + 1:04d}@{EMAIL_DOMAIN}", f"Partner member {index + 1}", index
            )
            for index in range(sum(member_counts))
        ]
        volunteers = [
            self.user(f"volunteer{index + 1:05d}@{EMAIL_DOMAIN}", f"Volunteer {index + 1}", index)
            for index in range(self.volume.volunteers)
        ]
        everyone = self.insert(User, coordinators + partners + volunteers)
        self.insert(
            EmailAddress,
            [
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in everyone
            ],
        )
        self.coordinators, self.volunteers = coordinators, volunteers
        self.seed_memberships(partners, member_counts)
        self.seed_profiles(volunteers)

    def seed_memberships(self, partners: list[User], member_counts: list[int]) -> None:
        rows = []
        self.reviewers: dict[int, list[User]] = {}
        self.supervisors: dict[int, list[User]] = {}
        people = iter(partners)
        for organisation, count in zip(self.hosts, member_counts, strict=True):
            for position in range(count):
                # The first member does everything; the others share the work.
                roles = {
                    "is_admin": position == 0,
                    "is_reviewer": position == 0 or position % 2 == 1,
                    "is_supervisor": position == 0 or position % 2 == 0,
                }
                member = next(people)
                rows.append(Membership(user=member, organisation=organisation, **roles))
                if roles["is_reviewer"]:
                    self.reviewers.setdefault(organisation.pk, []).append(member)
                if roles["is_supervisor"]:
                    self.supervisors.setdefault(organisation.pk, []).append(member)
        self.insert(Membership, rows)
        self.admins = {row.organisation_id: row.user for row in rows if row.is_admin}

    def seed_profiles(self, volunteers: list[User]) -> None:
        levels = LanguageLevel.values
        profiles = [
            VolunteerProfile(
                user=user,
                date_of_birth=datetime.date(1975 + index % 30, 1 + index % 12, 1 + index % 28),
                city="Beijing",
                field_of_study="Education",
                availability_from=self.today,
                availability_months=6 + index % 7,
                consent_given_at=self.now - datetime.timedelta(days=300),
            )
            for index, user in enumerate(volunteers)
        ]
        self.insert(VolunteerProfile, profiles)
        through = VolunteerProfile.skills.through
        skill_rows, language_rows = [], []
        for index, profile in enumerate(profiles):
            for skill in self.random.sample(self.skills, 1 + index % 3):
                skill_rows.append(through(volunteerprofile_id=profile.pk, skill_id=skill.pk))
            language_rows.append(VolunteerLanguage(profile=profile, language="zh", level="native"))
            language_rows.append(
                VolunteerLanguage(profile=profile, language="en", level=levels[index % 6])
            )
        self.insert(through, skill_rows)
        self.insert(VolunteerLanguage, language_rows)

    # Programmes and projects ------------------------------------------------------------

    def seed_programmes(self) -> None:
        self.programmes = self.insert(
            Programme,
            [
                Programme(
                    name=f"Volume programme {index + 1:03d}",
                    sending_organisation=sender,
                    description="A sending programme made by seed_demo for measuring the portal.",
                    blind_review=index % 2 == 0,
                )
                for index, sender in enumerate(self.senders)
            ],
        )
        through = Programme.coordinators.through
        rows = []
        self.coordinators_of: dict[int, list[User]] = {}
        # The largest programme has the most coordinators (three), the smallest one.
        for index, programme in enumerate(self.programmes):
            team = self.coordinators[index * 3 : index * 3 + (3 if index < 3 else 1 + index % 2)]
            self.coordinators_of[programme.pk] = team
            rows += [through(programme_id=programme.pk, user_id=user.pk) for user in team]
        self.insert(through, rows)
        # The organisations were registered on the portal by the largest programme's team.
        Organisation.objects.filter(pk__in=[org.pk for org in self.organisations]).update(
            created_by=self.coordinators[0]
        )

    def seed_projects(self) -> None:
        programme_of = self.random.choices(
            self.programmes, zipf_weights(len(self.programmes)), k=self.volume.projects
        )
        host_of = self.random.choices(
            self.hosts, zipf_weights(len(self.hosts)), k=self.volume.projects
        )
        # Most projects run; every state is present.
        statuses = self.random.choices(
            ProjectStatus.values, weights=(4, 4, 6, 20, 55, 8, 3), k=self.volume.projects
        )
        statuses[: len(ProjectStatus.values)] = ProjectStatus.values
        projects = []
        for index, (programme, host, status) in enumerate(
            zip(programme_of, host_of, statuses, strict=True)
        ):
            theme = PROJECT_THEMES[index % len(PROJECT_THEMES)][0]
            starts = self.today - datetime.timedelta(days=self.random.randint(-90, 900))
            projects.append(
                Project(
                    programme=programme,
                    title=f"{theme} {index + 1:04d}",
                    host_country=host.country,
                    region=f"Region {index % 7 + 1}",
                    city=host.city,
                    latitude=Decimal("27.7") + Decimal(index % 100) / 100,
                    longitude=Decimal("85.3") + Decimal(index % 100) / 100,
                    host_partner=host,
                    summary=f"{theme}, asked for by the host community.",
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=1100),
                    status=status,
                    created_by=self.coordinators_of[programme.pk][0],
                    created_at=at_noon(starts - datetime.timedelta(days=120)),
                    updated_at=self.now,
                )
            )
        self.projects = self.insert(Project, projects)
        self.seed_project_details()

    def seed_project_details(self) -> None:
        sdg_rows, partner_rows, assessments, indicators, changes = [], [], [], [], []
        partnerships: dict[tuple[int, int], Partnership] = {}
        order = ProjectStatus.values
        for index, project in enumerate(self.projects):
            sdg = PROJECT_THEMES[index % len(PROJECT_THEMES)][1]
            sdg_rows.append(
                Project.sdgs.through(project_id=project.pk, sustainabledevelopmentgoal_id=sdg)
            )
            programme = project.programme
            partner_rows += [
                ProjectPartner(
                    project=project,
                    organisation_id=programme.sending_organisation_id,
                    role=PartnerRole.EXTENDING,
                ),
                ProjectPartner(
                    project=project,
                    organisation=project.host_partner,
                    role=PartnerRole.IMPLEMENTING,
                ),
            ]
            key = (programme.pk, project.host_partner_id)
            if key not in partnerships:
                partnerships[key] = Partnership(
                    programme=programme,
                    organisation=project.host_partner,
                    status=PartnershipStatus.ACTIVE,
                    proposed_by=self.coordinators_of[programme.pk][0],
                    proposed_at=project.created_at - datetime.timedelta(days=30),
                    accepted_by=self.admins[project.host_partner_id],
                    accepted_at=project.created_at - datetime.timedelta(days=20),
                )
            coordinator = self.coordinators_of[programme.pk][0]
            path = self.project_path(project.status)
            for step, (source, target) in enumerate(itertools.pairwise(path)):
                changes.append(
                    ProjectStatusChange(
                        project=project,
                        from_status=source,
                        to_status=target,
                        changed_by=coordinator,
                        changed_at=project.created_at + datetime.timedelta(days=20 * (step + 1)),
                    )
                )
            if project.status == ProjectStatus.PROPOSED:
                continue
            signed = order.index(project.status) >= order.index(ProjectStatus.APPROVED)
            admin = self.admins[project.host_partner_id]
            assessments.append(
                NeedsAssessment(
                    project=project,
                    requested_by=project.host_partner,
                    community_consulted="Village committee, teachers and parents.",
                    needs_found="Teachers and health workers for the community.",
                    priority=Priority.values[index % 3],
                    expected_beneficiaries=100 + index % 900,
                    assessed_by="The host partner with the programme coordinator",
                    assessed_on=project.starts_on - datetime.timedelta(days=100),
                    signed_off_by=admin if signed else None,
                    signed_off_at=project.created_at + datetime.timedelta(days=30)
                    if signed
                    else None,
                )
            )
            indicators.append(
                Indicator(
                    project=project,
                    name="People reached",
                    unit="people",
                    baseline=0,
                    target=500,
                    source="beneficiaries",
                )
            )
        self.insert(Project.sdgs.through, sdg_rows)
        self.insert(ProjectPartner, partner_rows)
        self.insert(NeedsAssessment, assessments)
        self.insert(Indicator, indicators)
        self.insert(ProjectStatusChange, changes)
        self.seed_partnerships(partnerships)

    def project_path(self, status: str) -> list[str]:
        P = ProjectStatus
        if status == P.CANCELLED:
            return [P.PROPOSED, P.NEEDS_ASSESSMENT, P.CANCELLED]
        main = [P.PROPOSED, P.NEEDS_ASSESSMENT, P.APPROVED, P.RECRUITING, P.ACTIVE, P.COMPLETED]
        return main[: main.index(status) + 1]

    def seed_partnerships(self, active: dict[tuple[int, int], Partnership]) -> None:
        rows = list(active.values())
        # Besides the working ones: proposals waiting for an answer and ended partnerships,
        # with organisations the programme does not work with.
        idle = [
            (programme, organisation)
            for organisation, programme in zip(
                self.hosts, itertools.cycle(reversed(self.programmes)), strict=False
            )
            if (programme.pk, organisation.pk) not in active
        ]
        for index, (programme, organisation) in enumerate(idle[: max(2, len(self.hosts) // 7)]):
            coordinator = self.coordinators_of[programme.pk][0]
            ended = index % 2 == 1
            rows.append(
                Partnership(
                    programme=programme,
                    organisation=organisation,
                    status=PartnershipStatus.ENDED if ended else PartnershipStatus.PROPOSED,
                    message="Would you host volunteers with us?",
                    proposed_by=coordinator,
                    proposed_at=self.now - datetime.timedelta(days=60 + index),
                    ended_by=coordinator if ended else None,
                    ended_at=self.now - datetime.timedelta(days=10) if ended else None,
                    end_reason="The programme moved to another region." if ended else "",
                )
            )
        self.insert(Partnership, rows)

    # Opportunities and applications --------------------------------------------------------

    def seed_opportunities(self) -> None:
        open_statuses = (ProjectStatus.APPROVED, ProjectStatus.RECRUITING, ProjectStatus.ACTIVE)
        ready = [p for p in self.projects if p.status in open_statuses]
        done = [p for p in self.projects if p.status == ProjectStatus.COMPLETED]
        weights = zipf_weights(len(ready), 0.8)
        opportunities, self.phase = [], {}
        for index in range(self.volume.opportunities):
            # Phases: still to start (recruiting), under way, or over within the last year.
            phase = ("future", "current", "current", "past", "future", "current", "past")[index % 7]
            if phase == "past" and done and index % 3 == 0:
                project = self.random.choice(done)
            else:
                project = self.random.choices(ready, weights)[0]
            months = 6 + index % 7
            length = months * 30
            if phase == "future":
                starts = self.today + datetime.timedelta(days=self.random.randint(20, 150))
            elif phase == "current":
                starts = self.today - datetime.timedelta(days=self.random.randint(10, length - 20))
            else:
                ended = self.today - datetime.timedelta(days=self.random.randint(5, 340))
                starts = ended - datetime.timedelta(days=length)
            draft = phase == "future" and index % 29 == 0
            title, skill = ROLES[index % len(ROLES)], self.skills[index % len(self.skills)]
            deadline = at_noon(starts - datetime.timedelta(days=15))
            opportunity = Opportunity(
                project=project,
                title=f"{title} ({index + 1:04d})",
                description=f"{title} for {project.title}: work with local colleagues.",
                seats=1,
                duration_months=months,
                starts_on=starts,
                application_deadline=deadline,
                questions="Why this community?\nWhat have you taught before?",
                status=OpportunityStatus.DRAFT if draft else OpportunityStatus.OPEN,
                published_at=None if draft else deadline - datetime.timedelta(days=90),
                created_at=deadline - datetime.timedelta(days=100),
                updated_at=self.now,
            )
            opportunity.skill = skill
            self.phase[index] = "draft" if draft else phase
            opportunities.append(opportunity)
        # Seats and status follow the applications; set before the insert.
        self.opportunities = opportunities

    def seed_applications(self) -> None:
        published = [
            (index, opp)
            for index, opp in enumerate(self.opportunities)
            if self.phase[index] != "draft"
        ]
        popularity = zipf_weights(len(published), 0.6)
        counts = share(self.volume.applications, popularity, minimum=1)
        placements_share = share(self.volume.placements, popularity, cap=MAX_PLACEMENTS)
        volunteer_weights = list(itertools.accumulate(zipf_weights(len(self.volunteers), 0.4)))
        placed: set[int] = set()
        plans = []  # (opportunity, [(volunteer, status)])
        for (index, opportunity), count, accepted in zip(
            published, counts, placements_share, strict=True
        ):
            phase = self.phase[index]
            chosen: dict[int, User] = {}
            while len(chosen) < min(count, len(self.volunteers)):
                volunteer = self.random.choices(self.volunteers, cum_weights=volunteer_weights)[0]
                chosen.setdefault(volunteer.pk, volunteer)
            people = list(chosen.values())
            accepted = min(accepted, len(people))
            # Each volunteer serves in at most one placement.
            takers = [v for v in people if v.pk not in placed][:accepted]
            placed.update(v.pk for v in takers)
            others = [v for v in people if v not in takers]
            statuses = [(v, AS.ACCEPTED) for v in takers]
            if phase == "future":
                pool = (
                    AS.DRAFT,
                    AS.SUBMITTED,
                    AS.SCREENING,
                    AS.PARTNER_REVIEW,
                    AS.SHORTLISTED,
                    AS.OFFERED,
                    AS.REJECTED,
                    AS.WITHDRAWN,
                    AS.DECLINED,
                )
                weights = (4, 20, 15, 18, 8, 3, 18, 8, 2)
            else:
                pool = (AS.REJECTED, AS.WITHDRAWN, AS.DECLINED)
                weights = (70, 22, 8)
            # Offers hold seats, and an opportunity has at most MAX_SEATS.
            room = MAX_SEATS - len(takers)
            for volunteer in others:
                status = self.pick(phase, pool, weights)
                if status == AS.OFFERED:
                    room -= 1
                    status = AS.OFFERED if room >= 0 else AS.SHORTLISTED
                statuses.append((volunteer, status))
            offered = sum(1 for _, status in statuses if status == AS.OFFERED)
            spare_seats = self.random.randint(0, 2)
            opportunity.seats = min(MAX_SEATS, max(1, len(takers) + offered + spare_seats))
            if phase == "past" or len(takers) + offered >= opportunity.seats:
                opportunity.seats = max(1, len(takers) + offered)
            if takers and len(takers) >= opportunity.seats:
                opportunity.status = OpportunityStatus.FILLED
            elif phase != "future" or index % 5 == 0:
                opportunity.status = OpportunityStatus.CLOSED
            plans.append((opportunity, statuses))
        self.insert(Opportunity, self.opportunities)
        self.seed_opportunity_details()
        self.write_applications(plans)

    def seed_opportunity_details(self) -> None:
        skill_rows, languages, changes = [], [], []
        for opportunity in self.opportunities:
            skill_rows.append(
                Opportunity.skills.through(
                    opportunity_id=opportunity.pk, skill_id=opportunity.skill.pk
                )
            )
            languages.append(
                OpportunityLanguage(opportunity=opportunity, language="en", minimum_level="B1")
            )
            if opportunity.status == OpportunityStatus.DRAFT:
                continue
            coordinator = self.coordinators_of[opportunity.project.programme_id][0]
            changes.append(
                OpportunityStatusChange(
                    opportunity=opportunity,
                    from_status=OpportunityStatus.DRAFT,
                    to_status=OpportunityStatus.OPEN,
                    changed_by=coordinator,
                    changed_at=opportunity.published_at,
                )
            )
            if opportunity.status != OpportunityStatus.OPEN:
                changes.append(
                    OpportunityStatusChange(
                        opportunity=opportunity,
                        from_status=OpportunityStatus.OPEN,
                        to_status=opportunity.status,
                        changed_by=coordinator,
                        changed_at=opportunity.application_deadline,
                    )
                )
        self.insert(Opportunity.skills.through, skill_rows)
        self.insert(OpportunityLanguage, languages)
        self.insert(OpportunityStatusChange, changes)

    PATHS = {
        AS.DRAFT: [AS.DRAFT],
        AS.SUBMITTED: [AS.DRAFT, AS.SUBMITTED],
        AS.SCREENING: [AS.DRAFT, AS.SUBMITTED, AS.SCREENING],
        AS.PARTNER_REVIEW: [AS.DRAFT, AS.SUBMITTED, AS.SCREENING, AS.PARTNER_REVIEW],
        AS.SHORTLISTED: [AS.DRAFT, AS.SUBMITTED, AS.SCREENING, AS.PARTNER_REVIEW, AS.SHORTLISTED],
    }
    PATHS[AS.OFFERED] = [*PATHS[AS.SHORTLISTED], AS.OFFERED]
    PATHS[AS.ACCEPTED] = [*PATHS[AS.OFFERED], AS.ACCEPTED]
    PATHS[AS.DECLINED] = [*PATHS[AS.OFFERED], AS.DECLINED]
    VOLUNTEER_STEPS = (AS.SUBMITTED, AS.ACCEPTED, AS.DECLINED, AS.WITHDRAWN)

    def application_path(self, status: str) -> list[str]:
        if status in self.PATHS:
            return self.PATHS[status]
        # Rejected or withdrawn from some open state along the way.
        stops = (AS.SUBMITTED, AS.SCREENING, AS.PARTNER_REVIEW, AS.SHORTLISTED)
        if status == AS.WITHDRAWN:
            stops = (AS.DRAFT, *stops)
        return [*self.PATHS[self.random.choice(stops)], status]

    def write_applications(self, plans) -> None:
        applications, paths = [], []
        for opportunity, statuses in plans:
            opened = opportunity.published_at
            for volunteer, status in statuses:
                path = self.application_path(status)
                created = min(
                    self.now - datetime.timedelta(hours=1),
                    opened + datetime.timedelta(hours=self.random.randint(1, 24 * 60)),
                )
                # Steps a week apart, and none after today.
                steps = [
                    min(self.now, created + datetime.timedelta(days=7 * step))
                    for step in range(len(path))
                ]
                applications.append(
                    Application(
                        volunteer=volunteer,
                        opportunity=opportunity,
                        motivation="I taught in rural schools and want to serve abroad.",
                        answers={},
                        status=status,
                        rejection_reason="Another candidate fits the role better."
                        if status == AS.REJECTED
                        else "",
                        submitted_at=steps[1] if AS.SUBMITTED in path else None,
                        status_changed_at=steps[-1],
                        created_at=created,
                        updated_at=steps[-1],
                    )
                )
                paths.append((path, steps))
        self.insert(Application, applications)
        self.applications = applications
        events, releases, assignments, reviews = [], [], [], []
        for application, (path, steps) in zip(applications, paths, strict=True):
            project = application.opportunity.project
            coordinator = self.coordinators_of[project.programme_id][0]
            for (source, target), at in zip(itertools.pairwise(path), steps[1:], strict=True):
                events.append(
                    ApplicationEvent(
                        application=application,
                        from_status=source,
                        to_status=target,
                        actor=application.volunteer
                        if target in self.VOLUNTEER_STEPS
                        else coordinator,
                        note=application.rejection_reason if target == AS.REJECTED else "",
                        created_at=at,
                    )
                )
            if AS.PARTNER_REVIEW not in path:
                continue
            released_at = steps[path.index(AS.PARTNER_REVIEW)]
            host = project.host_partner_id
            reviewer = self.random.choice(self.reviewers[host][:2])
            releases.append(
                ApplicationRelease(
                    application=application,
                    organisation_id=host,
                    released_by=coordinator,
                    released_at=released_at,
                )
            )
            assignments.append(
                ReviewAssignment(
                    application=application,
                    reviewer=reviewer,
                    organisation_id=host,
                    assigned_by=coordinator,
                    assigned_at=released_at,
                )
            )
            # Beyond partner review, the review was done; in it, about half are waiting.
            if application.status == AS.PARTNER_REVIEW and self.random.random() < 0.5:
                continue
            conflicted = self.random.random() < 0.03
            score = None if conflicted else self.random.randint(2, 5)
            reviews.append(
                Review(
                    application=application,
                    reviewer=reviewer,
                    organisation_id=host,
                    skills_fit=score,
                    language=score,
                    motivation=score,
                    intercultural_readiness=score,
                    recommendation=""
                    if conflicted
                    else Recommendation.values[(5 - score) % len(Recommendation.values)],
                    comment="" if conflicted else "Good classroom experience.",
                    conflict_of_interest=conflicted,
                    submitted_at=min(self.now, released_at + datetime.timedelta(days=3)),
                )
            )
        self.insert(ApplicationEvent, events)
        self.insert(ApplicationRelease, releases)
        self.insert(ReviewAssignment, assignments)
        self.insert(Review, reviews)

    # Placements and field work ---------------------------------------------------------------

    def seed_placements(self) -> None:
        placements, events, items = [], [], []
        for application in self.applications:
            if application.status != AS.ACCEPTED:
                continue
            opportunity = application.opportunity
            project = opportunity.project
            start = opportunity.starts_on
            planned_end = add_months(start, opportunity.duration_months)
            supervisors = self.supervisors[project.host_partner_id]
            actual_start = actual_end = None
            if start > self.today:
                status = self.pick("future", (PS.CANCELLED, PS.PRE_DEPARTURE), (1, 9))
            else:
                actual_start = start + datetime.timedelta(days=self.random.randint(0, 3))
                actual_start = min(actual_start, self.today)
                if planned_end < self.today:
                    status = self.pick("over", (PS.ENDED_EARLY, PS.COMPLETED), (15, 85))
                else:
                    status = self.pick("under way", (PS.ENDED_EARLY, PS.IN_COUNTRY), (8, 92))
                if status == PS.COMPLETED:
                    actual_end = planned_end
                elif status == PS.ENDED_EARLY:
                    last = min(planned_end, self.today) - datetime.timedelta(days=1)
                    actual_end = max(
                        actual_start,
                        actual_start
                        + datetime.timedelta(
                            days=self.random.randint(0, max(0, (last - actual_start).days))
                        ),
                    )
            placements.append(
                Placement(
                    application=application,
                    volunteer=application.volunteer,
                    project=project,
                    opportunity=opportunity,
                    planned_start=start,
                    planned_end=planned_end,
                    actual_start=actual_start,
                    actual_end=actual_end,
                    host_supervisor=supervisors[0],
                    duty_station=", ".join(filter(None, [project.city, project.region])),
                    status=status,
                    lessons_learned="Learn the language before you go."
                    if status == PS.COMPLETED
                    else "",
                    lessons_submitted_at=at_noon(actual_end) if status == PS.COMPLETED else None,
                    created_at=application.status_changed_at,
                    updated_at=self.now,
                )
            )
        self.insert(Placement, placements)
        for placement in placements:
            coordinator = self.coordinators_of[placement.project.programme_id][0]
            went = placement.actual_start is not None
            for position, kind in enumerate(PreDepartureItemKind.values):
                cleared = went or position % 3 != 0
                items.append(
                    PreDepartureItem(
                        placement=placement,
                        item=kind,
                        status=(
                            PreDepartureStatus.WAIVED if position == 6 else PreDepartureStatus.DONE
                        )
                        if cleared
                        else PreDepartureStatus.PENDING,
                        updated_by=coordinator if cleared else None,
                    )
                )
            steps = {
                PS.IN_COUNTRY: [(PS.PRE_DEPARTURE, PS.IN_COUNTRY, placement.actual_start)],
                PS.CANCELLED: [(PS.PRE_DEPARTURE, PS.CANCELLED, self.today)],
            }
            path = steps.get(placement.status, [])
            if placement.status in (PS.COMPLETED, PS.ENDED_EARLY):
                path = [
                    *steps[PS.IN_COUNTRY],
                    (PS.IN_COUNTRY, placement.status, placement.actual_end),
                ]
            for source, target, day in path:
                events.append(
                    PlacementEvent(
                        placement=placement,
                        from_status=source,
                        to_status=target,
                        actor=coordinator,
                        effective_on=day,
                        note="Visa refused." if target == PS.CANCELLED else "",
                        created_at=at_noon(day),
                    )
                )
        self.insert(PreDepartureItem, items)
        self.insert(PlacementEvent, events)
        self.placements = placements

    def field_days(self, placement: Placement) -> list[datetime.date]:
        """The days of the last twelve months this placement was in the field."""
        if placement.actual_start is None:
            return []
        first = max(placement.actual_start, self.today - datetime.timedelta(days=LOG_HISTORY_DAYS))
        last = min(placement.actual_end or self.today, self.today)
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    def seed_field_work(self) -> None:
        days = {placement.pk: self.field_days(placement) for placement in self.placements}
        available = sum(len(each) for each in days.values()) or 1
        log_rate = min(1.0, self.volume.activity_logs / available)
        in_country = [p for p in self.placements if p.status == PS.IN_COUNTRY]
        check_in_days = sum(len(days[p.pk]) for p in in_country) or 1
        check_in_rate = min(1.0, self.volume.check_ins / check_in_days)
        logs, check_ins, reports, appraisals = [], [], [], []
        types = ActivityType.values
        for placement in self.placements:
            coordinator = self.coordinators_of[placement.project.programme_id][0]
            for day in days[placement.pk]:
                if self.random.random() < log_rate:
                    logs.append(self.activity_log(placement, day, coordinator, types))
                if placement.status == PS.IN_COUNTRY and self.random.random() < check_in_rate:
                    check_ins.append(self.check_in(placement, day))
            months = sorted({month_start(day) for day in days[placement.pk]})
            # The month under way is reported next month.
            for month in months:
                if add_months(month, 1) <= self.today:
                    reports.append(
                        MonthlyReport(
                            placement=placement,
                            month=month,
                            achievements="Classes held as planned; a new reading corner.",
                            challenges="Heavy rain closed the road for a week."
                            if month.month in (7, 8)
                            else "",
                            submitted_at=at_noon(add_months(month, 1)),
                        )
                    )
            if placement.status in (PS.COMPLETED, PS.ENDED_EARLY) and placement.pk % 3:
                appraisals.append(
                    Appraisal(
                        placement=placement,
                        appraised_by=placement.host_supervisor,
                        performance=4,
                        collaboration=5,
                        cultural_adaptation=4,
                        impact=4,
                        strengths="Prepared every lesson with the local teachers.",
                        submitted_at=at_noon(placement.actual_end),
                    )
                )
            if len(logs) >= BATCH * 4:
                self.insert(ActivityLog, logs)
                logs = []
        self.insert(ActivityLog, logs)
        self.insert(CheckIn, check_ins)
        self.insert(MonthlyReport, reports)
        self.insert(Appraisal, appraisals)

    def seed_notifications(self) -> None:
        """Each application's latest step told to its volunteer. A third of the volunteers
        take these in a daily digest and a third in a weekly one; what is older than two weeks
        was read (and mailed), the rest waits, unread and for its digest."""
        frequencies = (EmailFrequency.IMMEDIATE, EmailFrequency.DAILY, EmailFrequency.WEEKLY)
        frequency_of = {
            volunteer.pk: frequencies[index % 3] for index, volunteer in enumerate(self.volunteers)
        }
        recent = self.now - datetime.timedelta(days=14)
        rows = []
        for application in self.applications:
            if application.status == AS.DRAFT:
                continue
            at = application.status_changed_at
            frequency = frequency_of[application.volunteer_id]
            waiting = at >= recent
            rows.append(
                Notification(
                    recipient_id=application.volunteer_id,
                    kind=NotificationKind.APPLICATION,
                    subject=f"Your application for “{application.opportunity.title}”: "
                    f"{AS(application.status).label}",
                    link=reverse("deployments:application-detail", args=[application.pk]),
                    created_at=at,
                    read_at=None if waiting else at + datetime.timedelta(hours=5),
                    email_frequency=frequency,
                    emailed_at=None
                    if waiting and frequency != EmailFrequency.IMMEDIATE
                    else at + datetime.timedelta(hours=1),
                )
            )
        self.insert(Notification, rows)
        self.insert(
            NotificationPreference,
            [
                NotificationPreference(
                    user_id=user_id,
                    kind=NotificationKind.APPLICATION,
                    channel=Channel.BOTH,
                    email_frequency=frequency,
                )
                for user_id, frequency in frequency_of.items()
                if frequency != EmailFrequency.IMMEDIATE
            ],
        )

    def activity_log(self, placement, day, coordinator, types) -> ActivityLog:
        age = (self.today - day).days
        draw = self.random.random()
        if age < 14:
            status = LS.SUBMITTED if draw < 0.7 else LS.RETURNED if draw < 0.75 else LS.APPROVED
        else:
            status = LS.APPROVED if draw < 0.96 else LS.RETURNED if draw < 0.98 else LS.SUBMITTED
        reviewed = status != LS.SUBMITTED
        written = at_noon(day) + datetime.timedelta(hours=6)
        reviewed_at = min(self.now, written + datetime.timedelta(days=2))
        verified = reviewed and placement.pk % 2 == 0
        return ActivityLog(
            placement=placement,
            date=day,
            # One log a day of at most ten hours: a day never exceeds 24.
            hours=Decimal(self.random.randint(10, 100)) / 10,
            activity_type=types[day.toordinal() % len(types)],
            description="Taught two classes and prepared materials with the local teachers.",
            sdg_id=4,
            women=self.random.randint(0, 15),
            men=self.random.randint(0, 10),
            girls=self.random.randint(0, 20),
            boys=self.random.randint(0, 20),
            place=placement.duty_station,
            status=status,
            reviewed_by=coordinator if reviewed else None,
            reviewed_at=reviewed_at if reviewed else None,
            review_comment="Please add how many pupils came." if status == LS.RETURNED else "",
            verified_by=placement.host_supervisor if verified else None,
            verified_at=reviewed_at if verified else None,
            created_at=written,
            updated_at=reviewed_at if reviewed else written,
        )

    def check_in(self, placement, day) -> CheckIn:
        status = self.pick(
            "check-in",
            (CheckInStatus.EMERGENCY, CheckInStatus.NEEDS_SUPPORT, CheckInStatus.OK),
            (0.5, 3.5, 96),
        )
        created_at = min(self.now, at_noon(day) + datetime.timedelta(hours=2))
        check_in = CheckIn(
            placement=placement,
            status=status,
            note="" if status == CheckInStatus.OK else "The road to the school is flooded.",
            created_at=created_at,
        )
        if status == CheckInStatus.EMERGENCY:
            self.answer_emergency(check_in, placement)
        return check_in

    def answer_emergency(self, check_in, placement) -> None:
        """An emergency of the last two days may still be open, of the last week acknowledged;
        older ones were resolved, as the coordinators' action panel expects."""
        age = self.now - check_in.created_at
        if age < datetime.timedelta(days=2):
            check_in.response = CheckInResponse.OPEN
            return
        answerer = placement.host_supervisor
        check_in.acknowledged_by = answerer
        check_in.acknowledged_at = check_in.created_at + datetime.timedelta(hours=1)
        if age < datetime.timedelta(days=7):
            check_in.response = CheckInResponse.ACKNOWLEDGED
            return
        check_in.response = CheckInResponse.RESOLVED
        check_in.resolved_by = answerer
        check_in.resolved_at = check_in.created_at + datetime.timedelta(days=1)
        check_in.resolution_note = "The supervisor drove out; the road is open again."

    # What the run made ---------------------------------------------------------------------

    def report(self) -> list[tuple[str, int]]:
        return sorted(self.made.items(), key=lambda item: -item[1])

    def placements_by_status(self) -> str:
        return ", ".join(
            f"{status} {n}"
            for status, n in Counter(p.status for p in self.placements).most_common()
        )

    def applications_by_status(self) -> str:
        return ", ".join(
            f"{status} {n}"
            for status, n in Counter(a.status for a in self.applications).most_common()
        )


def busiest_accounts() -> dict[str, User]:
    """The people whose pages have the most to show, for measuring them: the coordinator
    with the most placements, the partner admin and reviewer whose organisation received the
    most applications for review, and the volunteer in country with the most logs."""
    volume = Q(email__endswith=f"@{EMAIL_DOMAIN}")
    return {
        "coordinator": User.objects.filter(volume)
        .annotate(placement_count=Count("coordinated_programmes__projects__placements"))
        .order_by("-placement_count", "pk")
        .first(),
        "partner": User.objects.filter(
            volume, memberships__is_admin=True, memberships__is_reviewer=True
        )
        .annotate(released_count=Count("memberships__organisation__released_applications"))
        .order_by("-released_count", "pk")
        .first(),
        "volunteer": User.objects.filter(volume, placements__status=PS.IN_COUNTRY)
        .annotate(log_count=Count("placements__activity_logs"))
        .order_by("-log_count", "pk")
        .first(),
    }
