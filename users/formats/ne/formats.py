# Nepali dates (Django ships no formats for `ne`), after the Unicode CLDR: "y MMMM d", the
# month named (in Nepali through the project's catalogue) so that no date reads two ways.
DATE_FORMAT = "Y F j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y F j, H:i"
YEAR_MONTH_FORMAT = "Y F"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "Y F j"
SHORT_DATETIME_FORMAT = "Y F j, H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
