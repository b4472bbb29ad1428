"""PostgreSQL functions used to match names, as Django expressions.

``Unaccented`` calls ``cairn_unaccent``, an IMMUTABLE wrapper around the ``unaccent``
extension (created by migration people 0002): ``unaccent`` itself is only STABLE, so it cannot
appear in an index, and the trigram indexes on names are built on ``cairn_unaccent(name)``.
Queries must use the same expression for PostgreSQL to use those indexes.

The wrapper costs about ten times as much per call as ``unaccent`` (PostgreSQL cannot inline
an IMMUTABLE SQL function whose body is only STABLE), so figures computed for a handful of rows
use ``Unaccent``, which gives the same text.
"""

from django.db.models import Func, TextField


class Unaccented(Func):
    """``cairn_unaccent(text)``: the text without accents (Zoë -> Zoe), case kept."""

    function = "cairn_unaccent"
    arity = 1
    output_field = TextField()


class Unaccent(Func):
    """``unaccent(text)``: the same result as ``Unaccented``, faster, but not indexable."""

    function = "unaccent"
    arity = 1
    output_field = TextField()


class DMetaphone(Func):
    """Double Metaphone primary code (fuzzystrmatch): Smith and Smyth are both SM0."""

    function = "dmetaphone"
    arity = 1
    output_field = TextField()


class DMetaphoneAlt(Func):
    """Double Metaphone alternative code (fuzzystrmatch): Smith and Smyth are both XMT."""

    function = "dmetaphone_alt"
    arity = 1
    output_field = TextField()
