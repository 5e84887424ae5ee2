"""Volunteering's public views: the offer listing and its feeds, the application form, and the
volunteer's own page behind the signed link of their confirmation e-mail.

They are routes of VolunteerOfferIndexPage and VolunteerOfferPage (see their @path methods).
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pages.feeds import ListingFeed
from pages.forms import BUSY_MESSAGE
from pages.listing import ListingPaginator, taxonomy_labels
from pages.models import AreaOfPublicBenefit
from pages.models.settings import office_name
from pages.ratelimit import form_rate_limited

from .emails import (
    APPLICATION_LINK_SALT,
    send_application_data,
    send_application_emails,
    send_withdrawal_notice,
)
from .filters import (
    FLAGS,
    MODE_FILTERS,
    SORT_LABELS,
    SORTS,
    OfferFilters,
    base_queryset,
    facets,
)
from .forms import VolunteerApplicationForm, consent_text, duplicate_message
from .models import OfferSchedule, VolunteerApplication

PER_PAGE = 20
FEED_LENGTH = 50
# How long the link in a confirmation e-mail works (seconds); a year by default.
LINK_MAX_AGE = 365 * 24 * 3600


def _filtered(index_page, request):
    areas, districts = taxonomy_labels(index_page.locale)
    filters = OfferFilters.from_request(
        request, set(areas), set(districts), index_page.locale.language_code
    )
    return filters, base_queryset(index_page), areas, districts


def _with_related(queryset):
    return queryset.select_related("organization", "district").prefetch_related(
        Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug"))
    )


def offer_listing(index_page, request):
    filters, base, areas, districts = _filtered(index_page, request)
    offers = filters.apply(base).order_by(*SORTS[filters.sort])
    paginator = ListingPaginator(_with_related(offers), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    office = office_name()
    for offer in page_obj.object_list:
        offer._office_name = office
        offer.area_labels = [areas[a.slug].name for a in offer.areas.all() if a.slug in areas]
        offer.district_label = (
            districts[offer.district.slug].name
            if offer.district_id and offer.district.slug in districts
            else ""
        )
    feed_query = filters.querystring(sort=True)
    context = {
        "filters": filters,
        "facets": facets(lambda skip: filters.apply(base, skip=skip), filters, areas, districts),
        "page_obj": page_obj,
        "offers": page_obj.object_list,
        "querystring": filters.querystring(),
        "sort_choices": [(key, SORT_LABELS[key]) for key in SORTS],
        "active_filters": _active_filters(filters, areas, districts),
        "feed_query": feed_query,
    }
    return index_page.render(request, context_overrides=context)


def _active_filters(filters, areas, districts):
    chips = []
    if filters.q:
        chips.append((f"„{filters.q}”", filters.querystring(q=filters.q)))
    for slug in filters.areas:
        chips.append((areas[slug].name, filters.querystring(area=slug)))
    for slug in filters.districts:
        chips.append((districts[slug].name, filters.querystring(district=slug)))
    for slug in filters.organizations:
        chips.append((slug, filters.querystring(org=slug)))
    if filters.mode:
        chips.append((str(MODE_FILTERS[filters.mode][0]), filters.querystring(mode=True)))
    if filters.schedule:
        chips.append(
            (str(OfferSchedule(filters.schedule).label), filters.querystring(schedule=True))
        )
    if filters.date_from:
        chips.append(
            (
                _("from %(date)s") % {"date": filters.date_from},
                filters.querystring(**{"from": True}),
            )
        )
    if filters.date_to:
        chips.append(
            (_("until %(date)s") % {"date": filters.date_to}, filters.querystring(to=True))
        )
    for flag in filters.flags:
        chips.append((str(FLAGS[flag][1]), filters.querystring(**{flag: True})))
    return chips


class OfferFeed(ListingFeed):
    """New offers matching a set of filters: the newest first, whatever the page's sort."""

    length = FEED_LENGTH
    ordering = SORTS["newest"]
    related = ("organization",)

    def filtered(self, index_page, request):
        filters, base, _areas, _districts = _filtered(index_page, request)
        return filters, base

    def title(self):
        return _("Volunteer offers: %(site)s") % {"site": self.index_page.title}

    def listing_query(self):
        return self.filters.querystring(sort=True)

    def description(self):
        return _("New volunteer offers matching the chosen filters.")

    def item_author_name(self, item):
        return item.organizer_display_name

    def item_categories(self, item):
        return [item.get_mode_display()]


