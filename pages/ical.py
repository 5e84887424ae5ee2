"""iCalendar (RFC 5545) pieces every family's feed shares: the portal's PRODID, the public host
that makes UIDs unique, and the grant calls' deadlines calendar.

The calendar's own export (events, their rules and changes, the calendar's feeds) lives with
the calendar app (pages/calendar/ical.py); the centre's bookings and the grant calls' deadlines
use these without depending on it.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from pages.public_urls import site_root_url

PRODID = "-//Portal NGO//Kalendarz wydarzen//PL"
TZID = "Europe/Warsaw"


def public_host():
    """The host of ``BASE_URL`` (else of the default Site): what UIDs are made unique by."""
    base_url = getattr(settings, "BASE_URL", "") or site_root_url()
    return urlsplit(base_url).hostname or "portal.example.org"


def host_of(request):
    """The public host; the request is not consulted, so a UID never follows a Host header."""
    return public_host()


def deadlines_calendar(calls, request, name, language):
    """A VCALENDAR with each grant call's deadline, and an alarm two days before it."""
    from icalendar import Alarm, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    calendar["X-LANGUAGE"] = language
    host = public_host()
    for call in calls:
        event = Event()
        event.add("uid", f"grant-call-{call.translation_key}@{host}")
        event.add("dtstamp", call.last_published_at or timezone.now())
        event.add("summary", call.title)
        deadline = timezone.localtime(call.closes_at, timezone.get_default_timezone())
        event.add("dtstart", deadline)
        event.add("dtend", deadline)
        event.add("url", call.get_full_url(request))
        event.add("description", call.lead)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", call.title)
        alarm.add("trigger", datetime.timedelta(days=-2))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
