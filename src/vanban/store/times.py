"""The one rule for times entering the store: aware, kept as UTC."""

from __future__ import annotations

import datetime as dt

from vanban.errors import StoreError


def as_utc(at: dt.datetime) -> dt.datetime:
    """Return ``at`` in UTC; refuse a naive time, which would be read as local time."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise StoreError(
            f"Thời điểm {at.isoformat()} không có múi giờ nên không lưu được. "
            "Đây là lỗi của vanban; hãy báo cho người phát triển.",
            f"The time {at.isoformat()} has no time zone and cannot be stored. "
            "This is a bug in vanban; please report it.",
        )
    return at.astimezone(dt.UTC)
