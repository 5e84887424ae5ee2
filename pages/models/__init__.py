"""Django finds models only in this module: each page family lives in its own module."""

from .accessibility import AccessibilityStatementPage  # noqa: F401
from .base import BasePage  # noqa: F401
from .home import HomePage  # noqa: F401
from .organization_access import EditorInvitation, EmailChangeRequest, ProfileClaim  # noqa: F401
from .organizations import (  # noqa: F401
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    OrganizationTag,
)
from .patronage import PatronageRequest, PatronageRequestPage  # noqa: F401
from .settings import NavigationItem, NavigationSettings, OfficeSettings  # noqa: F401
from .standard import StandardPage  # noqa: F401
from .taxonomy import AreaOfPublicBenefit, District  # noqa: F401
from .workflows import FirstTimeOrganizationTask  # noqa: F401
