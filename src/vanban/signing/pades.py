"""The three signatures of an issued document, made with pyHanko (PAdES).

The office's order (Nghị định 30/2020, Điều 13.7, 14.3, 15.3, 17.2) and how it reaches the PDF:

1. ``sign_as_leader``: the approver signs the approved PDF, which still shows the blanks of
   "Số:      /KH-HKH" and "ngày     tháng     năm". In the same revision as the signature,
   read-only-to-be text fields are laid over those blanks, and the body's seal field is placed
   (empty) over the left third of the signature image. The signature *certifies* the document
   with DocMDP permission 2 (fill forms and sign): nothing else may change afterwards.
2. ``seal_with_number``: the văn thư fills the number and date fields and signs the prepared
   seal field with the body's key. pyHanko's difference analysis rates that update
   ``FORM_FILLING``, which the leader's DocMDP permits, so the leader's signature stays intact
   and valid; the seal field locks every field and sets DocMDP to "no changes".
3. ``sign_text_top_right``: attachments and appendices in separate files get the body's
   signature without image at the top right of page 1: the number and symbol and the signing
   time in Times New Roman 10, upright, black (Phụ lục I, Phần II).

Signature images keep their aspect ratio; the seal is drawn at its real size.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.form_tools import populate_static_text_field
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from vanban.errors import ValidationError
from vanban.signing.images import SigningImage
from vanban.signing.placement import Blank, Box, SignatureBlock

LEADER_FIELD = "ChuKyLanhDao"
SEAL_FIELD = "ChuKyCoQuan"
ATTACHMENT_FIELD = "ChuKyCoQuanPhuLuc"
NUMBER_FIELDS = ("so", "ngay", "thang")
MM = 72 / 25.4
# The signature image fills this share of the space between the title and the name lines.
SIGNATURE_HEIGHT_SHARE = 0.8
MAX_SIGNATURE_WIDTH_MM = 70
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
_NO_MARGINS = layout.SimpleBoxLayoutRule(
    x_align=layout.AxisAlignment.ALIGN_MID,
    y_align=layout.AxisAlignment.ALIGN_MID,
    margins=layout.Margins.uniform(0),
)


# fontTools warns about tables it drops while subsetting, and pyHanko's layout about boxes a
# rounding error (102.00000000000001 in 102) too wide; Python prints such warnings on stderr
# when nobody configured logging, and the user needs none of them.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
logging.getLogger("pyhanko.pdf_utils.layout").setLevel(logging.ERROR)


class SigningFailed(ValidationError):
    """pyHanko could not sign the PDF as asked."""


@dataclass(frozen=True)
class SignOptions:
    """What every signature shares: the reason, the place and the time-stamp server."""

    reason: str
    location: str
    timestamp_url: str = ""


def times_font(italic: bool = False) -> Path:
    """Liberation Serif (Times New Roman's metric twin, with every Vietnamese letter)."""
    name = "LiberationSerif-Italic.ttf" if italic else "LiberationSerif-Regular.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise SigningFailed(
        f"Không thấy phông {name} để in số, ngày và giờ ký. Hãy cài gói fonts-liberation2.",
        f"The font {name} for the number, date and signing time is missing. Install the "
        "fonts-liberation2 package.",
    )


@dataclass(frozen=True)
class MemoryFont(GlyphAccumulatorFactory):
    """pyHanko's glyph accumulator fed from bytes in memory rather than a file it leaves open."""

    font_bytes: bytes = b""

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: Any = None
    ) -> GlyphAccumulator:
        """Return a glyph accumulator reading ``font_bytes``."""
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(self.font_bytes),
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )


def stamp_font(text: str, italic: bool, size: int) -> MemoryFont:
    """Liberation Serif (upright or italic) cut to ``text`` and scaled to 1000 units per em.

    pyHanko writes a font's glyph widths (/W) in the font's own units, which PDF reads as
    thousandths of an em; Liberation Serif has 2048 units per em, so its digits would be
    spaced twice too wide. A subset scaled to 1000 units per em is spaced right.
    """
    font = TTFont(str(times_font(italic)))
    subsetter = subset.Subsetter(subset.Options(notdef_outline=True, name_IDs=["*"]))
    subsetter.populate(text=text + "0123456789")
    subsetter.subset(font)
    scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return MemoryFont(font_file="", font_size=size, font_bytes=buffer.getvalue())


