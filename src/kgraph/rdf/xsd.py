"""Lexical forms of XSD values, kept free of rdflib so the quick commands can use them."""

from __future__ import annotations

from decimal import Decimal

from kgraph.rdf.prefixes import PREFIXES

XSD = PREFIXES["xsd"]


def decimal_text(value: Decimal) -> str:
    """The xsd:decimal lexical form: plain digits with a point, never an exponent, no trailing zeros.

    >>> decimal_text(Decimal("12")), decimal_text(Decimal("-0.50")), decimal_text(Decimal("1E+2"))
    ('12.0', '-0.5', '100.0')
    """
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"
