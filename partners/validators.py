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