def offer_feed(index_page, request, kind):
    return OfferFeed.response(index_page, request, kind)


def offer_page(offer, request):
    """The offer, with its application form; a POST sends an application."""
    source = offer.source_offer
    closed_reason = source.closed_reason()
    status = 200
    if request.method == "POST" and closed_reason is None:
        form = VolunteerApplicationForm(request.POST, offer=source)
        if form.data.get("website"):
            # A bot filled in the hidden field: answer as if all went well, store nothing.
            return offer.render(
                request,
                template="ngo_volunteering/application_sent.html",
                context_overrides={"email": ""},
            )
        message = _("Too many applications from your connection. Try again in an hour.")
        if form_rate_limited(request, "volunteer-application", form, message):
            status = 429
        elif form.is_valid():
            application = _save_application(form, source, request)
            if application is not None:
                return offer.render(
                    request,
                    template="ngo_volunteering/application_sent.html",
                    context_overrides={"email": application.email},
                )
        if status == 200:
            status = 400
    elif request.method == "POST":
        form = None
        status = 409
    else:
        form = VolunteerApplicationForm(offer=source) if closed_reason is None else None
    response = offer.render(
        request,
        context_overrides={
            "form": form,
            "closed_reason": closed_reason,
            "places_left": source.places_left,
        },
    )
    response.status_code = status
    return response


def _save_application(form, source, request):
    application = form.save(commit=False)
    application.offer = source
    application.language = translation.get_language() or settings.LANGUAGE_CODE
    application.guardian_consent = bool(form.cleaned_data.get("guardian_consent"))
    application.consent_text = consent_text(source)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two submissions at once: the database's constraint refuses the second.
        form.add_error("email", duplicate_message())
        return None
    except OperationalError:
        # SQLite's "database is locked" after its busy timeout: the form keeps what was typed.
        form.add_error(None, BUSY_MESSAGE)
        return None
    transaction.on_commit(lambda: send_application_emails.enqueue(application.pk))
    return application


def _application_from_token(offer, token):
    try:
        max_age = getattr(settings, "PORTAL_APPLICATION_LINK_MAX_AGE", LINK_MAX_AGE)
        data = signing.loads(token, salt=APPLICATION_LINK_SALT, max_age=max_age)
    except signing.BadSignature:  # forged, damaged or expired
        return None
    if not isinstance(data, dict):
        return None
    return (
        VolunteerApplication.objects.select_related("offer")
        .filter(
            pk=data.get("a"),
            token=data.get("t"),
            offer__translation_key=offer.translation_key,
            anonymized_at__isnull=True,
        )
        .first()
    )


def manage_application(offer, request, token):
    """The volunteer's own page: see the application, withdraw it, get or erase the data."""
    application = _application_from_token(offer, token)
    if application is None:
        response = offer.render(request, template="ngo_volunteering/application_link_invalid.html")
        response.status_code = 404
        return response
    done = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw" and application.status != VolunteerApplication.Status.WITHDRAWN:
            application.set_status(VolunteerApplication.Status.WITHDRAWN)
            application.save(update_fields=["status", "status_changed_at"])
            send_withdrawal_notice.enqueue(application.pk)
            done = _("Your application has been withdrawn. The organizer has been told.")
        elif action == "send-data":
            send_application_data.enqueue(application.pk)
            done = _("We have sent a copy of your data to %(email)s.") % {
                "email": application.email
            }
        elif action == "erase":
            if application.status != VolunteerApplication.Status.WITHDRAWN:
                application.set_status(VolunteerApplication.Status.WITHDRAWN)
            application.anonymize()
            application.save()
            return offer.render(
                request,
                template="ngo_volunteering/application_erased.html",
            )
    return offer.render(
        request,
        template="ngo_volunteering/application_manage.html",
        context_overrides={
            "application": application,
            "done": done,
            "now": timezone.now(),
        },
    )