def signature_box(block: SignatureBlock, image: SigningImage) -> Box:
    """The signature image's box: centred between title and name, its aspect kept."""
    _, bottom, _, top = block.gap
    height = (top - bottom) * SIGNATURE_HEIGHT_SHARE
    width = min(height * image.aspect, MAX_SIGNATURE_WIDTH_MM * MM)
    height = width / image.aspect
    centre_x = (block.title[0] + block.title[2] + block.name[0] + block.name[2]) / 4
    centre_y = (top + bottom) / 2
    return (
        centre_x - width / 2,
        centre_y - height / 2,
        centre_x + width / 2,
        centre_y + height / 2,
    )


def seal_box(signature: Box, diameter_mm: float) -> Box:
    """The seal at real size, its right edge a third into the signature image, same middle."""
    size = diameter_mm * MM
    right = signature[0] + (signature[2] - signature[0]) / 3
    middle = (signature[1] + signature[3]) / 2
    return (right - size, middle - size / 2, right, middle + size / 2)


def _timestamper(url: str) -> HTTPTimeStamper | None:
    return HTTPTimeStamper(url) if url else None


def _image_style(image: SigningImage) -> StaticStampStyle:
    return StaticStampStyle(
        background=PdfImage(image.image),
        border_width=0,
        background_opacity=1.0,
        background_layout=_NO_MARGINS,
    )


def _sign(
    writer: IncrementalPdfFileWriter,
    signer: signers.Signer,
    metadata: signers.PdfSignatureMetadata,
    options: SignOptions,
    *,
    style: StaticStampStyle | TextStampStyle | None = None,
    new_field: fields.SigFieldSpec | None = None,
    text: Mapping[str, str] | None = None,
) -> bytes:
    pdf_signer = signers.PdfSigner(
        metadata,
        signer,
        timestamper=_timestamper(options.timestamp_url),
        stamp_style=style,
        new_field_spec=new_field,
    )
    try:
        output = pdf_signer.sign_pdf(writer, appearance_text_params=dict(text or {}))
    # pyHanko (and a time-stamp server or token behind it) may fail in many ways; each means
    # this signature was not made, and nothing was written.
    except Exception as exc:
        raise SigningFailed(
            f"Không ký được tệp PDF ({type(exc).__name__}: {exc}). Chưa có gì được ghi.",
            f"The PDF could not be signed ({type(exc).__name__}: {exc}). Nothing was written.",
        ) from exc
    signed: bytes = output.getvalue()
    return signed


def _metadata(field: str, options: SignOptions, **extra: object) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=options.reason,
        location=options.location,
        **extra,  # type: ignore[arg-type]
    )


def sign_as_leader(
    content: bytes,
    signer: signers.Signer,
    image: SigningImage,
    block: SignatureBlock,
    blanks: Sequence[Blank],
    seal_diameter_mm: float,
    options: SignOptions,
) -> bytes:
    """Sign as the leader: image between title and name, number/date fields, seal reserved."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    _add_text_fields(writer, blanks)
    box = signature_box(block, image)
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            SEAL_FIELD,
            on_page=block.page,
            box=_rounded(seal_box(box, seal_diameter_mm)),
            field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.ALL),
            doc_mdp_update_value=fields.MDPPerm.NO_CHANGES,
        ),
    )
    metadata = _metadata(
        LEADER_FIELD, options, certify=True, docmdp_permissions=fields.MDPPerm.FILL_FORMS
    )
    spec = fields.SigFieldSpec(LEADER_FIELD, on_page=block.page, box=_rounded(box))
    return _sign(writer, signer, metadata, options, style=_image_style(image), new_field=spec)


def seal_with_number(
    content: bytes,
    signer: signers.Signer,
    seal: SigningImage,
    values: Mapping[str, str],
    blanks: Sequence[Blank],
    options: SignOptions,
) -> bytes:
    """Fill the number and date fields, then sign the prepared seal field with the body's key."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    by_name = {blank.name: blank for blank in blanks}
    text = "".join(values.values())
    for name in NUMBER_FIELDS:
        _fill(writer, by_name[name], values[name], text)
    # The seal field's lock already says "no changes" after it; the metadata says the same.
    metadata = _metadata(SEAL_FIELD, options, docmdp_permissions=fields.MDPPerm.NO_CHANGES)
    return _sign(writer, signer, metadata, options, style=_image_style(seal))


