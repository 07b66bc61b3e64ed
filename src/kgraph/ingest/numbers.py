"""The numbers a sentence reports: sample sizes, percentages, p values, confidence intervals and time points.

Time points are converted to months (a month is 30.4375 days, a week 7 days),
the unit of a finding's ``time_point_months``.

>>> [(n.kind, n.text, n.value) for n in numbers("85 patients improved by 40% (p<0.001; 95% CI 1.2-3.4) after 6 weeks and 1 year")]
[('n', '85 patients', 85.0), ('percent', '40%', 40.0), ('p', 'p<0.001', 0.001), ('ci', '95% CI 1.2-3.4', 95.0), ('time', '6 weeks', 1.38), ('time', '1 year', 12.0)]
>>> [n.value for n in numbers("after 3 and 6 months, at two weeks")]
[3.0, 6.0, 0.46]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24, "a": 1, "an": 1}
_MONTHS_PER = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "year": 12.0}
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((w for w in _WORDS if len(w) > 2), key=len, reverse=True)) + r")"
_CI = re.compile(r"(?P<level>9[059])\s?%\s*(?:CI|confidence interval)[,:]?\s*\(?(?P<low>-?\d+(?:\.\d+)?)\s*(?:to|[-–,])\s*(?P<high>-?\d+(?:\.\d+)?)",
                 re.IGNORECASE)
_P = re.compile(r"\bp\s*(?P<op>[<>=≤≥]|&lt;)\s*(?P<value>0?\.\d+|[01](?:\.\d+)?)", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\w.])(?P<value>\d+(?:\.\d+)?)\s?%(?!\s*(?:CI|confidence))")
_COUNTED = ("patients", "participants", "subjects", "people", "persons", "women", "men", "adults", "children", "cases", "individuals",
            "vertebrae", "fractures", "vertebral fractures")
_N = re.compile(rf"(?:\bn\s*=\s*(?P<n>\d+)|(?<![\w.])(?P<count>\d{{1,6}})\s+(?:\([^)]*\)\s+)?(?:{'|'.join(_COUNTED)}))", re.IGNORECASE)
_UNITS = tuple(_MONTHS_PER)
_COMPARISONS = ("<", ">", "=", "≤", "≥")
_DIGIT = re.compile(r"\d")
_TIME = re.compile(rf"(?<![\w.])(?P<values>{_NUM}(?:(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–]\s*){_NUM})*)[\s-]+(?P<unit>day|week|month|year)s?\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """One number as printed, its kind (n, percent, p, ci, time) and its value (months for a time point)."""

    kind: str
    text: str
    value: float
    start: int

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "value": self.value}


def _value(word: str) -> float:
    return float(_WORDS.get(word.lower(), 0) or word)


def numbers(text: str) -> list[Number]:
    """Every number of interest in ``text``, in order of appearance."""
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str], value: float, text_: str | None = None) -> None:
        if any(a < match.end() and match.start() < b for a, b in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(Number(kind, text_ or match.group(0), value, match.start()))

    # Each pattern is tried only on a sentence that has what it cannot match without (a substring test is far
    # cheaper than a pattern's pass): most sentences have no number.
    folded = text.lower()
    percent, digits = "%" in text, _DIGIT.search(text) is not None
    compares = digits and any(sign in text for sign in _COMPARISONS)
    for match in _CI.finditer(text) if percent else ():
        add("ci", match, float(match.group("level")))
    for match in _P.finditer(text) if compares else ():
        add("p", match, float(match.group("value")))
    for match in _N.finditer(text) if digits and ("=" in text or any(word in folded for word in _COUNTED)) else ():
        add("n", match, float(match.group("n") or match.group("count")))
    for match in _PERCENT.finditer(text) if percent else ():
        add("percent", match, float(match.group("value")))
    for match in _TIME.finditer(text) if any(unit in folded for unit in _UNITS) else ():
        unit = match.group("unit").lower()
        for part in re.finditer(_NUM, match.group("values")):
            months = round(_value(part.group(0)) * _MONTHS_PER[unit], 2)
            found.append(Number("time", f"{part.group(0)} {unit}{'s' if _value(part.group(0)) != 1 else ''}", months, match.start() + part.start()))
        taken.append((match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)
