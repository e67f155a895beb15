"""Data written for another template or workflow is refused with what it looks like."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, CliResult
from vanban.datafile import plain, read_yaml
from vanban.documents import TemplateCatalogue
from vanban.documents.fit import resemblance

Run = Callable[..., CliResult]
INDEX = plain(read_yaml((SAMPLES / "index.yaml").read_text(encoding="utf-8"), "i").root)
SPECS = TemplateCatalogue().list()
PLAN = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"
REPORT_2022 = SAMPLES / "bao_cao_hkh_son_la_2022.yaml"
SUBMISSION = SAMPLES / "to_trinh_hkh_son_la_2024.yaml"
LETTER = SAMPLES / "cong_van_hkh_son_la_2024.yaml"
CERTIFICATE = SAMPLES / "khen_thuong_mau" / "giay_khen_hkh_son_la_2025.yaml"
AWARD_DOSSIER = SAMPLES / "khen_thuong" / "ho_so.yaml"


def _values(path: Path) -> dict[str, object]:
    values: dict[str, object] = plain(read_yaml(path.read_text(encoding="utf-8"), "s").root)
    return values


def _looks(target: str, values: Mapping[str, object]) -> tuple[str, ...] | None:
    found = resemblance({target}, values, SPECS)
    return found.templates if found else None


@pytest.mark.parametrize("item", INDEX["samples"], ids=lambda item: item["file"])
def test_every_sample_fits_its_own_template(item: dict[str, str]) -> None:
    assert _looks(item["template"], _values(SAMPLES / item["file"])) is None


@pytest.mark.parametrize(
    ("path", "target", "looks_like"),
    [
        (PLAN, "bao_cao", ("ke_hoach",)),  # "Trên đây là Kế hoạch …"
        (PLAN, "cong_van", ("ke_hoach",)),
        (REPORT_2022, "ke_hoach", ("bao_cao",)),  # trích yếu "Kết quả hoạt động …"
        (SUBMISSION, "bao_cao", ("to_trinh",)),  # "… kính trình Ủy ban nhân dân tỉnh …"
        (LETTER, "ke_hoach", ("cong_van",)),  # ky_hieu_don_vi is a Công văn's key
        (CERTIFICATE, "ke_hoach", ("bang_khen", "giay_khen")),
        (AWARD_DOSSIER, "ke_hoach", None),  # sections: see the next test
    ],
)
def test_data_of_another_template_is_recognised(
    path: Path, target: str, looks_like: tuple[str, ...] | None
) -> None:
    found = resemblance({target}, _values(path), SPECS)
    assert found is not None
    if looks_like is None:
        assert found.sections
    else:
        assert found.templates == looks_like


def test_a_dossier_file_is_recognised_by_its_sections() -> None:
    found = resemblance({"ke_hoach"}, _values(AWARD_DOSSIER), SPECS)
    assert found is not None
    assert found.sections
    assert "quyet_dinh_khen_thuong" in found.templates


def test_a_report_naming_a_plan_it_carries_out_is_still_a_report() -> None:
    values = {
        "trich_yeu": "Kết quả thực hiện Kế hoạch số 12/KH-HKH",
        "mo_dau": "UBND huyện ban hành Kế hoạch số 12/KH-UBND; Hội báo cáo kết quả như sau:",
        "ket_thuc": "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 12/KH-HKH.",
    }
    assert _looks("bao_cao", values) is None
    assert _looks("ke_hoach", values) == ("bao_cao",)


def test_a_letter_subject_may_start_with_any_word() -> None:
    values = {"trich_yeu": "báo cáo kết quả thi đua năm 2024", "kinh_gui": ["Sở Nội vụ"]}
    assert _looks("cong_van", values) is None
    assert _looks("ke_hoach", {"trich_yeu": "V/v đăng ký thi đua"}) == ("cong_van",)


def test_a_typo_in_a_key_is_not_another_template() -> None:
    values = _values(PLAN)
    values["trich_yue"] = values.pop("trich_yeu")
    assert _looks("ke_hoach", values) is None  # left to "did you mean “trich_yeu”?"


# ---- the command line: render, new, advance --data ------------------------------------------


@pytest.fixture
def workspace(run_cli: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    return folder


def _dossiers(run_cli: Run, workspace: Path) -> list[object]:
    listed = run_cli("--workspace", workspace, "--as", "minh", "--json", "list")
    dossiers: list[object] = json.loads(listed.stdout)["dossiers"]
    return dossiers


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            [
                "giống dữ liệu của mẫu “ke_hoach”",
                "dòng 177",
                "Trên đây là Kế hoạch",
                "không phải của mẫu “bao_cao”",
                f"hãy dùng “vanban render ke_hoach {PLAN}”",
            ],
        ),
        (
            "en",
            [
                "looks like data for the template “ke_hoach”",
                "line 177",
                "not for the template “bao_cao”",
                f"use “vanban render ke_hoach {PLAN}”",
            ],
        ),
    ],
)
def test_render_refuses_a_plan_as_a_report_and_writes_nothing(
    run_cli: Run, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    out = tmp_path / "bao_cao.docx"
    result = run_cli("--lang", lang, "render", "bao_cao", PLAN, "-o", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_render_of_the_right_template_is_unchanged(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli("render", "ke_hoach", PLAN, "-o", tmp_path / "k.docx").exit_code == 0
    assert run_cli("render", "cong_van", LETTER, "-o", tmp_path / "c.docx").exit_code == 0


@pytest.mark.parametrize(
    ("workflow", "path", "lang", "expected"),
    [
        ("bao_cao", PLAN, "vi", "quy trình “bao_cao”; hãy dùng “vanban new ke_hoach"),
        ("bao_cao", PLAN, "en", "the workflow “bao_cao”; use “vanban new ke_hoach"),
        ("ke_hoach", LETTER, "vi", "(có khóa “ky_hieu_don_vi”)"),
        ("ke_hoach", AWARD_DOSSIER, "vi", "là tệp của một hồ sơ (có các phần"),
        ("ke_hoach", AWARD_DOSSIER, "en", "use “vanban new khen_thuong"),
        ("khen_thuong", PLAN, "vi", "giống dữ liệu của mẫu “ke_hoach”"),
        ("khen_thuong", PLAN, "en", "not for the workflow “khen_thuong”"),
        ("bao_cao", SUBMISSION, "vi", "hãy dùng “vanban render to_trinh"),
    ],
)
def test_new_refuses_data_of_another_workflow_and_creates_nothing(
    run_cli: Run, workspace: Path, workflow: str, path: Path, lang: str, expected: str
) -> None:
    result = run_cli(
        "--workspace", workspace, "--as", "minh", "--lang", lang, "new", workflow, path
    )
    assert result.exit_code == 1
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _dossiers(run_cli, workspace) == []


def test_new_accepts_each_workflows_own_sample(run_cli: Run, workspace: Path) -> None:
    for workflow, path in (
        ("ke_hoach", PLAN),
        ("bao_cao", REPORT_2022),
        ("cong_van", LETTER),
        ("khen_thuong", AWARD_DOSSIER),
    ):
        created = run_cli("--workspace", workspace, "--as", "minh", "new", workflow, path)
        assert created.exit_code == 0, created.stderr
    assert len(_dossiers(run_cli, workspace)) == 4


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "giống dữ liệu của mẫu “bao_cao” (dòng 2: “Trên đây là báo cáo"),
        ("en", "it is not a patch for a ke_hoach dossier; check the file"),
    ],
)
def test_a_patch_written_for_another_kind_is_refused(
    run_cli: Run, workspace: Path, tmp_path: Path, lang: str, expected: str
) -> None:
    minh = ("--workspace", workspace, "--as", "minh", "--lang", lang)
    assert run_cli(*minh, "new", "ke_hoach", PLAN).exit_code == 0
    patch = tmp_path / "sua.yaml"
    patch.write_text(
        "# kết luận mới\nket_thuc: Trên đây là báo cáo kết quả năm 2024./.\n", encoding="utf-8"
    )
    result = run_cli(*minh, "advance", "1", "amend", "--data", patch)
    assert result.exit_code == 1
    assert expected in result.stderr
    history = json.loads(run_cli(*minh, "--json", "history", "1").stdout)["history"]
    assert [event["event"] for event in history] == ["create"]
    good = tmp_path / "tot.yaml"
    good.write_text("ket_thuc: Trên đây là Kế hoạch năm 2024./.\n", encoding="utf-8")
    assert run_cli(*minh, "advance", "1", "amend", "--data", good).exit_code == 0
