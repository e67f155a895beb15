"""The rules as data: rules.yaml read into Rule objects, and choosing rules by id prefix."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from vanban.checker.findings import Finding, Location
from vanban.checker.form_names import FORMS, VAN_BAN
from vanban.datafile import plain, read_yaml
from vanban.errors import Message, ValidationError

_ID = re.compile(r"^[A-Z0-9][A-Za-z0-9.\-]+$")
_KEYS = ("id", "reference", "reference_en", "title", "title_en", "check")


@dataclass(frozen=True)
class Rule:
    """One rule: its id, where it comes from, its title and the check that verifies it."""

    id: str
    reference: Message
    title: Message
    check: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # The forms (checker/forms.py) the rule judges; a rule of Phụ lục I says nothing about a
    # certificate printed on a blank, which has its own rules.
    forms: tuple[str, ...] = (VAN_BAN,)

    def finding(self, found: Message, expected: Message, where: Location) -> Finding:
        """Return a finding of this rule."""
        return Finding(self.id, self.reference, self.title, found, expected, where)


def _broken(problem: str) -> ValidationError:
    return ValidationError(
        f"Tệp quy tắc rules.yaml của vanban bị hỏng ({problem}). Hãy cài lại vanban.",
        f"vanban's rules.yaml is damaged ({problem}). Reinstall vanban.",
    )


def _rule(raw: Any) -> Rule:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(key), str) for key in _KEYS):
        raise _broken(f"a rule lacks one of {', '.join(_KEYS)}: {raw!r:.80}")
    if not _ID.match(raw["id"]):
        raise _broken(f"bad id {raw['id']!r}")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise _broken(f"params of {raw['id']} must be a mapping")
    forms = raw.get("forms", [VAN_BAN])
    if not isinstance(forms, list) or not forms or any(form not in FORMS for form in forms):
        raise _broken(f"forms of {raw['id']} must be a list of {', '.join(FORMS)}")
    return Rule(
        id=raw["id"],
        reference=Message(raw["reference"], raw["reference_en"]),
        title=Message(raw["title"], raw["title_en"]),
        check=raw["check"],
        params=params,
        forms=tuple(forms),
    )


@lru_cache(maxsize=1)
def _load() -> dict[str, tuple[Rule, ...]]:
    text = resources.files("vanban.checker").joinpath("rules.yaml").read_text(encoding="utf-8")
    try:
        document = read_yaml(text, "rules.yaml")
    except ValidationError as exc:
        raise _broken(f"not YAML: {exc.text('en')}") from exc
    if document.problems:
        raise _broken(document.problems[0].text("en"))
    raw = plain(document.root)
    if not isinstance(raw, dict):
        raise _broken("not a mapping")
    loaded: dict[str, tuple[Rule, ...]] = {}
    for kind in ("document_rules", "template_rules"):
        items = raw.get(kind)
        if not isinstance(items, list):
            raise _broken(f"no {kind} list")
        loaded[kind] = tuple(_rule(item) for item in items)
    ids = [rule.id for rules in loaded.values() for rule in rules]
    if len(ids) != len(set(ids)):
        raise _broken("duplicate rule ids")
    return loaded


def document_rules() -> tuple[Rule, ...]:
    """Return the Phụ lục I rules ``vanban check`` applies to a document."""
    return _load()["document_rules"]


def template_rules() -> tuple[Rule, ...]:
    """Return the rules ``vanban template lint`` applies to a template."""
    return _load()["template_rules"]


def split_ids(text: str | None) -> list[str]:
    """Split a comma-separated list of rule ids or prefixes."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _matches(rule: Rule, prefixes: Iterable[str]) -> bool:
    return any(rule.id.casefold().startswith(prefix.casefold()) for prefix in prefixes)


def choose(rules: Iterable[Rule], select: list[str], ignore: list[str]) -> tuple[Rule, ...]:
    """Return the rules whose id starts with a ``select`` prefix (all when none) and no
    ``ignore`` prefix; refuse a prefix that names no rule, which is always a typing mistake.
    """
    available = tuple(rules)
    for prefix in (*select, *ignore):
        if not _matches_any(available, prefix):
            known = ", ".join(rule.id for rule in available[:3])
            raise ValidationError(
                f"Không có quy tắc nào có mã bắt đầu bằng “{prefix}”. "
                f"Xem danh sách bằng “vanban check --list-rules” (ví dụ: {known}).",
                f"No rule id starts with “{prefix}”. "
                f"See the list with “vanban check --list-rules” (e.g. {known}).",
            )
    return tuple(
        rule
        for rule in available
        if (not select or _matches(rule, select)) and not _matches(rule, ignore)
    )


def _matches_any(rules: tuple[Rule, ...], prefix: str) -> bool:
    return any(_matches(rule, [prefix]) for rule in rules)
