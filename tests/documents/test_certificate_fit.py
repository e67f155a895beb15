"""Certificate texts fitted to their frames: measured, shrunk, then moved, never overprinted."""

from __future__ import annotations

from itertools import combinations

import pytest

from vanban.documents import Renderer, TemplateCatalogue, parse_document_data
from vanban.documents.certificate_context import build_phoi_khen
from vanban.documents.certificate_fit import Placed, count_lines, fit_items
from vanban.documents.layout import TWIPS_PER_MM, pt_to_mm
from vanban.documents.validation import DataProblem, validate

LONG_UNIT = (
    "Chi hội trưởng Chi hội Khuyến học bản Nà Ngần, xã Chiềng Khương, huyện Sông Mã, "
    "tỉnh Sơn La, kiêm Ủy viên Ban Chấp hành Hội Khuyến học huyện Yên Châu"
)
DATA = f"""\
ten: Ông Lò Văn Dũng
don_vi: {LONG_UNIT}
thanh_tich: Đã có thành tích xuất sắc trong phong trào khuyến học, khuyến tài năm 2025
so_quyet_dinh: 15/QĐ-HKH
ngay_quyet_dinh: 2025-11-20
dia_danh: Sơn La
chuc_vu_ky: Chủ tịch
nguoi_ky: Mai Thu Hương
"""


def _no_overlap(items: list[Placed]) -> None:
    for upper, lower in combinations(sorted(items, key=lambda item: item.y), 2):
        side_by_side = upper.x + upper.width <= lower.x or lower.x + lower.width <= upper.x
        assert side_by_side or upper.bottom <= lower.y, (upper, lower)


def test_lines_are_counted_as_the_printer_breaks_them() -> None:
    assert count_lines("Lò Văn Dũng", 100, 14, bold=True) == 1
    assert count_lines("Lò Văn Dũng " * 20, 100, 14, bold=False) > 3
    assert count_lines("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", 100, 14, bold=True) == 2


def test_a_long_name_is_shrunk_not_wrapped() -> None:
    name = Placed("ten", "Hội Khuyến học xã Chiềng Khương huyện Sông Mã", 30, 80, 150, 20, True, 1)
    (fitted,) = fit_items([name])
    assert fitted.lines == 1
    assert 15 <= fitted.size < 20


def test_a_wrapping_unit_pushes_what_is_under_it_down() -> None:
    items = [
        Placed("don_vi", LONG_UNIT * 2, 30, 92, 237, 14, False, 1),
        Placed("thanh_tich", "Đã có thành tích", 45, 102, 207, 14, False, 1),
        Placed("ngay", "Sơn La, ngày 20 tháng 11 năm 2025", 165, 135, 105, 13, False, 1),
    ]
    fitted = {item.item: item for item in fit_items(items)}
    assert fitted["don_vi"].lines > 2  # still too long at three quarters of its size
    assert fitted["thanh_tich"].y > 102
    assert fitted["thanh_tich"].y >= fitted["don_vi"].bottom
    _no_overlap(list(fitted.values()))


def _frames(content: bytes) -> list[tuple[float, float, float, float]]:
    """(x, y, width, size) in mm and pt of each printed frame, read back from the .docx."""
    from tests.docx.crafting import attribute
    from vanban.docx.oxml import element_of, find_path
    from vanban.docx.reading import open_docx

    frames = []
    for paragraph in open_docx(content).paragraphs:
        frame = find_path(element_of(paragraph), "w:pPr", "w:framePr")
        if frame is None or not paragraph.text:
            continue
        size = attribute(find_path(element_of(paragraph.runs[0]), "w:rPr", "w:sz"), "val")
        frames.append(
            (
                int(attribute(frame, "x")) / TWIPS_PER_MM,
                int(attribute(frame, "y")) / TWIPS_PER_MM,
                int(attribute(frame, "w")) / TWIPS_PER_MM,
                int(size) / 2,
            )
        )
    return frames


def test_rendered_giay_khen_prints_nothing_over_anything() -> None:
    spec = TemplateCatalogue().get("giay_khen")
    content = Renderer().render(spec, parse_document_data(DATA, "gk.yaml")).content
    frames = sorted(_frames(content), key=lambda frame: frame[1])
    assert len(frames) == 7  # no Số vào sổ in this data
    # The unit (second frame) wraps to two lines; the achievement starts under its last line.
    unit, achievement = frames[1], frames[2]
    assert achievement[1] >= unit[1] + 2 * pt_to_mm(unit[3] * 1.15)


def test_a_signers_title_needs_the_name_under_it() -> None:
    spec = TemplateCatalogue().get("bang_khen")
    values = validate(spec, parse_document_data(DATA.replace("nguoi_ky: Mai Thu Hương\n", ""), "b"))
    with pytest.raises(DataProblem) as caught:
        build_phoi_khen(spec, values)
    assert caught.value.problems[0].key_path == ("nguoi_ky",)