def _fill(writer: IncrementalPdfFileWriter, blank: Blank, value: str, text: str) -> None:
    """Fill the text field over ``blank``, the value centred on the line's baseline."""
    name = blank.name
    size = round(blank.size)  # pyHanko sets text in whole points; the text is 13 or 14 pt
    style = TextBoxStyle(
        font=stamp_font(text, blank.italic, size),
        font_size=size,
        border_width=0,
        box_layout_rule=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX
            if name == "so"
            else layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(bottom=round(blank.baseline - blank.box[1])),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    try:
        populate_static_text_field(writer, name, style, value)
    except Exception as exc:  # the field is missing or already filled
        raise SigningFailed(
            f"Tệp PDF không có ô trống “{name}” do lãnh đạo ký để ghi số và ngày ({exc}). "
            "Hãy dùng đúng bản lãnh đạo đã ký trong vanban.",
            f"The PDF has no empty field “{name}” prepared by the leader's signature for "
            f"the number and date ({exc}). Use the copy the leader signed in vanban.",
        ) from exc


def sign_text_top_right(
    content: bytes,
    signer: signers.Signer,
    lines: Sequence[str],
    page_size: tuple[float, float],
    options: SignOptions,
) -> bytes:
    """Sign with the body's key, showing ``lines`` at the top right of page 1, no image."""
    font_size = 10
    width = 62 * MM
    height = (len(lines) * 1.25 + 0.6) * font_size
    right = page_size[0] - 15 * MM  # inside the 15 mm right margin of Phụ lục I
    top = page_size[1] - 6 * MM
    box = (right - width, top - height, right, top)
    style = TextStampStyle(
        stamp_text="%(lines)s",
        text_box_style=TextBoxStyle(
            font=stamp_font("".join(lines), False, font_size),
            font_size=font_size,
        ),
        border_width=0,
        background=None,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 2, 0, 2),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    spec = fields.SigFieldSpec(ATTACHMENT_FIELD, on_page=0, box=_rounded(box))
    metadata = _metadata(ATTACHMENT_FIELD, options)
    return _sign(
        writer,
        signer,
        metadata,
        options,
        style=style,
        new_field=spec,
        text={"lines": "\n".join(lines)},
    )


def _rounded(box: Box) -> tuple[int, int, int, int]:
    # SigFieldSpec takes whole points; a signature box is never that precise.
    return (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def _add_text_fields(writer: IncrementalPdfFileWriter, blanks: Sequence[Blank]) -> None:
    """Lay an empty, printable text field over each blank of page 1 (same revision as signing)."""
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    root = writer.root
    if "/AcroForm" in root:
        raise SigningFailed(
            "Tệp PDF đã có biểu mẫu (AcroForm) nên không chuẩn bị được ô số và ngày. Hãy ký "
            "bản PDF do vanban tạo ra.",
            "The PDF already has a form (AcroForm), so the number and date fields cannot be "
            "prepared. Sign the PDF vanban produced.",
        )
    field_refs = []
    for blank in blanks:
        x0, y0, x1, y1 = blank.box
        empty = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): generic.ArrayObject(
                    [generic.FloatObject(v) for v in (0, 0, x1 - x0, y1 - y0)]
                ),
            },
            stream_data=b"",
        )
        field = generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): generic.TextStringObject(blank.name),
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(round(v, 2)) for v in blank.box]
                ),
                pdf_name("/F"): generic.NumberObject(4),  # print
                pdf_name("/P"): page_ref,
                pdf_name("/Ff"): generic.NumberObject(0),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(empty)}
                ),
            }
        )
        field_refs.append(writer.add_object(field))
    annotations = page.get("/Annots", generic.ArrayObject())
    page[pdf_name("/Annots")] = generic.ArrayObject([*annotations, *field_refs])
    writer.update_container(page)
    form = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject(field_refs),
            pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
        }
    )
    root[pdf_name("/AcroForm")] = writer.add_object(form)
    writer.update_root()
