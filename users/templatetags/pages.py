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
    """The numbers of the pages to link to: the first, the last, and two either side of the
    current one. Choosing them in the template tested every page of a long list."""
    last = page.paginator.num_pages
    return sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
