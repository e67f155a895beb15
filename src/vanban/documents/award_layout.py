"""Page geometry of the award dossier templates, shared by their builder and their contexts.

doc_templates/build_awards.py writes these widths into the .docx files and the context builders
use the same numbers for the rule lines and the certificate positions, so both always agree.
All lengths are in mm.
"""

from __future__ import annotations

from vanban.documents.layout import A4_LANDSCAPE

__all__ = ["A4_LANDSCAPE"]

# Column widths of the tables; each row sums to the text width of its page (252 or 165 mm).
# The STT column is 14 mm: "STT" in 13 pt bold needs 8,7 mm plus the two 1,9 mm cell margins.
NOMINATION_COLUMNS = (14.0, 50.0, 36.0, 50.0, 38.0, 64.0)  # danh sách đề nghị (landscape)
REWARD_COLUMNS = (14.0, 54.0, 62.0, 35.0)  # danh sách kèm theo quyết định
VOTE_COLUMNS = (14.0, 48.0, 34.0, 25.0, 19.0, 25.0)  # biên bản: kết quả bỏ phiếu
HONOURS_COLUMNS = (18.0, 62.0, 85.0)  # báo cáo thành tích: danh hiệu, hình thức đã nhận
# Two signature columns of equal width (Biên bản: THƯ KÝ | CHỦ TỌA; báo cáo thành tích).
TWO_SIGNATURES = (82.5, 82.5)

# Certificates (Bằng khen, Giấy khen) are printed on a pre-printed A4 landscape blank. The
# positions are page coordinates, so the page margins never move them.
CERTIFICATE_PAGE = (297.0, 210.0)
CERTIFICATE_MARGIN = 10.0
