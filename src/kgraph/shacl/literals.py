"""XSD lexical spaces and the order of literals, for SHACL's datatype, range and comparison constraints.

Lexical forms follow XSD 1.1 Part 2; the order is SPARQL 1.1's operator
mapping (section 17.3), extended to each date/time type and to durations with
XSD's partial order. pyoxigraph rewrites some literals as it stores them
(:data:`REWRITTEN_BY_THE_STORE`), which the shapes compiler has to know.

>>> integer, year = ox.NamedNode(f"{XSD}integer"), ox.NamedNode(f"{XSD}gYear")
>>> well_formed(ox.Literal("12", datatype=integer)), well_formed(ox.Literal("2009 (second value)", datatype=year))
(True, False)
>>> compare(ox.Literal("2", datatype=integer), ox.Literal("10", datatype=integer))
-1
>>> compare(ox.Literal("2"), ox.Literal("10", datatype=integer)) is None
True
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import XSD

from kgraph.rdf.terms import Term

_YEAR = r"(?P<y>-?(?:[1-9][0-9]{3,}|0[0-9]{3}))"
_MONTH = r"(?P<m>0[1-9]|1[0-2])"
_DAY = r"(?P<d>0[1-9]|[12][0-9]|3[01])"
_CLOCK = r"(?P<H>[01][0-9]|2[0-4]):(?P<M>[0-5][0-9]):(?P<S>[0-5][0-9](?:\.[0-9]+)?)"
_ZONE = r"(?P<z>Z|[+-][01][0-9]:[0-5][0-9])"
_TEMPORAL = {
    "dateTime": rf"{_YEAR}-{_MONTH}-{_DAY}T{_CLOCK}{_ZONE}?",
    "date": rf"{_YEAR}-{_MONTH}-{_DAY}{_ZONE}?",
    "time": rf"{_CLOCK}{_ZONE}?",
    "gYear": rf"{_YEAR}{_ZONE}?",
    "gYearMonth": rf"{_YEAR}-{_MONTH}{_ZONE}?",
    "gMonth": rf"--{_MONTH}{_ZONE}?",
    "gDay": rf"---{_DAY}{_ZONE}?",
    "gMonthDay": rf"--{_MONTH}-{_DAY}{_ZONE}?",
}
"""Each date/time type is ordered among its own values only (XSD 1.1 Part 2, D.2)."""
_DURATION = re.compile(
    r"(?P<neg>-)?P(?:(?P<Y>[0-9]+)Y)?(?:(?P<Mo>[0-9]+)M)?(?:(?P<D>[0-9]+)D)?"
    r"(?P<T>T(?:(?P<H>[0-9]+)H)?(?:(?P<Mi>[0-9]+)M)?(?:(?P<S>[0-9]+(?:\.[0-9]+)?)S)?)?"
)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_FOURTEEN_HOURS = 14 * 3600
"""A time without a timezone may be anywhere from UTC-14:00 to UTC+14:00 (XSD 1.1, D.2.2 order of dateTime values)."""


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (XSD has year 0 and no upper bound)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year - 719468


def _days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _temporal(pattern: str, kind: str) -> Callable[[str], tuple[Decimal, bool] | None]:
    """A parser for one date/time type: its value is the instant it starts at, and whether it has a timezone."""
    regex = re.compile(pattern)

    def parse(lexical: str) -> tuple[Decimal, bool] | None:
        match = regex.fullmatch(lexical)
        if match is None:
            return None
        parts = match.groupdict()
        year, month, day = int(parts.get("y") or 1972), int(parts.get("m") or 1), int(parts.get("d") or 1)
        hours, minutes, seconds = int(parts.get("H") or 0), int(parts.get("M") or 0), Decimal(parts.get("S") or 0)
        zone = parts.get("z")
        offset = 0 if zone in (None, "Z") else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6]))
        if abs(offset) > 14 * 60 or day > _days_in_month(year, month) or (hours == 24 and (minutes or seconds)):
            return None
        if kind == "time" and hours == 24:
            hours = 0
        instant = _days_from_civil(year, month, day) * 86400 + hours * 3600 + minutes * 60 + seconds - offset * 60
        return instant, zone is not None

    return parse


def _duration(kind: str) -> Callable[[str], tuple[int, Decimal] | None]:
    """A parser for xsd:duration and its two totally ordered subtypes: the value is (months, seconds)."""

    def parse(lexical: str) -> tuple[int, Decimal] | None:
        match = _DURATION.fullmatch(lexical)
        if match is None:
            return None
        part = match.groupdict()
        date_part, time_part = (part["Y"], part["Mo"], part["D"]), (part["H"], part["Mi"], part["S"])
        if all(p is None for p in date_part + time_part) or (part["T"] and all(p is None for p in time_part)):
            return None
        if (kind == "dayTime" and (part["Y"] or part["Mo"])) or (kind == "yearMonth" and (part["D"] or part["T"])):
            return None
        months = int(part["Y"] or 0) * 12 + int(part["Mo"] or 0)
        seconds = int(part["D"] or 0) * 86400 + int(part["H"] or 0) * 3600 + int(part["Mi"] or 0) * 60 + Decimal(part["S"] or 0)
        return (-months, -seconds) if part["neg"] else (months, seconds)

    return parse


def _integer(lexical: str) -> Decimal | None:
    return Decimal(int(lexical)) if _INTEGER.fullmatch(lexical) else None


def _decimal(lexical: str) -> Decimal | None:
    return Decimal(lexical) if _DECIMAL.fullmatch(lexical) else None


def _double(lexical: str) -> float | None:
    return float(lexical.replace("INF", "inf")) if _DOUBLE.fullmatch(lexical) else None


def _float(lexical: str) -> float | None:
    """A double rounded to single precision, as xsd:float holds it (too large rounds to infinity)."""
    value = _double(lexical)
    if value is None or math.isinf(value) or math.isnan(value):
        return value
    try:
        return struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def _boolean(lexical: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(lexical)


def _matching(pattern: str) -> Callable[[str], str | None]:
    regex = re.compile(pattern)
    return lambda lexical: lexical if regex.fullmatch(lexical) else None


REWRITTEN_BY_THE_STORE = {
    **{
        XSD[name]: XSD.integer
        for name in (
            "nonPositiveInteger",
            "negativeInteger",
            "nonNegativeInteger",
            "positiveInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
        )
    },
    XSD.dateTimeStamp: XSD.dateTime,
}
"""Datatypes pyoxigraph does not keep: it stores "5"^^xsd:int, and even "-1"^^xsd:positiveInteger, as an xsd:integer."""
_LEXICAL: dict[str, tuple[str | None, Callable[[str], Any]]] = {
    str(XSD.integer): ("numeric", _integer),
    **{str(XSD[name]): (name, _temporal(pattern, name)) for name, pattern in _TEMPORAL.items()},
    **{
        str(XSD[name]): ("duration", _duration(kind))
        for name, kind in (("duration", ""), ("dayTimeDuration", "dayTime"), ("yearMonthDuration", "yearMonth"))
    },
    str(XSD.decimal): ("numeric", _decimal),
    str(XSD.double): ("numeric", _double),
    str(XSD.float): ("numeric", _float),
    str(XSD.boolean): ("boolean", _boolean),
    str(XSD.string): ("string", str),
    str(XSD.normalizedString): (None, _matching(r"[^\r\n\t]*")),
    str(XSD.token): (None, _matching(r"(?:[^\s]+(?: [^\s]+)*)?")),
    str(XSD.language): (None, _matching(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")),
    str(XSD.hexBinary): (None, _matching(r"(?:[0-9a-fA-F]{2})*")),
}
"""Datatype IRI -> (order family or None when the type has no order, parser: lexical form -> value, None if ill-typed).

