"""The admin's lists of what organizations ask (premises, stands, letters, loans, partnership
requests) cost the same number of queries whatever their length: each row's organization and
page come with the list's own query (pages.admin_views.related_index_view)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.fairs.factories import StandRegistrationFactory
from tests.letters.factories import LetterRequestFactory
from tests.library.factories import LoanFactory
from tests.partners.factories import PartnershipRequestFactory
from tests.premises.factories import PremisesApplicationFactory

LISTS = {
    "/admin/premises/applications/": PremisesApplicationFactory,
    "/admin/fairs/stands/": StandRegistrationFactory,
    "/admin/letters/": LetterRequestFactory,
    "/admin/library/loans/": LoanFactory,
    "/admin/partners/requests/": PartnershipRequestFactory,
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTS)
def test_an_admin_list_costs_the_same_queries_for_two_rows_and_for_six(client, homes, url):
    client.force_login(
        get_user_model().objects.create_superuser("admin-lists", "a@example.org", "x-pass-123456")
    )
    factory = LISTS[url]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    factory.create_batch(2)
    two = queries()
    factory.create_batch(4)
    assert queries() == two
