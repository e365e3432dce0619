"""The pagination's page links: the first, the last, and two either side of the current."""

import pytest
from django.core.paginator import Paginator

from users.templatetags.pages import page_numbers


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (1, [1, 2, 3, 400]),
        (2, [1, 2, 3, 4, 400]),
        (200, [1, 198, 199, 200, 201, 202, 400]),
        (400, [1, 398, 399, 400]),
    ],
)
def test_page_numbers_around_the_current_page(number, shown):
    page = Paginator(range(8000), 20).page(number)

    assert page_numbers(page) == shown


def test_page_numbers_of_a_short_list():
    assert page_numbers(Paginator(range(50), 20).page(2)) == [1, 2, 3]
