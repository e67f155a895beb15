"""The signing material a workspace declares in ``vanban.toml``.

```toml
[signing]
time_format = "%Y-%m-%dT%H:%M:%S%:z"   # printed signing time (ISO 8601, Vietnam time)
timestamp_url = "http://tsa.example.vn" # optional: PAdES B-T instead of B-B
seal_image = "signing/con_dau.png"     # the body's seal: red, transparent PNG
seal_width_mm = 36                     # its real size (diameter)
organization_key = { pkcs12 = "signing/co_quan.p12" }
# or: organization_key = { module = "/usr/lib/softhsm/libsofthsm2.so", token = "HKH", key = "hkh" }

[[users]]
login = "huong"
...
signing = { image = "signing/huong.png", pkcs12 = "signing/huong.p12" }
# or: signing = { image = "…", module = "…/libsofthsm2.so", token = "HUONG", key = "huong" }
```

Paths are relative to the workspace folder. Passwords and PINs are never in this file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.errors import WorkspaceError
from vanban.signing.images import SigningImage, load_image
from vanban.signing.keys import Identity, KeySource, Pkcs11Key, Pkcs12Key

DEFAULT_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%:z"
DEFAULT_SEAL_MM = 36.0
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


@dataclass(frozen=True)
class SignerMaterial:
    """What one signer signs with: the key, the name it must carry, and possibly an image."""

    key: KeySource
    identity: Identity
    image: SigningImage | None = None
    image_width_mm: float | None = None  # the seal's real size; None for a signature


@dataclass(frozen=True)
class SigningSettings:
    """The workspace-wide signing settings."""

    time_format: str = DEFAULT_TIME_FORMAT
    timestamp_url: str = ""

    def format_time(self, moment: dt.datetime) -> str:
        """``moment`` in Vietnam time in the workspace's format ("%:z" prints +07:00)."""
        local = moment.astimezone(VIETNAM)
        pattern = self.time_format.replace("%:z", "+07:00")
        return local.strftime(pattern)


def _problem(where: str, vi: str, en: str) -> WorkspaceError:
    return WorkspaceError(
        f"vanban.toml có lỗi ở {where}: {vi}. Hãy sửa tệp rồi chạy lại.",
        f"vanban.toml is invalid at {where}: {en}. Fix the file and run again.",
    )


def settings(raw: Mapping[str, Any]) -> SigningSettings:
    """Read the ``[signing]`` time format and time-stamp server."""
    time_format = raw.get("time_format", DEFAULT_TIME_FORMAT)
    url = raw.get("timestamp_url", "")
    if not isinstance(time_format, str) or "%" not in time_format:
        raise _problem(
            "[signing].time_format",
            'cần một mẫu giờ như "%Y-%m-%dT%H:%M:%S%:z"',
            'a time pattern such as "%Y-%m-%dT%H:%M:%S%:z" is needed',
        )
    if not isinstance(url, str) or (url and not url.startswith(("http://", "https://"))):
        raise _problem(
            "[signing].timestamp_url",
            "cần địa chỉ http:// hoặc https:// của máy chủ cấp dấu thời gian",
            "an http:// or https:// address of a time-stamp server is needed",
        )
    return SigningSettings(time_format, url)


def key_source(root: Path, raw: Any, where: str) -> KeySource:
    """Read a key declaration: ``pkcs12 = PATH`` or ``module``, ``token`` and ``key``."""
    if not isinstance(raw, Mapping):
        raise _problem(where, "phải là một bảng", "it must be a table")
    if "pkcs12" in raw:
        return Pkcs12Key(_path(root, raw["pkcs12"], f"{where}.pkcs12"))
    if {"module", "token", "key"} <= set(raw):
        module, token, label = raw["module"], raw["token"], raw["key"]
        if not all(isinstance(v, str) and v.strip() for v in (module, token, label)):
            raise _problem(where, "module, token và key phải là chuỗi", "module, token, key: text")
        return Pkcs11Key(Path(module), token, label)
    raise _problem(
        where,
        'chưa khai báo khóa ký: cần pkcs12 = "tệp.p12", hoặc module, token và key của token',
        'no signing key: give pkcs12 = "file.p12", or the token\'s module, token and key',
    )


def _path(root: Path, value: Any, where: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise _problem(where, "cần đường dẫn tệp", "a file path is needed")
    path = Path(value)
    return path if path.is_absolute() else root / path


def person(root: Path, login: str, full_name: str, raw: Mapping[str, Any]) -> SignerMaterial:
    """The signing material of the user ``login`` (``signing = {…}`` in their [[users]])."""
    where = f"[[users]] “{login}”.signing"
    if not raw:
        raise WorkspaceError(
            f"Người dùng “{login}” chưa có khóa ký số trong vanban.toml. Hãy khai báo "
            'signing = { image = "…png", pkcs12 = "…p12" } (hoặc token PKCS#11) cho người này.',
            f"The user “{login}” has no signing key in vanban.toml. Declare "
            'signing = { image = "…png", pkcs12 = "…p12" } (or a PKCS#11 token) for them.',
        )
    image = None
    if "image" in raw:
        image = load_image(_path(root, raw["image"], f"{where}.image"), "signature")
    return SignerMaterial(key_source(root, raw, where), Identity(full_name, True), image)


def organization(root: Path, name: str, raw: Mapping[str, Any], *, seal: bool) -> SignerMaterial:
    """The body's signing material: its key and, when ``seal``, its seal image and size."""
    if "organization_key" not in raw:
        raise WorkspaceError(
            "vanban.toml chưa khai báo khóa ký số của cơ quan ([signing] organization_key). "
            "Hãy khai báo tệp PKCS#12 hoặc token của cơ quan.",
            "vanban.toml declares no key for the body ([signing] organization_key). Declare "
            "the body's PKCS#12 file or token.",
        )
    key = key_source(root, raw["organization_key"], "[signing].organization_key")
    identity = Identity(name, False)
    if not seal:
        return SignerMaterial(key, identity)
    if "seal_image" not in raw:
        raise WorkspaceError(
            "vanban.toml chưa khai báo ảnh con dấu của cơ quan ([signing] seal_image).",
            "vanban.toml declares no seal image for the body ([signing] seal_image).",
        )
    image = load_image(_path(root, raw["seal_image"], "[signing].seal_image"), "seal")
    width = raw.get("seal_width_mm", DEFAULT_SEAL_MM)
    if isinstance(width, bool) or not isinstance(width, int | float) or not 20 <= width <= 60:
        raise _problem(
            "[signing].seal_width_mm",
            "đường kính thật của con dấu, tính bằng mm, từ 20 đến 60",
            "the seal's real diameter in mm, 20 to 60",
        )
    return SignerMaterial(key, identity, image, float(width))