A literal of a datatype not listed here is taken to be well-formed and to have no order; the store holds no literal of the
types it rewrites (REWRITTEN_BY_THE_STORE)."""


@lru_cache(maxsize=1 << 16)
def _parse(lexical: str, datatype: str) -> tuple[str | None, Any] | None:
    """The literal's (order family, value); None when it is ill-typed; (None, lexical) when its type is not known here."""
    family, parse = _LEXICAL.get(datatype, (None, str))
    value = parse(lexical)
    return None if value is None else (family, value)


def well_formed(literal: ox.Literal) -> bool:
    """Whether the lexical form is in its datatype's lexical space (SHACL's sh:datatype fails an ill-typed literal)."""
    return _parse(literal.value, literal.datatype.value) is not None


def _order_key(term: Term) -> tuple[str, Any] | None:
    """What SPARQL's < and <= compare, or None for a term they cannot compare (an IRI, an ill-typed literal, ...)."""
    if not isinstance(term, ox.Literal) or term.language is not None:
        return None
    parsed = _parse(term.value, term.datatype.value)
    if parsed is None or parsed[0] is None:
        return None
    return parsed[0], parsed[1]


def _sign(difference: Any) -> int:
    return (difference > 0) - (difference < 0)


_DURATION_REFERENCES = ((1696, 9), (1697, 2), (1903, 3), (1903, 7))
"""The four dateTimes XSD 1.1 (appendix D.2.3 / 3.3.6.2) adds two durations to, to decide their partial order."""


def _compare_durations(a: tuple[int, Decimal], b: tuple[int, Decimal]) -> int | None:
    if a == b:
        return 0
    signs = set()
    for year, month in _DURATION_REFERENCES:
        ends = [
            _days_from_civil(year + (month - 1 + months) // 12, (month - 1 + months) % 12 + 1, 1) * 86400 + seconds
            for months, seconds in (a, b)
        ]
        signs.add(_sign(ends[0] - ends[1]))
    return signs.pop() if len(signs) == 1 and 0 not in signs else None


def _compare_instants(a: tuple[Decimal, bool], b: tuple[Decimal, bool]) -> int | None:
    (at, a_zoned), (bt, b_zoned) = a, b
    if a_zoned == b_zoned:
        return _sign(at - bt)
    if not a_zoned:
        flipped = _compare_instants(b, a)
        return None if flipped is None else -flipped
    if at < bt - _FOURTEEN_HOURS:
        return -1
    return 1 if at > bt + _FOURTEEN_HOURS else None


def compare(a: Term, b: Term) -> int | None:
    """-1, 0 or 1 as a is less than, equal to or greater than b; None when SPARQL would raise a type error.

    Numbers compare with numbers (promoted as SPARQL does), strings with strings, booleans with booleans, and, as an
    extension to SPARQL's table, each date/time type and the durations among themselves with XSD's partial order.
    """
    ka, kb = _order_key(a), _order_key(b)
    if ka is None or kb is None or ka[0] != kb[0]:
        return None
    family, x, y = ka[0], ka[1], kb[1]
    if family == "numeric" and (isinstance(x, float) or isinstance(y, float)):
        x, y = float(x), float(y)
        if math.isnan(x) or math.isnan(y):
            return None
    if family in ("numeric", "string", "boolean"):
        return (x > y) - (x < y)
    if family == "duration":
        return _compare_durations(x, y)
    return _compare_instants(x, y)
