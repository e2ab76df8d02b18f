"""``DocumentMeta``'s extra fields: kept apart from the five, names checked, values cleaned,
merged and written as the analysis schema's ``metadata.extra``."""

from __future__ import annotations

import pytest

from framing.text.metadata import DocumentMeta, check_field_name


def test_extra_fields_are_cleaned_merged_and_written_apart_from_the_five() -> None:
    meta = DocumentMeta.from_dict({"outlet": "AP", "slant_group": " state  media ", "n": 3,
                                   "blank": "  "}, loose=True)  # fmt: skip
    assert meta.extra == {"slant_group": "state media", "n": "3"}  # blank values left out
    assert meta.to_dict()["extra"] == {"slant_group": "state media", "n": "3"}
    assert DocumentMeta.from_dict(meta.to_dict()) == meta
    assert meta.names() == ["outlet", "slant_group", "n"]
    merged = meta.merged(DocumentMeta(title="T", extra={"n": "4"}))
    assert (merged.outlet, merged.title, merged.get("n"), merged.get("slant_group")) == (
        "AP", "T", "4", "state media",
    )  # fmt: skip
    assert "extra" not in DocumentMeta(outlet="AP").to_dict()  # five fields alone: as before
    assert DocumentMeta(extra={"x": "1"}) and not DocumentMeta(extra={"x": " "})
    hash(meta)  # still usable as a key


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slant_group": "x"}, r"unknown metadata field\(s\) \['slant_group'\]"),
        ({"extra": {"slant group": "x"}}, "'slant group' is not a name"),
        ({"extra": {"extra": "x"}}, "'extra' is reserved"),
        ({"extra": {"date:month": "x"}}, "'date:month' is not a name"),
    ],
)
def test_bad_extra_fields_are_named(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DocumentMeta.from_dict(data, source="row 3")


def test_an_extra_field_is_never_one_of_the_five_nor_a_non_string() -> None:
    with pytest.raises(ValueError, match="'outlet' is one of the five"):
        DocumentMeta(extra={"outlet": "AP"})
    with pytest.raises(TypeError, match="'slant' must be a string"):
        DocumentMeta.from_dict({"slant": ["a"]}, loose=True)
    assert check_field_name("genre") == "genre" and check_field_name("_x-1") == "_x-1"
