# Burmese date and number formats (Django ships none), after the Unicode CLDR: "y၊ MMMM d".
# Only ASCII letters are format characters, so the Burmese separator needs no escaping.
DATE_FORMAT = "Y၊ F j"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y၊ F j H:i"
YEAR_MONTH_FORMAT = "Y၊ F"
MONTH_DAY_FORMAT = "F j"
# Short dates name the month too: "30/11/2026" would be a second, ambiguous format.
SHORT_DATE_FORMAT = "Y၊ F j"
SHORT_DATETIME_FORMAT = "Y၊ F j H:i"
FIRST_DAY_OF_WEEK = 0  # Sunday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
