"""How Cairn writes dates: in full, as GOV.UK style asks ("5 January 2026", never "05/01/26")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
