"""How every PDF is printed (certificates here, reports in the app above): WeasyPrint
with the Noto fonts vendored in `static/vendor/fonts/`.

No system font and no network is needed: `static/css/pdf-fonts.css` declares the fonts with
URLs relative to itself, which WeasyPrint resolves to files, and the URL fetcher refuses
anything but files and data URLs. WeasyPrint is imported inside the functions, so that code
using this module imports even where Pango is missing.
"""

from django.conf import settings

# Latin, Chinese, Devanagari (Nepali) and Burmese, in the order the PDFs ask for them.
FONT_FAMILIES = ("Noto Sans", "Noto Sans SC", "Noto Sans Devanagari", "Noto Sans Myanmar")
FONT_FAMILY = ", ".join(f'"{family}"' for family in FONT_FAMILIES)
FONTS_CSS = settings.BASE_DIR / "static" / "css" / "pdf-fonts.css"
ALLOWED_PROTOCOLS = ("file", "data")


def pdf_document(*, html: str, stylesheets: tuple[str, ...] = ()):
    """`html` laid out by WeasyPrint with the vendored fonts and then `stylesheets` (CSS
    strings): a `Document`, whose `write_pdf()` gives the bytes or writes a file."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS)
    font_config = FontConfiguration()
    sheets = [CSS(filename=str(FONTS_CSS), font_config=font_config, url_fetcher=fetcher)]
    sheets += [CSS(string=css, font_config=font_config, url_fetcher=fetcher) for css in stylesheets]
    document = HTML(string=html, url_fetcher=fetcher)
    return document.render(stylesheets=sheets, font_config=font_config)
