"""Trainings' public views: the listing and archive, the registration form, and the person's own
page behind the signed link of their confirmation e-mail (cancel, see the online link).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from pages.forms import BUSY_MESSAGE
from pages.listing import (
    FacetValue,
    ListingPaginator,
    choice_facet,
    free_values,
    kept_count,
    known,
    querystring_without,
    tag_facet,
    value_counts,
)
from pages.models import OrganizationPage
from pages.models.settings import office_name
from pages.ratelimit import form_rate_limited

from .emails import send_registration_email
from .forms import TrainingRegistrationForm, training_consent_text
from .models import (
    REGISTRATION_LINK_SALT,
    RegistrationRefused,
    TrainingAudience,
    TrainingPage,
    TrainingRegistration,
    TrainingSession,
    cancel,
    register,
)

PER_PAGE = 20
LINK_MAX_AGE = 365 * 24 * 3600
MAX_TOPIC_FACETS = 25


@dataclass
class TrainingFilters:
    topics: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    mode: str = ""
    free_places: bool = False

    @classmethod
    def from_request(cls, request):
        data = request.GET
        return cls(
            topics=free_values(data.getlist("topic")),
            audiences=known(data.getlist("audience"), TrainingAudience.values),
            mode=data.get("mode") if data.get("mode") in ("online", "on_site") else "",
            free_places=data.get("places") == "1",
        )

    @property
    def is_filtered(self):
        return bool(self.topics or self.audiences or self.mode or self.free_places)

    def querystring(self, **drop):
        params = [("topic", t) for t in self.topics] + [("audience", a) for a in self.audiences]
        if self.mode:
            params.append(("mode", self.mode))
        if self.free_places:
            params.append(("places", "1"))
        return querystring_without(params, drop)

    def apply(self, queryset, skip=None):
        if self.topics and skip != "topic":
            queryset = queryset.filter(tagged_items__tag__slug__in=self.topics).distinct()
        if self.audiences and skip != "audience":
            queryset = queryset.filter(audience__in=self.audiences)
        if self.mode and skip != "mode":
            queryset = queryset.filter(is_online=self.mode == "online")
        if self.free_places and skip != "places":
            queryset = queryset.filter(capacity__gt=F("seats_taken"))
        return queryset


def _base(index_page, archive):
    trainings = TrainingPage.objects.child_of(index_page).live().public().with_seats_taken()
    return trainings.past() if archive else trainings.upcoming()


def training_listing(index_page, request, archive):
    filters = TrainingFilters.from_request(request)
    base = _base(index_page, archive)
    order = ("-first_day", "title") if archive else ("first_day", "title")
    trainings = filters.apply(base).order_by(*order).select_related("organization")
    trainings = trainings.prefetch_related(
        Prefetch("sessions", queryset=TrainingSession.objects.order_by("date", "start_time"))
    )
    page_obj = ListingPaginator(trainings, PER_PAGE).get_page(request.GET.get("page"))
    office = office_name()
    for training in page_obj.object_list:
        training._office_name = office
    context = {
        "archive": archive,
        "filters": filters,
        "facets": _facets(lambda skip: filters.apply(base, skip=skip), filters),
        "page_obj": page_obj,
        "trainings": page_obj.object_list,
        "querystring": filters.querystring(),
    }
    return index_page.render(request, context_overrides=context)


def _facets(queryset_for, filters):
    topics = tag_facet(queryset_for("topic"), filters.topics, MAX_TOPIC_FACETS)
    audiences = choice_facet(
        queryset_for("audience"), "audience", TrainingAudience.choices, filters.audiences
    )
    counts = value_counts(queryset_for("mode"), "is_online")
    modes = [
        FacetValue("on_site", _("on site"), counts.get(False, 0), filters.mode == "on_site"),
        FacetValue("online", _("online"), counts.get(True, 0), filters.mode == "online"),
    ]
    places = kept_count(queryset_for("places").filter(capacity__gt=F("seats_taken")))
    return {"topic": topics, "audience": audiences, "mode": modes, "places": places}


def training_page(training, request):
    source = training.source_training
    closed_reason = source.registration_closed_reason()
    status = 200
    form = None
    if closed_reason is None:
        if request.method == "POST":
            form = TrainingRegistrationForm(request.POST, training=source)
            if form.data.get("website"):
                return training.render(
                    request,
                    template="ngo_trainings/registration_sent.html",
                    context_overrides={"registration": None},
                )
            message = _("Too many registrations from your connection. Try again in an hour.")
            if form_rate_limited(request, "training-registration", form, message):
                status = 429
            elif form.is_valid():
                registration = _register(form, source)
                if registration is not None:
                    return training.render(
                        request,
                        template="ngo_trainings/registration_sent.html",
                        context_overrides={"registration": registration},
                    )
            if status == 200:
                status = 400
        else:
            form = TrainingRegistrationForm(training=source)
    elif request.method == "POST":
        status = 409
    response = training.render(
        request,
        context_overrides={
            "form": form,
            "closed_reason": closed_reason,
            "places_left": source.places_left,
            "sessions": training.sessions.all(),
            "organization_names": _organization_names() if form is not None else [],
        },
    )
    response.status_code = status
    return response


def _organization_names():
    return list(
        OrganizationPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title")
        .values_list("title", flat=True)[:3000]
    )


def _register(form, source):
    data = {
        "full_name": form.cleaned_data["full_name"],
        "email": form.cleaned_data["email"],
        "organization_name": form.cleaned_data["organization_name"],
        "accessibility_needs": form.cleaned_data["accessibility_needs"],
        "consent_text": training_consent_text(source),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }
    if data["organization_name"]:
        data["organization"] = OrganizationPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE,
            title__iexact=data["organization_name"].strip(),
        ).first()
    try:
        registration = register(source, **data)
    except RegistrationRefused as refusal:
        form.add_error(refusal.field, refusal.message)
        return None
    except IntegrityError:
        form.add_error("email", _("This e-mail address is already registered."))
        return None
    except OperationalError:
        # SQLite's "database is locked" after its busy timeout: the form keeps what was typed.
        form.add_error(None, BUSY_MESSAGE)
        return None
    event = "registered" if registration.status == registration.Status.REGISTERED else "waiting"
    transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk, event))
    return registration


def _registration_from_token(training, token):
    max_age = getattr(settings, "PORTAL_APPLICATION_LINK_MAX_AGE", LINK_MAX_AGE)
    try:
        data = signing.loads(token, salt=REGISTRATION_LINK_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        TrainingRegistration.objects.select_related("training")
        .filter(
            pk=data.get("r"),
            token=data.get("t"),
            training__translation_key=training.translation_key,
        )
        .exclude(status=TrainingRegistration.Status.CANCELLED)
        .first()
    )


def manage_registration(training, request, token):
    registration = _registration_from_token(training, token)
    if registration is None:
        response = training.render(request, template="ngo_trainings/registration_link_invalid.html")
        response.status_code = 404
        return response
    if request.method == "POST" and request.POST.get("action") == "cancel":
        promoted = cancel(registration)
        transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk, "cancelled"))
        if promoted is not None:
            transaction.on_commit(lambda: send_registration_email.enqueue(promoted.pk, "promoted"))
        return training.render(request, template="ngo_trainings/registration_cancelled.html")
    position = None
    if registration.status == TrainingRegistration.Status.WAITING:
        position = TrainingRegistration.objects.filter(
            training=registration.training,
            status=TrainingRegistration.Status.WAITING,
            created_at__lte=registration.created_at,
        ).count()
    return training.render(
        request,
        template="ngo_trainings/registration_manage.html",
        context_overrides={
            "registration": registration,
            "position": position,
            "sessions": registration.training.sessions.all(),
        },
    )
