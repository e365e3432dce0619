"""The shared image helper: a pixel bomb is refused from its header, a large JPEG is decoded
small, EXIF (GPS above all) never reaches the stored original, and the photo stays upright."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from volunteers.images import MAX_IMAGE_SIDE, image_prepare

MB = 1 << 20


def upload(image: Image.Image, kind: str, **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **save)
    return SimpleUploadedFile(f"photo.{kind.lower()}", buffer.getvalue())


def test_a_pixel_bomb_is_refused_before_it_is_decoded():
    bomb = upload(Image.new("L", (13000, 13000), 0), "PNG", optimize=True)
    assert bomb.size < 1 * MB

    started = time.monotonic()
    with pytest.raises(ValidationError) as refusal:
        image_prepare(bomb, max_bytes=10 * MB)
    elapsed = time.monotonic() - started

    assert refusal.value.code == "too_many_pixels"
    assert "13000 × 13000" in refusal.value.messages[0]
    # Decoding it took 7.7 s and 1.5 GB; reading the header takes milliseconds.
    assert elapsed < 1, elapsed


def test_the_pixel_budget_is_a_setting(settings):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 1000 * 1000
    with pytest.raises(ValidationError) as refusal:
        image_prepare(upload(Image.new("RGB", (1200, 900)), "JPEG"), max_bytes=10 * MB)
    assert refusal.value.code == "too_many_pixels"


def test_gps_exif_is_stripped_and_the_orientation_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned, show it rotated 90°
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (27.0, 42.0, 0.0), 3: "E", 4: (85.0, 19.0, 0.0)})
    photo = upload(Image.new("RGB", (400, 300), "orange"), "JPEG", exif=exif)
    with Image.open(io.BytesIO(photo.read())) as sent:
        assert sent.getexif().get_ifd(0x8825)  # the test photo does carry a position
    photo.seek(0)

    prepared = image_prepare(photo, max_bytes=10 * MB)

    with Image.open(io.BytesIO(prepared.original)) as stored:
        assert (stored.format, stored.size) == ("JPEG", (300, 400))
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    assert b"PhoneMaker" not in prepared.original
    assert prepared.extension == ".jpg"


def test_a_large_jpeg_within_the_budget_is_stored_at_a_bounded_size():
    photo = upload(Image.new("RGB", (8400, 4600), "green"), "JPEG")

    prepared = image_prepare(photo, max_bytes=10 * MB)

    with Image.open(io.BytesIO(prepared.original)) as stored:
        assert max(stored.size) == MAX_IMAGE_SIDE
    with Image.open(io.BytesIO(prepared.thumbnail)) as thumbnail:
        assert (thumbnail.format, max(thumbnail.size)) == ("JPEG", 480)


def test_png_text_chunks_are_not_kept():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "home address")
    photo = upload(Image.new("RGBA", (50, 40)), "PNG", pnginfo=info)

    prepared = image_prepare(photo, max_bytes=10 * MB)

    assert prepared.extension == ".png"
    assert b"home address" not in prepared.original


def test_a_file_that_is_not_a_photo_is_refused():
    with pytest.raises(ValidationError) as refusal:
        image_prepare(SimpleUploadedFile("a.jpg", b"not an image at all"), max_bytes=10 * MB)
    assert refusal.value.code == "not_a_photo"


def test_a_photo_far_above_pillows_own_limit_is_refused_as_too_large():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000), 0).save(buffer, format="PNG", optimize=True)

    with pytest.raises(ValidationError) as error:
        image_prepare(SimpleUploadedFile("bomb.png", buffer.getvalue()), max_bytes=10 * MB)

    assert error.value.code == "too_many_pixels"
