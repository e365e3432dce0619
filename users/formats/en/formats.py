# English dates with the month in words and the day first ("30 Nov 2026"): "11/30/2026"
# reads as 11 November to most of the people the portal serves, and "06/01/2027" as either.
DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
