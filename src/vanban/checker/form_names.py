"""The forms the checker tells apart (see forms.py), by the names rules.yaml uses for them."""

from __future__ import annotations

from vanban.errors import Message

VAN_BAN = "van_ban"  # an administrative document of Phụ lục I (and a NĐ 152 Báo cáo thành tích)
PHOI_KHEN = "phoi_khen"  # a Bằng khen or Giấy khen printed onto a pre-printed blank
FORMS = (VAN_BAN, PHOI_KHEN)
FORM_NAMES = {
    VAN_BAN: Message("văn bản hành chính (Phụ lục I)", "administrative document (Appendix I)"),
    PHOI_KHEN: Message("in lên phôi Bằng khen, Giấy khen", "certificate printed on a blank"),
}
