import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# An IATI organisation identifier: a registration agency prefix (e.g. CN-USC, NP-SWC,
# XI-IATI) followed by the organisation's number in that registry.
validate_iati_organisation_identifier = RegexValidator(
    regex=r"^[A-Z]{2}-[A-Z0-9]{2,}-[A-Za-z0-9./_-]+$",
    message=_(
        "Enter an IATI organisation identifier: an agency prefix such as CN-USC or XI-IATI, "
        "a hyphen and the registration number, e.g. XI-IATI-BVF01."
    ),
)


def normalise_name(name: str) -> str:
    """The name as compared and stored: NFKC-normalised, without invisible or control
    characters, with runs of white space as one space.

    Otherwise a full-width copy or one with a zero-width space would register as a second,
    distinct organisation beside the verified one.
    """
    composed = unicodedata.normalize("NFKC", name or "")
    # Cc: control characters; Cf: formatting ones such as zero-width spaces and joiners.
    visible = "".join(
        " " if char.isspace() else char
        for char in composed
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf")
    )
    return " ".join(visible.split())
