"""The N-Quads text the builder and the derived layer write is read back by the store as the same terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.rdf import nquads
from kgraph.rdf.convert import to_python

TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
"""Any text a YAML file can hold: every character but a lone surrogate, quotes, backslashes and line breaks included."""


def _read_back(term: str):
    (quad,) = ox.parse(f"<urn:x:s> <urn:x:p> {term} <urn:x:g> .\n".encode(), format=ox.RdfFormat.N_QUADS)
    return quad.object


@given(TEXT)
def test_any_text_is_read_back_exactly(text: str) -> None:
    assert _read_back(nquads.literal(text)) == ox.Literal(text)


DECIMALS = st.decimals(min_value=-(10**15), max_value=10**15, places=12, allow_nan=False, allow_infinity=False)
"""Oxigraph keeps an xsd:decimal in 128 bits with 18 digits after the point; a corpus's months and sizes are far inside that."""


@given(st.one_of(st.booleans(), st.integers(), DECIMALS, st.dates()))
def test_typed_values_are_read_back_as_the_same_values(value) -> None:
    back = to_python(_read_back(nquads.literal(value)))
    assert back == value and type(back) is type(value)


def test_the_writer_stores_batches_in_order_through_its_transform_and_passes_on_the_store_s_error() -> None:
    store = ox.Store()
    seen: list[bytes] = []

    def transform(data: bytes) -> bytes:
        seen.append(data)
        return data

    with nquads.Writer(store, transform) as writer:
        for i in range(5):
            writer.write(f"<urn:x:s{i}> <urn:x:p> \"{i}\" <urn:x:g> .\n".encode())
        writer.write(b"")
    assert [int(d.split(b'"')[1]) for d in seen] == list(range(5))
    assert len(store) == 5
    with pytest.raises(SyntaxError), nquads.Writer(store) as writer:
        writer.write(b"<urn:x:s> <urn:x:p> not-a-term <urn:x:g> .\n")
    assert len(store) == 5


def test_a_batch_goes_into_the_store_when_full_and_when_flushed() -> None:
    store = ox.Store()
    with nquads.Writer(store) as writer:
        batch = nquads.Batch(writer, size=2)
        for i in range(3):
            batch.add(nquads.iri(f"urn:x:s{i}"), nquads.iri("urn:x:p"), nquads.literal(dt.date(2009, 4, i + 1)), nquads.iri("urn:x:g"))
        writer.wait()
        assert len(store) == 2
        batch.flush()
    assert len(store) == 3
    assert to_python(next(store.quads_for_pattern(ox.NamedNode("urn:x:s2"), None, None, None)).object) == dt.date(2009, 4, 3)
    assert nquads.literal(Decimal("1E+2")) == '"100.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
