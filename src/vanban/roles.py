"""The four roles of a dossier workflow, with the Vietnamese words messages use for them.

vanban.toml gives users these roles and nothing else; workflow files let events be fired by
them and nothing else. Both read them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

ROLES: Mapping[str, str] = MappingProxyType(
    {
        "secretary": "chuyên viên soạn thảo",
        "reviewer": "người thẩm định",
        "approver": "lãnh đạo phê duyệt",
        "clerk": "văn thư",
    }
)
