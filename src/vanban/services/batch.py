"""Batch printing: one certificate (Bằng khen, Giấy khen) per nominee of a list.

The list is read with vanban.awards.read_nominees, so a list with bad rows is refused with
every row number before anything is rendered. All documents (and, with ``merge``, the one
PDF for the printer) are made in memory first; only then are files written, through
vanban.output_folder, so a failure never loses or half-replaces what the folder held.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.atomic_write import create_exclusive, os_reason
from vanban.awards import InvalidListError, Nominee, RowProblem, read_nominees
from vanban.awards.problems import match_key
from vanban.documents import (
    DocumentData,
    Renderer,
    TemplateCatalogue,
    load_document_data,
)
from vanban.documents.pdf import PdfConverter
from vanban.documents.pdf_merge import convert_and_merge
from vanban.documents.warm_pdf import pdf_converter
from vanban.errors import OutputError, ValidationError, VanbanError
from vanban.output_folder import StagedFolder
from vanban.vietnamese import VIETNAM_TIME, slugify

__all__ = [
    "BatchResult",
    "BatchService",
    "Progress",
    "certificate_data",
    "file_name",
    "register_numbers",
]

# Called after each rendered document: (done, total).
Progress = Callable[[int, int], None]
# Certificate blanks by the start of their form's name (compared by match_key).
_CERTIFICATES = (match_key("Bằng khen"), match_key("Giấy khen"))
# At most this many rendering problems are quoted in the error; the rest are counted.
_MAX_QUOTED = 20

# (index, row, values, source) → (index, row, content or None, vi, en)
_Job = tuple[int, int, dict[str, Any], str]
_Done = tuple[int, int, bytes | None, str, str]


@dataclass(frozen=True)
class BatchResult:
    """What a batch wrote."""

    template_id: str
    folder: Path
    files: list[Path]
    merged: Path | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict."""
        return {
            "template": self.template_id,
            "folder": str(self.folder),
            "count": len(self.files),
            "files": [str(path) for path in self.files],
            "merged": str(self.merged) if self.merged else None,
        }


def file_name(index: int, nominee: Nominee) -> str:
    """``001-nguyen-van-an.docx``: the 1-based index, then the slug of the name."""
    return f"{index:03d}-{slugify(nominee.name, max_length=60)}.docx"


def certificate_data(
    nominee: Nominee, common: Mapping[str, Any], register_number: str = ""
) -> dict[str, Any]:
    """The data of one certificate: the common fields, then the nominee's own.

    ``register_number`` is the certificate's own "Số vào sổ" (see register_numbers).

    ``ten`` is the name; ``don_vi`` the position and unit, joined as one phrase ("Chủ tịch Hội
    Khuyến học xã Chiềng Khương", never "… xã, Xã Chiềng Khương"). ``thanh_tich`` is the
    standard wording of the decision, given once in the common data; a nominee's own
    achievement (the list's summary, written for the council) is printed only when there is no
    common wording.
    """
    values = dict(common)
    values["ten"] = _addressed(nominee)
    unit = position_and_unit(nominee.position, nominee.unit)
    if unit:
        values["don_vi"] = unit
    if nominee.achievement and not common.get("thanh_tich"):
        values["thanh_tich"] = nominee.achievement
    if register_number:
        values["so_vao_so"] = register_number
    return values


_TITLES = {"Nam": "Ông", "Nữ": "Bà"}


def _addressed(nominee: Nominee) -> str:
    """A person's name after "Ông" or "Bà" when the list gives the sex ("Giới tính").

    Without it the name prints alone: a certificate never guesses a person's sex from a
    name ("Thị" and "Văn" mislead), and a name typed with its title is kept as typed.
    """
    title = _TITLES.get(nominee.sex) if nominee.kind == "individual" else None
    typed = nominee.name.split(" ", 1)[0].casefold() in ("ông", "bà")
    return f"{title} {nominee.name}" if title and not typed else nominee.name


_FIRST_NUMBER = re.compile(r"^(\d+)(.*)$")


def register_numbers(first: str, count: int, suffix: str) -> list[str]:
    """The "Số vào sổ" of ``count`` certificates of one decision, in the list's order.

    Each certificate is entered in the award register under its own number. ``first`` (the
    common data's ``so_vao_so``) is the first of them, and the rest follow it: "102" gives
    102, 103 …, "07/GK" gives 07/GK, 08/GK …. Without it, the certificates are numbered by
    their place in the decision's list: 01/GK, 02/GK … (``suffix`` is GK or BK), which the
    decision's number printed above makes unique.
    """
    if not first:
        return [f"{index:02d}/{suffix}" for index in range(1, count + 1)]
    found = _FIRST_NUMBER.match(first.strip())
    if found is None:
        raise ValidationError(
            f"Số vào sổ “{first}” phải bắt đầu bằng chữ số (ví dụ 102 hoặc 01/GK): đó là số "
            "của giấy khen đầu tiên, các giấy sau được đánh tiếp.",
            f"The register number “{first}” must start with digits (e.g. 102 or 01/GK): it is "
            "the first certificate's number and the others follow it.",
        )
    digits, rest = found.groups()
    start = int(digits)
    return [f"{start + offset:0{len(digits)}d}{rest}" for offset in range(count)]


_UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường", "bản")


def position_and_unit(position: str, unit: str) -> str:
    """Join a position and a unit as a certificate prints them.

    An administrative unit is written in lower case inside a phrase ("xã Chiềng Khương"), and
    a position that already ends with the unit's word ("Chủ tịch Hội Khuyến học xã") runs on
    into its name instead of repeating it after a comma.
    """
    position, unit = position.strip(), unit.strip()
    lowered = unit
    for word in _UNIT_WORDS:
        if unit.casefold().startswith(word + " "):
            lowered = word + unit[len(word) :]
            if position.casefold().endswith(" " + word):
                return f"{position}{unit[len(word) :]}"
            break
    return ", ".join(part for part in (position, lowered) if part)


# ---- worker side (module level, so spawned processes can import it) --------------------------

_worker: tuple[TemplateCatalogue, Renderer, str, dt.date] | None = None


def _init_worker(template_id: str, today: dt.date) -> None:
    global _worker
    _worker = (TemplateCatalogue(), Renderer(), template_id, today)


def _render_job(job: _Job) -> _Done:
    assert _worker is not None
    catalogue, renderer, template_id, today = _worker
    index, row, values, source = job
    try:
        spec = catalogue.get(template_id)
        document = renderer.render(spec, DocumentData(values, source), today=today)
    except VanbanError as error:
        return index, row, None, error.message.vi, error.message.en
    return index, row, document.content, "", ""


def _start_method() -> str:
    """How the workers start: forked where that is safe, else spawned.

    A forked worker has vanban already imported; a spawned one imports it again (0,7 s each
    on the reference machine, a fifth of a 1000-certificate batch). Forking is safe only from
    a process with one thread (a lock another thread held would stay locked in the child), and
    only on Linux (macOS's system libraries do not survive a fork).
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _render_all(
    template_id: str, jobs: Sequence[_Job], workers: int, today: dt.date
) -> Iterator[_Done]:
    if workers <= 1 or len(jobs) < 2:
        _init_worker(template_id, today)
        yield from map(_render_job, jobs)
        return
    context = multiprocessing.get_context(_start_method())
    chunk = max(1, min(32, len(jobs) // (workers * 4)))
    with context.Pool(workers, initializer=_init_worker, initargs=(template_id, today)) as pool:
        yield from pool.imap_unordered(_render_job, jobs, chunksize=chunk)


def _refuse_other_certificates(title: str, source: Path, nominees: Sequence[Nominee]) -> None:
    """A Giấy khen blank prints only Giấy khen rows: a Bằng khen row is another authority's."""
    kind = next((k for k in _CERTIFICATES if match_key(title).startswith(k)), None)
    if kind is None:
        return
    wrong = [n for n in nominees if not match_key(n.form.name).startswith(kind)]
    if wrong:
        raise InvalidListError(
            str(source),
            [
                RowProblem(
                    n.row,
                    f"“{n.name}” được đề nghị “{n.form_name}”, không in trên phôi “{title}”; "
                    "hãy tách danh sách theo hình thức",
                    f"“{n.name}” is proposed for “{n.form_name}”, which is not printed on "
                    f"“{title}”; split the list by form",
                )
                for n in wrong
            ],
        )


# ---- the use case ------------------------------------------------------------------------------


