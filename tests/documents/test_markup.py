from __future__ import annotations

import pytest

from vanban.documents.markup import Span, parse_emphasis, plain_text


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("thường", [Span("thường")]),
        ("**đậm** còn lại", [Span("đậm", bold=True), Span(" còn lại")]),
        ("a *nghiêng* b", [Span("a "), Span("nghiêng", italic=True), Span(" b")]),
        ("***cả hai***", [Span("cả hai", bold=True, italic=True)]),
        ("Điều 5* không đóng", [Span("Điều 5* không đóng")]),
        ("2 * 3 * 4", [Span("2 * 3 * 4")]),
        (r"dấu \*sao\*", [Span("dấu *sao*")]),
        ("**a** và **b**", [Span("a", bold=True), Span(" và "), Span("b", bold=True)]),
    ],
    ids=["plain", "bold", "italic", "both", "stray", "spaced", "escaped", "two"],
)
def test_parse_emphasis(text: str, spans: list[Span]) -> None:
    assert parse_emphasis(text) == spans


def test_plain_text_drops_markers() -> None:
    assert plain_text("(*sau đây viết tắt là Phong trào*) và **đậm**") == (
        "(sau đây viết tắt là Phong trào) và đậm"
    )
