"""Links between the pages of a list, for pages that show more than one paginated list."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_link(context, number: int, param: str = "page") -> str:
    """The current address with `param` set to the page number: `{% querystring %}` only
    takes its keys literally, and two lists on one page need two keys."""
    query = context["request"].GET.copy()
    query[param] = number
    return f"?{query.urlencode()}"


@register.filter
def page_numbers(page) -> list[int]:
    """The page numbers the pagination shows: the first, the last, and two either side of
    the current one; a queue of thousands of rows has hundreds of pages to skip."""
    last = page.paginator.num_pages
    around = range(max(page.number - 2, 1), min(page.number + 2, last) + 1)
    return sorted({1, last, *around})
