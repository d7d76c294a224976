"""Files made from the season plan for other programs: the iCalendar file (``ics``)."""
