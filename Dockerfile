# Production image: one image for the web (gunicorn) and the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NEWSROOM_VAR_DIR=/srv/newsroom/var \
    MEDIA_ROOT=/srv/newsroom/media \
    STATIC_ROOT=/srv/newsroom/staticfiles

# Fonts and WeasyPrint's libraries: the same list `make run` installs.
COPY scripts/debian-packages.txt /tmp/debian-packages.txt
RUN apt-get update \
    && apt-get install -y --no-install-recommends $(grep -v '^\s*#' /tmp/debian-packages.txt) \
    && rm -rf /var/lib/apt/lists/* /tmp/debian-packages.txt

WORKDIR /srv/newsroom/app
COPY pyproject.toml manage.py ./
COPY newsroom ./newsroom
COPY bulletins ./bulletins
COPY templates ./templates
COPY static ./static
# Editable: the project runs from this folder (templates, static beside the code).
RUN pip install --no-cache-dir -e .

# Static files are collected at build time and served by whitenoise.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --system --home /srv/newsroom newsroom \
    && mkdir -p "$NEWSROOM_VAR_DIR" "$MEDIA_ROOT" \
    && chown -R newsroom "$NEWSROOM_VAR_DIR" "$MEDIA_ROOT"
USER newsroom
VOLUME ["/srv/newsroom/media"]
EXPOSE 8000

CMD ["gunicorn", "newsroom.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
