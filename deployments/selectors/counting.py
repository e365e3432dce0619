"""Counting the children of each row of a page, without grouping every child row."""

from django.db.models import Func, IntegerField, QuerySet, Subquery

__all__: list[str] = []


def count_per_row(rows: QuerySet) -> Subquery:
    """How many of `rows` (correlated to the outer row with OuterRef) each outer row has.

    A subquery runs for each row the outer query returns, so a page of 20 counts only its own
    20 rows' children (through an index), and the paginator's count() leaves it out; a Count()
    annotation groups every child row of every outer row first, on each page and again for
    the paginator."""
    return Subquery(
        rows.order_by().values(count=Func("pk", function="COUNT")),
        output_field=IntegerField(),
    )
