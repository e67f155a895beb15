"""A long plan: about 60 pages with three tables of 300 rows in all renders, lays out, checks.

The plan is generated: 90 sections of text and three tables (150 rows by district and
commune, 100 rows of a timetable, a 50-row wide table on landscape pages). It must render,
convert to PDF through LibreOffice, keep every table's heading on each page it runs onto,
number its pages from 2 on, and pass `vanban check` with no finding.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from vanban.checker.engine import check_bytes
from vanban.documents import Renderer, TemplateCatalogue, parse_document_data
from vanban.documents.pdf import LibreOfficeConverter, convert_one

DISTRICTS = ("Mai Sơn", "Yên Châu", "Mộc Châu", "Sông Mã", "Thuận Châu", "Phù Yên")
PARAGRAPH = (
    "Các cấp Hội tiếp tục củng cố tổ chức, kiện toàn ban chấp hành hội cơ sở, phát triển chi "
    "hội trong dòng họ, doanh nghiệp và khối cơ quan; vận động hội viên tham gia xây dựng các "
    "mô hình học tập, đánh giá và công nhận theo đúng tiêu chí đã ban hành năm {n}."
)


def _plan() -> dict[str, Any]:
    communes = [
        [
            f"{DISTRICTS[i % 6]}",
            f"Xã số {i + 1}",
            100 + i * 7,
            80 + i * 5,
            round(70 + i % 30 / 3, 1),
        ]
        for i in range(150)
    ]
    timetable = [
        [f"Tuần {i + 1}", f"Kiểm tra, hướng dẫn cơ sở số {i + 1}", "Văn phòng Tỉnh hội", "UBND xã"]
        for i in range(100)
    ]
    wide = [[f"Đơn vị {i + 1}", *[1000 * i + k for k in range(10)]] for i in range(50)]
    sections: list[dict[str, Any]] = [
        {"tieu_de": f"Nội dung số {n}", "doan": [PARAGRAPH.format(n=2000 + n)] * 5}
        for n in range(1, 91)
    ]
    sections[5]["bang"] = {
        "tieu_de": "Bảng 1. Chỉ tiêu theo xã",
        "don_vi_tinh": "hộ",
        "tong": True,
        "cot": [
            "STT",
            "Huyện",
            "Xã",
            {"ten": "Đăng ký", "nhom": "Gia đình học tập", "kieu": "so"},
            {"ten": "Công nhận", "nhom": "Gia đình học tập", "kieu": "so"},
            {"ten": "Tỷ lệ (%)", "kieu": "so", "thap_phan": 1, "cong": False},
        ],
        "dong": communes,
    }
    sections[40]["bang"] = {
        "cot": ["STT", "Thời gian", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"],
        "dong": timetable,
    }
    sections[70]["bang"] = {
        "tieu_de": "Bảng 3. Số liệu chi tiết",
        "cot": ["STT", "Đơn vị", *[{"ten": f"Chỉ tiêu {k + 1}", "kieu": "so"} for k in range(10)]],
        "dong": wide,
        "tong": True,
    }
    return {
        "co_quan_chu_quan": "UBND TỈNH SƠN LA",
        "co_quan": "HỘI KHUYẾN HỌC TỈNH SƠN LA",
        "ky_hieu_co_quan": "HKH",
        "dia_danh": "Sơn La",
        "nam": 2025,
        "trich_yeu": "Triển khai xây dựng xã hội học tập giai đoạn 2025-2030",
        "noi_dung": [{"tieu_de": "NỘI DUNG", "muc": sections}],
        "ket_thuc": "Trên đây là Kế hoạch của Hội Khuyến học tỉnh Sơn La.",
        "ky": {"thay_mat": "HỘI KHUYẾN HỌC TỈNH", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Mai Thu Hương"},
        "noi_nhan": ["Thường trực UBND tỉnh (b/c)"],
        "luu": ["VP"],
    }


@pytest.mark.pdf
@pytest.mark.slow
def test_a_sixty_page_plan_with_300_table_rows(soffice: str) -> None:
    text = yaml.safe_dump(_plan(), allow_unicode=True, sort_keys=False)
    data = parse_document_data(text, "ke_hoach_dai.yaml")
    content = Renderer().render(TemplateCatalogue().get("ke_hoach"), data).content
    report = check_bytes(content, "ke_hoach_dai.docx")
    assert report.error is None
    assert report.findings == ()
    with LibreOfficeConverter(soffice) as converter:
        pdf = convert_one(converter, "ke_hoach_dai.docx", content)
    pages = [page.extract_text().replace("\xa0", " ") for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 55
    # Page numbers from page 2 on, landscape pages included, in order.
    assert not re.match(r"\s*1\s", pages[0])
    for number, page in enumerate(pages[1:], start=2):
        assert page.split()[0] == str(number), f"page {number} starts {page[:40]!r}"
    # Each table's heading is printed on every page the table runs onto.
    on_pages = [index for index, page in enumerate(pages) if "Xã số " in page]
    assert len(on_pages) >= 3
    assert all("Gia đình học tập" in pages[index] for index in on_pages)
    timetable = [index for index, page in enumerate(pages) if "Kiểm tra, hướng dẫn" in page]
    assert all("Đơn vị phối hợp" in pages[index] for index in timetable)
    # The signature is not alone: the closing paragraph is on its page.
    assert "Trên đây là Kế hoạch" in pages[-1]
    assert "Mai Thu Hương" in pages[-1]
