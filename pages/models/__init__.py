"""Django finds models only in this module: each page family lives in its own module."""

from .accessibility import AccessibilityStatementPage  # noqa: F401
from .base import BasePage  # noqa: F401
from .calendar import (  # noqa: F401
    CalendarOccurrence,
    CalendarPage,
    EventCategory,
    EventException,
    EventPage,
    EventTag,
    OrganizationCalendarFeed,
)
from .centre import (  # noqa: F401
    Advisor,
    Appointment,
    Booking,
    CentrePage,
    Closure,
    OpeningHours,
    Resource,
)
from .consultations import (  # noqa: F401
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from .council import (  # noqa: F401
    CouncilMeeting,
    CouncilMember,
    CouncilPage,
    CouncilResolution,
    CouncilTerm,
    PatronageRequest,
    PatronageRequestPage,
)
from .grants import (  # noqa: F401
    AwardedGrant,
    GrantCallDocument,
    GrantCallIndexPage,
    GrantCallPage,
    GrantCallStatus,
    GrantMode,
    GrantsRegisterPage,
)
from .home import HomePage  # noqa: F401
from .newsletter import (  # noqa: F401
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterItem,
    NewsletterPage,
    NewsletterSubscriber,
)
from .organization_access import EditorInvitation, EmailChangeRequest, ProfileClaim  # noqa: F401
from .organizations import (  # noqa: F401
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    OrganizationTag,
)
from .settings import NavigationItem, NavigationSettings, OfficeSettings  # noqa: F401
from .standard import StandardPage  # noqa: F401
from .taxonomy import AreaOfPublicBenefit, District  # noqa: F401
from .trainings import (  # noqa: F401
    TrainingAudience,
    TrainingIndexPage,
    TrainingLevel,
    TrainingPage,
    TrainingRegistration,
    TrainingSession,
    TrainingTag,
)
from .workflows import FirstTimeOrganizationTask  # noqa: F401