class BatchService:
    """Renders one document per nominee of a list."""

    def __init__(
        self,
        catalogue: TemplateCatalogue | None = None,
        converter: PdfConverter | None = None,
    ) -> None:
        self.catalogue = catalogue or TemplateCatalogue()
        self.converter = converter

    def run(
        self,
        template_id: str,
        list_path: Path,
        folder: Path,
        *,
        common_path: Path | None = None,
        jobs: int = 1,
        merge: Path | None = None,
        progress: Progress | None = None,
        today: dt.date | None = None,
        overwrite: bool = False,
        sheet: str | None = None,
    ) -> BatchResult:
        """Render ``template_id`` for every nominee of ``list_path`` into ``folder``.

        ``folder`` must be new or empty unless ``overwrite``; then only the files of the
        previous batch there are replaced (see vanban.output_folder). ``sheet`` names the
        sheet of an .xlsx list (default: the first).
        """
        if jobs < 1:
            raise ValidationError(
                f"Số tiến trình (--jobs) phải từ 1 trở lên, không phải {jobs}.",
                f"The number of worker processes (--jobs) must be 1 or more, not {jobs}.",
            )
        spec = self.catalogue.get(template_id)  # an unknown template: refused before anything
        if merge is not None and not merge.parent.is_dir():
            raise OutputError(
                f"Thư mục “{merge.parent}” của tệp PDF gộp không tồn tại. Chưa làm gì; hãy "
                "tạo thư mục đó hoặc chọn nơi lưu khác.",
                f"The folder “{merge.parent}” of the merged PDF does not exist. Nothing was "
                "done; create it or choose another path.",
            )
        nominees = read_nominees(list_path, sheet=sheet)
        _refuse_other_certificates(spec.title, list_path, nominees)
        common = dict(load_document_data(common_path).values) if common_path else {}
        names = [file_name(index, n) for index, n in enumerate(nominees, start=1)]
        numbers = [""] * len(nominees)
        if spec.field("so_vao_so") is not None:
            suffix = "BK" if match_key(spec.title).startswith(_CERTIFICATES[0]) else "GK"
            numbers = register_numbers(str(common.get("so_vao_so", "")), len(nominees), suffix)
        batch = [
            (
                index,
                nominee.row,
                certificate_data(nominee, common, numbers[index]),
                f"{list_path}, dòng {nominee.row} ({nominee.name})",
            )
            for index, nominee in enumerate(nominees)
        ]
        today = today or dt.datetime.now(dt.UTC).astimezone(VIETNAM_TIME).date()
        contents: list[bytes | None] = [None] * len(batch)
        problems: list[tuple[int, str, str]] = []
        for done, (index, row, content, vi, en) in enumerate(
            _render_all(template_id, batch, jobs, today), start=1
        ):
            if content is None:
                problems.append((row, vi, en))
            contents[index] = content
            if progress is not None:
                progress(done, len(batch))
        if problems:
            raise _batch_failure(list_path, problems)
        documents = [
            (name, content) for name, content in zip(names, contents, strict=True) if content
        ]
        merged_pdf = None
        if merge is not None:
            bundle = convert_and_merge(
                self.converter or pdf_converter(),
                documents,
                title=f"{template_id}: {list_path.name}",
            )
            merged_pdf = bundle.merged
        # Everything is written beside its target first; only then moved into place, and a
        # failure at any step leaves the output folder and the merged PDF as they were.
        staged = StagedFolder(folder, documents, overwrite=overwrite)
        merged_temporary: Path | None = None
        try:
            if merge is not None and merged_pdf is not None:
                merged_temporary = _stage_merged(merged_pdf, merge, overwrite=overwrite)
            files = staged.commit()
            if merge is not None and merged_temporary is not None:
                try:
                    os.replace(merged_temporary, merge)
                except OSError as exc:
                    staged.undo()
                    vi, en = os_reason(exc)
                    raise OutputError(
                        f"Không ghi được tệp “{merge}” ({vi}). Chưa ghi tệp nào.",
                        f"Cannot write “{merge}” ({en}). No file was written.",
                    ) from exc
        finally:
            staged.discard()
            if merged_temporary is not None:
                merged_temporary.unlink(missing_ok=True)
        return BatchResult(template_id, folder, files, merge)


def _batch_failure(list_path: Path, problems: list[tuple[int, str, str]]) -> ValidationError:
    problems.sort(key=lambda problem: problem[0])
    quoted = problems[:_MAX_QUOTED]
    more = len(problems) - len(quoted)
    rows = ", ".join(str(row) for row, _, _ in problems)
    vi = f"Không in được {len(problems)} mục của danh sách “{list_path}” (dòng {rows}):\n"
    en = f"{len(problems)} entries of the list “{list_path}” cannot be printed (rows {rows}):\n"
    vi += "\n".join(f"  - dòng {row}: {text}" for row, text, _ in quoted)
    en += "\n".join(f"  - row {row}: {text}" for row, _, text in quoted)
    if more:
        vi += f"\n  … và {more} lỗi khác."
        en += f"\n  … and {more} more."
    return ValidationError(vi + "\nChưa ghi tệp nào.", en + "\nNo file was written.")


def _stage_merged(content: bytes, target: Path, *, overwrite: bool) -> Path:
    """Write the merged PDF beside ``target`` under a temporary name; return that name."""
    if target.is_dir() or (target.exists() and not overwrite):
        raise OutputError(
            f"Đã có “{target}”; vanban không ghi đè. Hãy chọn tên khác hoặc thêm --overwrite.",
            f"“{target}” already exists and is not overwritten. Choose another name or add "
            "--overwrite.",
        )
    if not target.parent.is_dir():
        raise OutputError(
            f"Thư mục “{target.parent}” không tồn tại. Chưa ghi tệp nào; hãy tạo thư mục đó "
            "hoặc chọn nơi lưu khác.",
            f"The folder “{target.parent}” does not exist. No file was written; create it or "
            "choose another path.",
        )
    temporary: Path | None = None
    try:
        fd, temporary = create_exclusive(target.parent, target.name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        vi, en = os_reason(exc)
        raise OutputError(
            f"Không ghi được tệp “{target}” ({vi}). Chưa ghi tệp nào.",
            f"Cannot write “{target}” ({en}). No file was written.",
        ) from exc
    return temporary
