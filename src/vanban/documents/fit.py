"""Data written for another template or workflow, found before it renders into the wrong one.

A plan's data and a report's data have the same fields, so a ke_hoach file given to a
bao_cao dossier validates and renders a "BÁO CÁO" whose text says "Trên đây là Kế hoạch".
What the data looks like is read from four things, strongest first:

- keys naming other templates (``bien_ban_hop_hoi_dong:``, ``danh_sach:``): a dossier file
  of another workflow, whose sections are its templates;
- keys the target does not have but another template does, every key of the file fitting
  that template (``ky_hieu_don_vi`` is a Công văn's; ``ten``, ``so_quyet_dinh`` a Giấy khen's);
- the sentence that says what the document is ("Trên đây là Kế hoạch …", "… kính trình …")
  in the opening or closing, when it names another kind and never the target's own;
- the trích yếu starting with another kind's name ("Báo cáo …", "Kết quả …", "V/v …"),
  printed under the target's own name it would read "KẾ HOẠCH / Báo cáo kết quả …".

Only these count: a report's opening may well say "UBND huyện ban hành Kế hoạch …", and a
Công văn's trích yếu is a subject that may start with any word.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vanban.documents.catalogue import TemplateSpec
from vanban.errors import KeyPath, ValidationError, echo

__all__ = ["Resemblance", "refusal", "render_advice", "resemblance"]


@dataclass(frozen=True)
class _Kind:
    document_type: str  # every template of this type is of this kind ("Tờ trình")
    template: str  # the one to suggest
    says: tuple[re.Pattern[str], ...]  # in mo_dau / ket_thuc: the document saying what it is
    starts: tuple[str, ...]  # how its trích yếu may start, printed under another kind's name


_KINDS = (
    _Kind(
        "Kế hoạch",
        "ke_hoach",
        (re.compile(r"\btrên đây là (?:toàn bộ )?kế hoạch\b", re.I),),
        ("Kế hoạch",),
    ),
    _Kind(
        "Báo cáo",
        "bao_cao",
        (re.compile(r"\btrên đây là báo cáo\b", re.I),),
        ("Báo cáo", "Kết quả"),
    ),
    _Kind(
        "Tờ trình",
        "to_trinh",
        (re.compile(r"\btrên đây là tờ trình\b", re.I), re.compile(r"\bkính trình\b", re.I)),
        ("Tờ trình",),
    ),
    _Kind("Công văn", "cong_van", (), ("V/v",)),
)
_SAYS_FIELDS = ("mo_dau", "ket_thuc")
# A Công văn's trích yếu is the subject after "V/v": it may start with any word.
_FREE_SUBJECT = ("Công văn",)


@dataclass(frozen=True)
class Resemblance:
    """The data reads as data of ``templates``, because of ``evidence`` (vi, en).

    ``sections``: the file is a dossier file whose sections are those templates.
    """

    templates: tuple[str, ...]
    evidence: tuple[str, str]
    sections: bool = False


def _quoted(keys: Collection[str]) -> str:
    shown = sorted(keys)
    return ", ".join(f"“{key}”" for key in shown[:4]) + (", …" if len(shown) > 4 else "")


def _where(lines: Mapping[KeyPath, int], path: KeyPath) -> tuple[str, str]:
    line = lines.get(path)
    return (f"dòng {line}: ", f"line {line}: ") if line else ("", "")


def _texts(values: Mapping[str, Any], field: str) -> list[tuple[KeyPath, str]]:
    value = values.get(field)
    if isinstance(value, str):
        return [((field,), value)]
    if isinstance(value, list):
        return [((field, index), item) for index, item in enumerate(value) if isinstance(item, str)]
    return []


def _excerpt(text: str, found: re.Match[str]) -> str:
    """The phrase with a few words around it, cut at spaces."""
    start = text.rfind(" ", 0, max(0, found.start() - 20)) + 1
    end = text.find(" ", found.end() + 25)
    end = len(text) if end < 0 else end
    quoted = echo(text[start:end].strip(), 80)
    return ("…" if start else "") + quoted + ("…" if end < len(text) else "")


def _by_keys(
    own: Collection[str],
    values: Mapping[str, Any],
    specs: Sequence[TemplateSpec],
    extra_keys: Collection[str],
    sections_expected: bool,
) -> Resemblance | None:
    keys = set(values)
    fields = {spec.id: {field.name for field in spec.fields} for spec in specs}
    others = [spec.id for spec in specs if spec.id not in own]
    accepted = set(own) | set(extra_keys)
    for template in own:
        accepted |= fields.get(template, set())
    sections = keys & set(others) - accepted  # a Quyết định's "to_trinh" is its own field
    if sections:
        return Resemblance(
            tuple(sorted(sections)),
            (f"có các phần {_quoted(sections)}", f"it has the sections {_quoted(sections)}"),
            sections=True,
        )
    unknown = keys - accepted
    named_own = bool(keys & (set(own) | set(extra_keys)))
    if not unknown and not (sections_expected and not named_own):
        return None
    fitting = tuple(other for other in others if keys and keys <= fields[other])
    if not fitting:
        return None
    # Several kinds share every key (a plan, a report, a submission): the one whose own
    # sentence the text says, if any, is the one it is.
    types = {spec.id: spec.document_type for spec in specs}
    saying = tuple(other for other in fitting if _says(types[other], values))
    fitting = saying or fitting
    shown = unknown or keys
    return Resemblance(fitting, (f"có khóa {_quoted(shown)}", f"it has the keys {_quoted(shown)}"))


def _says(document_type: str, values: Mapping[str, Any]) -> bool:
    kind = next((kind for kind in _KINDS if kind.document_type == document_type), None)
    texts = [text for field in _SAYS_FIELDS for _, text in _texts(values, field)]
    return kind is not None and any(p.search(text) for p in kind.says for text in texts)


def _by_words(
    target: str, values: Mapping[str, Any], lines: Mapping[KeyPath, int]
) -> Resemblance | None:
    """What the document says it is, when ``target`` is a document type ("Kế hoạch")."""
    own = next((kind for kind in _KINDS if kind.document_type == target), None)
    texts = [item for field in _SAYS_FIELDS for item in _texts(values, field)]
    if not _says(target, values):
        for kind in _KINDS:
            if kind is own:
                continue
            for path, text in texts:
                for pattern in kind.says:
                    found = pattern.search(text)
                    if found:
                        vi, en = _where(lines, path)
                        quote = _excerpt(text, found)
                        return Resemblance((kind.template,), (f"{vi}“{quote}”", f"{en}“{quote}”"))
    subject = values.get("trich_yeu")
    if target in _FREE_SUBJECT or own is None or not isinstance(subject, str):
        return None
    for kind in _KINDS:
        if kind is own:
            continue
        for start in kind.starts:
            if re.match(rf"{re.escape(start)}(?:\s|$)", subject.strip(), re.IGNORECASE):
                vi, en = _where(lines, ("trich_yeu",))
                quote = echo(subject.strip(), 50)
                return Resemblance(
                    (kind.template,),
                    (f"{vi}trích yếu “{quote}”", f"{en}the trích yếu “{quote}”"),
                )
    return None


def resemblance(
    own: Collection[str],
    values: Mapping[str, Any],
    specs: Sequence[TemplateSpec],
    *,
    lines: Mapping[KeyPath, int] | None = None,
    extra_keys: Collection[str] = (),
    sections_expected: bool = False,
) -> Resemblance | None:
    """Return what ``values`` look like when that is data of another template than ``own``.

    ``own`` holds the target template, or every template of a workflow whose dossier file
    has a section per template (``sections_expected``: such a file names at least one of
    them or one of ``extra_keys``, the workflow's own keys such as ``danh_sach``).
    """
    found = _by_keys(own, values, specs, extra_keys, sections_expected)
    if found is None and len(own) == 1:
        [target] = own
        document_type = next((spec.document_type for spec in specs if spec.id == target), "")
        found = _by_words(document_type, values, lines or {})
    return found


def refusal(
    found: Resemblance, source: str, target: tuple[str, str], advice: tuple[str, str]
) -> ValidationError:
    """The one-sentence refusal: what the file looks like, why, and what to do instead.

    ``target`` names what it was given to ("mẫu “ke_hoach”", "the template “ke_hoach”");
    ``advice`` is the command to use instead, which only the caller knows.
    """
    names_vi = " hoặc ".join(f"“{template}”" for template in found.templates)
    names_en = " or ".join(f"“{template}”" for template in found.templates)
    why_vi, why_en = found.evidence
    if found.sections:
        return ValidationError(
            f"Tệp {source} là tệp của một hồ sơ ({why_vi}), không phải dữ liệu của "
            f"{target[0]}; {advice[0]}.",
            f"{source} is a dossier file ({why_en}), not data for {target[1]}; {advice[1]}.",
        )
    return ValidationError(
        f"Tệp dữ liệu {source} giống dữ liệu của mẫu {names_vi} ({why_vi}), không phải của "
        f"{target[0]}; {advice[0]}.",
        f"The data file {source} looks like data for the template {names_en} ({why_en}), "
        f"not for {target[1]}; {advice[1]}.",
    )


def render_advice(found: Resemblance, source: str) -> tuple[str, str]:
    """ "hãy dùng “vanban render giay_khen FILE”", naming the other templates it may be for."""
    first, *others = found.templates
    command = f"“vanban render {first} {source}”"
    if not others:
        return f"hãy dùng {command}", f"use {command}"
    rest = ", ".join(others)
    return f"hãy dùng {command} (hoặc mẫu {rest})", f"use {command} (or the template {rest})"
