"""Demo volunteers with complete profiles and CVs, and applications in every state.

Everything goes through the services, so the demo's histories, reviews, notifications and
placements are the ones the portal itself would have made.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from deployments import services
from deployments.enums import ApplicationStatus
from deployments.models import Application, Opportunity
from partners.models import Organisation
from users.models import User
from volunteers.enums import DocumentKind, EducationLevel, LanguageLevel
from volunteers.models import VolunteerProfile
from volunteers.services import document_upload, profile_save

AS = ApplicationStatus

# email, name, name in native script, skills, opportunity title, the state to reach
VOLUNTEERS = (
    (
        "zhang.hua@demo.example",
        "Zhang Hua",
        "张华",
        ("Teaching", "English"),
        "English teacher, grades 6 to 8",
        AS.OFFERED,
    ),
    (  # the demo applicant: released to the partner, who has not reviewed it yet
        "applicant@demo.example",
        "Chen Jing",
        "陈静",
        ("Teaching", "Mathematics"),
        "Mathematics teacher, grades 6 to 8",
        AS.PARTNER_REVIEW,
    ),
    (
        "zhao.lei@demo.example",
        "Zhao Lei",
        "赵磊",
        ("Teaching", "English"),
        "English teacher, grades 6 to 8",
        AS.PARTNER_REVIEW,
    ),
    (
        "liu.yang@demo.example",
        "Liu Yang",
        "刘洋",
        ("English",),
        "English teacher, grades 6 to 8",
        AS.SHORTLISTED,
    ),
    (
        "sun.mei@demo.example",
        "Sun Mei",
        "孙梅",
        ("Public health", "Nursing"),
        "Community health educator",
        AS.SCREENING,
    ),
    (
        "zhou.qiang@demo.example",
        "Zhou Qiang",
        "周强",
        ("Mathematics",),
        "Mathematics teacher, grades 6 to 8",
        AS.SUBMITTED,
    ),
    (
        "wu.xia@demo.example",
        "Wu Xia",
        "吴霞",
        ("Water quality testing", "Data collection"),
        "Environmental monitoring assistant",
        AS.ACCEPTED,
    ),
    (
        "huang.min@demo.example",
        "Huang Min",
        "黄敏",
        ("English",),
        "English teacher, grades 6 to 8",
        AS.REJECTED,
    ),
    (
        "xu.tao@demo.example",
        "Xu Tao",
        "徐涛",
        ("Nursing",),
        "Community health educator",
        AS.WITHDRAWN,
    ),
    (
        "ma.li@demo.example",
        "Ma Li",
        "马丽",
        ("Data collection",),
        "Environmental monitoring assistant",
        AS.DECLINED,
    ),
    (
        "he.ping@demo.example",
        "He Ping",
        "何平",
        ("Mathematics",),
        "Mathematics teacher, grades 6 to 8",
        AS.DRAFT,
    ),
)

# The moves from a draft to each state, and who makes each: (state, by the volunteer?)
PATHS = {
    AS.DRAFT: [],
    AS.SUBMITTED: [(AS.SUBMITTED, True)],
    AS.SCREENING: [(AS.SUBMITTED, True), (AS.SCREENING, False)],
    AS.PARTNER_REVIEW: [(AS.SUBMITTED, True), (AS.SCREENING, False)],  # then released
    AS.SHORTLISTED: [(AS.SUBMITTED, True), (AS.SCREENING, False), (AS.SHORTLISTED, False)],
    AS.OFFERED: [
        (AS.SUBMITTED, True),
        (AS.SCREENING, False),
        (AS.SHORTLISTED, False),
        (AS.OFFERED, False),
    ],
    AS.ACCEPTED: [
        (AS.SUBMITTED, True),
        (AS.SCREENING, False),
        (AS.SHORTLISTED, False),
        (AS.OFFERED, False),
        (AS.ACCEPTED, True),
    ],
    AS.DECLINED: [
        (AS.SUBMITTED, True),
        (AS.SCREENING, False),
        (AS.SHORTLISTED, False),
        (AS.OFFERED, False),
        (AS.DECLINED, True),
    ],
    AS.REJECTED: [(AS.SUBMITTED, True), (AS.SCREENING, False), (AS.REJECTED, False)],
    AS.WITHDRAWN: [(AS.SUBMITTED, True), (AS.WITHDRAWN, True)],
}


def curriculum_vitae(name: str, title: str = "Curriculum vitae") -> bytes:
    """A one-page PDF that says whose CV (or other document) it is, made without any PDF
    library."""
    text = f"{title} - {name}".encode("latin-1", "replace")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return pdf


def volunteer_with_profile(email, name, native, skills) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"name": f"{name} {native}", "time_zone": "Asia/Shanghai", "is_demo": True},
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if VolunteerProfile.objects.filter(user=user).exists():
        return user
    today = timezone.localdate()
    profile_save(
        user=user,
        other_skills=", ".join(skills),
        languages=[("zh", LanguageLevel.NATIVE), ("en", LanguageLevel.C1)],
        consent=True,
        name_native_script=native,
        date_of_birth=datetime.date(1996, 3, 14),
        nationality="CN",
        phone="+86 10 6512 3456",
        city="Beijing",
        country_of_residence="CN",
        education_level=EducationLevel.BACHELOR,
        education="Beijing Normal University, 2018",
        field_of_study="Education",
        experience="Two years of teaching and community volunteering in Yunnan.",
        availability_from=today + datetime.timedelta(days=30),
        availability_months=12,
        preferred_countries=["NP", "MM"],
        emergency_contact_name="Family contact",
        emergency_contact_relation="Parent",
        emergency_contact_phone="+86 10 6512 0000",
    )
    document_upload(
        owner=user,
        kind=DocumentKind.CV,
        file=ContentFile(curriculum_vitae(name), name=f"cv-{name.lower().replace(' ', '-')}.pdf"),
    )
    return user


def seed_applications(accounts, *, news: bool = False) -> None:
    """The applications not made yet: with news, only those just submitted (the coordinator
    has yet to read about them); without, all the others."""
    coordinator, reviewer = accounts["coordinator"], accounts["partner"]
    for email, name, native, skills, title, target in VOLUNTEERS:
        if news != (target == AS.SUBMITTED):
            continue
        volunteer = volunteer_with_profile(email, name, native, skills)
        opportunity = Opportunity.objects.select_related("project__host_partner").get(title=title)
        if Application.objects.filter(volunteer=volunteer, opportunity=opportunity).exists():
            continue
        application = services.application_save_draft(
            volunteer=volunteer,
            opportunity=opportunity,
            motivation=f"I am {name}; I want to serve with {opportunity.project.host_partner}.",
            answers=dict.fromkeys(opportunity.question_list, "From my own experience …"),
        )
        for status, by_volunteer in PATHS[target]:
            application = services.application_transition(
                application=application,
                to_status=status,
                by=volunteer if by_volunteer else coordinator,
                note="Another candidate fitted the school's needs better."
                if status == AS.REJECTED
                else "",
            )
        if target == AS.PARTNER_REVIEW:
            host = Organisation.objects.get(pk=opportunity.project.host_partner_id)
            services.application_release(
                application=application, organisations=[host], reviewers=[reviewer], by=coordinator
            )
            if email.startswith("zhao"):
                services.review_submit(
                    application=application,
                    reviewer=reviewer,
                    skills_fit=4,
                    language=5,
                    motivation=4,
                    intercultural_readiness=4,
                    recommendation="strongly_recommend",
                    comment="Experienced, and ready for large classes.",
                )
