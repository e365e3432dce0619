"""The one way an uploaded photo becomes stored bytes: checked by content, bounded in pixels
before anything is decoded, turned upright, stripped of its metadata, with a JPEG thumbnail.

A 500 KB PNG can declare 13000×13000 pixels and take gigabytes to decode; the header alone
tells the size, so the budget is checked before `load()`. Phones write the GPS position of
the shot into EXIF, and a volunteer's photo must not tell where they live, so the stored
original is re-encoded without it (its orientation applied first, so it still stands upright).
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .validators import sniff_document_type

__all__ = ["MAX_IMAGE_SIDE", "PreparedImage", "image_prepare"]

# Stored originals are at most this long on their longer side: enough for any evidence photo,
# and it lets a large JPEG be decoded at a half, a quarter or an eighth of its size.
MAX_IMAGE_SIDE = 4096
DEFAULT_MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class PreparedImage:
    original: bytes
    extension: str
    thumbnail: bytes


def _max_pixels() -> int:
    return getattr(settings, "UPLOAD_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def image_prepare(
    file, *, max_bytes: int, thumbnail_size: tuple[int, int] = (480, 480)
) -> PreparedImage:
    """Checks a JPEG or PNG upload and returns its cleaned original and its JPEG thumbnail.

    Raises ValidationError (without a field: callers put it where their form shows it) when
    the file is too large, not a JPEG or PNG, unreadable, or has more pixels than
    UPLOAD_IMAGE_MAX_PIXELS. Nothing is stored here.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if file.size > max_bytes:
        raise ValidationError(
            _("Each photo must be at most %(mb)d MB.") % {"mb": max_bytes >> 20},
            code="too_large",
        )
    try:
        kind = sniff_document_type(file) if file.size else ""
    except ValidationError:
        kind = ""
    if kind not in ("image/jpeg", "image/png"):
        raise ValidationError(_("Photos must be JPEG or PNG."), code="not_a_photo")
    file.seek(0)
    data = file.read()
    unreadable = ValidationError(
        _("This photo could not be read. Try another one."), code="unreadable"
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns on the header alone; the budget below is ours and says more.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
        with opened as image:
            # Only the header is read so far: refuse a pixel bomb before decoding it.
            width, height = image.size
            if width * height > _max_pixels():
                raise ValidationError(
                    _(
                        "This photo has too many pixels (%(width)d × %(height)d). Send a "
                        "photo of at most %(megapixels)d megapixels."
                    )
                    % {"width": width, "height": height, "megapixels": _max_pixels() // 10**6},
                    code="too_many_pixels",
                )
            if image.format == "JPEG":
                # Decodes at 1/2, 1/4 or 1/8 scale when that still covers MAX_IMAGE_SIDE.
                image.draft("RGB", (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            image.load()
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            original = io.BytesIO()
            if image.format == "PNG":
                # No exif= and no pnginfo=: neither EXIF nor text chunks are written back.
                upright.save(original, format="PNG")
            else:
                if upright.mode not in ("RGB", "L"):
                    upright = upright.convert("RGB")
                upright.save(original, format="JPEG", quality=90)
            small = upright.copy()
            small.thumbnail(thumbnail_size)
            thumbnail = io.BytesIO()
            small.convert("RGB").save(thumbnail, format="JPEG", quality=80, optimize=True)
    except Image.DecompressionBombError as error:
        # Far above Pillow's own limit, refused by it before our check could read the size.
        raise ValidationError(
            _("This photo has too many pixels. Send a photo of at most %(megapixels)d megapixels.")
            % {"megapixels": _max_pixels() // 10**6},
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise unreadable from error
    return PreparedImage(
        original=original.getvalue(),
        extension=".png" if kind == "image/png" else ".jpg",
        thumbnail=thumbnail.getvalue(),
    )
