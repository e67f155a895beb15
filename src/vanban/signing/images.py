"""Signature and seal images, checked before they reach a PDF.

Nghị định 30/2020 (Phụ lục I, Phần I, mục II.7.d and II.8) wants the signer's image blue and the
seal red, both PNG with a transparent background. What can be checked without judging a drawing
is checked here: the file is a PNG, it has an alpha channel that is really used (some pixels
transparent, some not), its size is sensible, and its ink is the expected colour.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PIL import Image, ImageStat, UnidentifiedImageError

from vanban.errors import ValidationError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 64, 4000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SigningImageError(ValidationError):
    """A signature or seal image cannot be used."""


@dataclass(frozen=True)
class SigningImage:
    """A checked image: its file, the decoded RGBA picture and its aspect ratio."""

    path: Path
    image: Image.Image

    @property
    def aspect(self) -> float:
        """Width divided by height."""
        return self.image.width / self.image.height


# What each kind of image is, for messages, and which colour its ink must lean to.
KINDS = {
    "signature": ("ảnh chữ ký", "signature image", "xanh", "blue", 2),
    "seal": ("ảnh con dấu", "seal image", "đỏ", "red", 0),
}


def load_image(path: Path, kind: str) -> SigningImage:
    """Read and check the ``kind`` ("signature" or "seal") image at ``path``."""
    label_vi, label_en, colour_vi, colour_en, channel = KINDS[kind]

    def refuse(vi: str, en: str) -> SigningImageError:
        return SigningImageError(
            f"Không dùng được {label_vi} “{path}”: {vi}",
            f"The {label_en} “{path}” cannot be used: {en}",
        )

    try:
        if not path.is_file():
            raise refuse(
                "không tìm thấy tệp. Hãy kiểm tra đường dẫn khai báo trong vanban.toml.",
                "the file does not exist. Check the path declared in vanban.toml.",
            )
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise refuse(
                "tệp lớn hơn 5 MB. Hãy lưu lại ảnh nhỏ hơn.",
                "the file is over 5 MB. Save a smaller image.",
            )
        content = path.read_bytes()
    except OSError as exc:
        raise refuse(
            f"không đọc được tệp ({exc.strerror}).", f"unreadable ({exc.strerror})."
        ) from exc
    if not content.startswith(PNG_SIGNATURE):
        raise refuse(
            "đây không phải ảnh PNG. Nghị định 30 yêu cầu ảnh PNG nền trong suốt; hãy xuất lại "
            "ảnh dạng PNG có nền trong suốt.",
            "it is not a PNG. Decree 30 requires a PNG with a transparent background; export "
            "the image again as a transparent PNG.",
        )
    try:
        with Image.open(io.BytesIO(content)) as opened:
            width, height = opened.width, opened.height
            if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
                raise refuse(
                    f"ảnh {opened.width}×{opened.height} điểm ảnh; cần mỗi cạnh từ {MIN_SIDE} "
                    f"đến {MAX_SIDE}.",
                    f"it is {opened.width}×{opened.height} pixels; each side must be "
                    f"{MIN_SIDE} to {MAX_SIDE}.",
                )
            has_alpha = "A" in opened.getbands() or "transparency" in opened.info
            image = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise refuse(
            f"ảnh PNG bị hỏng ({exc}). Hãy xuất lại ảnh.",
            f"the PNG is damaged ({exc}). Export it again.",
        ) from exc
    alpha = image.getchannel("A")
    # One band, so the extrema are one (lowest, highest) pair of ints.
    low, high = cast(tuple[int, int], alpha.getextrema())
    if not has_alpha or low > 0:
        raise refuse(
            "ảnh không có nền trong suốt. Hãy xóa nền (để trong suốt) rồi lưu lại dạng PNG.",
            "the background is not transparent. Remove the background (make it transparent) "
            "and save it again as PNG.",
        )
    if high == 0:
        raise refuse(
            "ảnh trong suốt hoàn toàn, không có nét nào.",
            "the image is fully transparent: there is nothing drawn.",
        )
    if not _ink_leans_to(image, channel):
        raise refuse(
            f"nét trên ảnh không phải màu {colour_vi} như Nghị định 30 yêu cầu.",
            f"its ink is not {colour_en}, as Decree 30 requires.",
        )
    return SigningImage(path, image)


def _ink_leans_to(image: Image.Image, channel: int) -> bool:
    """True when the opaque pixels are, on average, strongest in ``channel`` (0 R, 2 B)."""
    ink = image.getchannel("A").point(lambda alpha: 255 if alpha >= 128 else 0)
    totals = ImageStat.Stat(image.convert("RGB"), mask=ink).sum
    strongest = max(range(3), key=lambda index: totals[index])
    return sum(totals) > 0 and strongest == channel
