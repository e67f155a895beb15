"""Retention periods and the NĐ 30 PL VI metadata of an archived dossier."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.archive.metadata import (
    ArchivedFile,
    DossierFacts,
    build_metadata,
    default_retention,
    file_code,
    normalise_retention,
)
from vanban.errors import ValidationError


@pytest.mark.parametrize(
    ("type_name", "ours", "expected"),
    [
        ("Kế hoạch", True, "Vĩnh viễn"),
        ("Báo cáo", True, "Vĩnh viễn"),
        ("Quyết định", True, "Vĩnh viễn"),
        ("Kế hoạch", False, "10 năm"),  # another body's plan, kept here as a copy
        ("Công văn", True, "10 năm"),
        ("", True, "10 năm"),
    ],
)
def test_default_retention(type_name: str, ours: bool, expected: str) -> None:
    assert default_retention(type_name, ours) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Vĩnh viễn", "Vĩnh viễn"),
        ("  vĩnh   VIỄN ", "Vĩnh viễn"),
        ("vinh vien", "Vĩnh viễn"),
        ("20", "20 năm"),
        ("5 năm", "5 năm"),
        ("05 NĂM", "5 năm"),
    ],
)
def test_retention_is_normalised(given: str, expected: str) -> None:
    assert normalise_retention(given) == expected


@pytest.mark.parametrize("given", ["", "mãi mãi", "0 năm", "10 tháng", "1000"])
def test_a_retention_that_means_nothing_is_refused(given: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_retention(given)
    assert "“Vĩnh viễn” hoặc một số năm" in caught.value.text("vi")


def test_metadata_uses_the_pl_vi_field_names() -> None:
    facts = DossierFacts(
        organ_id="HKH",
        organ_name="HỘI KHUYẾN HỌC\nTỈNH SƠN LA",
        dossier_id=7,
        title="Kế hoạch thi đua năm 2024",
        type_name="Kế hoạch",
        number_and_symbol="03/KH-HKH",
        issued_on=dt.date(2024, 1, 29),
        subject="Triển khai phong trào thi đua",
        signer_position="PHÓ CHỦ TỊCH",
        signer_name="Lò Văn Minh",
        recipients=["Hội Khuyến học các huyện"],
        started_on=dt.date(2024, 1, 20),
        archived_on=dt.date(2024, 2, 1),
        retention="Vĩnh viễn",
        creator="Lò Thị Minh",
        files=[
            ArchivedFile("ke_hoach_ky.pdf", "signed", "a" * 64, 1000, 4, ({"field": "Sig1"},)),
            ArchivedFile("ke_hoach_0007.docx", "source", "b" * 64, 2000),
        ],
    )
    metadata = build_metadata(facts)
    assert metadata["FileCode"] == {
        "Code": "HKH.2024.0007",
        "OrganId": "HKH",
        "FileCatalog": 2024,
        "FileNotation": "0007",
    }
    assert (metadata["Title"], metadata["Maintenance"]) == (facts.title, "Vĩnh viễn")
    assert (metadata["PageTotal"], metadata["DocTotal"]) == (4, 1)
    [document] = metadata["Documents"]
    assert (document["CodeNumber"], document["CodeNotation"]) == ("03", "KH-HKH")
    assert document["IssuedDate"] == "2024-01-29"
    assert document["OrganName"] == "HỘI KHUYẾN HỌC TỈNH SƠN LA"
    assert document["SignerInfo"] == {"Position": "PHÓ CHỦ TỊCH", "FullName": "Lò Văn Minh"}
    assert document["PageAmount"] == 4
    assert [f["Sha256"] for f in metadata["Files"]] == ["a" * 64, "b" * 64]
    assert file_code("HKH", 2024, 12) == "HKH.2024.0012"
