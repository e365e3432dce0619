# One image for web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=volunteer_portal.settings.production

# Pango and HarfBuzz lay out and subset the PDFs; their fonts are vendored in
# static/vendor/fonts/, so no font package is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpq5 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Installed in place (editable), so that the settings find templates, static files and
# translations beside the code.
COPY . .
RUN pip install -c requirements.lock -e . \
    && python -c "import pathlib, polib; [polib.pofile(str(po)).save_as_mofile(str(po.with_suffix('.mo'))) for po in pathlib.Path('locale').glob('*/LC_MESSAGES/*.po')]" \
    && SECRET_KEY=collectstatic-only-not-a-real-secret-key-0123456789abcdef \
       PORTAL_BASE_URL=https://collectstatic.invalid \
       python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home /app portal \
    && mkdir -p /app/media && chown portal /app/media

USER 10001
EXPOSE 8000
CMD ["gunicorn", "volunteer_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
