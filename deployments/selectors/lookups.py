"""A lookup for long lists of ids."""

from django.core.exceptions import EmptyResultSet
from django.db.models.lookups import In

__all__: list[str] = []


class AnyOf(In):
    """`column IN (ids)` sent to PostgreSQL as `column = ANY(%s)` with the ids as one array.

    An IN list of a large programme's placements (thousands of ids) is a placeholder and a
    parameter per id: building, quoting and parsing them costs more than the query itself.
    Other databases get the plain IN list. Used as an expression:
    `.filter(AnyOf(F("placement_id"), ids))`."""

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
