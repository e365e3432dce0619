"""The page links of a paginated list."""

import pytest
from django.core.paginator import Paginator

from users.templatetags.pages import page_numbers


@pytest.mark.parametrize("pages", [1, 2, 5, 6, 77])
def test_page_numbers_are_the_first_the_last_and_two_either_side(pages):
    paginator = Paginator(range(pages * 20), 20)

    for number in paginator.page_range:
        assert page_numbers(paginator.page(number)) == [
            n for n in paginator.page_range if abs(n - number) <= 2 or n in (1, pages)
        ]


def test_page_numbers_of_a_middle_page():
    assert page_numbers(Paginator(range(1540), 20).page(40)) == [1, 38, 39, 40, 41, 42, 77]
