"""Typesetting reads only what the project owns: its own media files (photos,
images pasted into a body) print, read from storage; any other address —
another host, a redirect, a file of the server, the site's own protected
files — is refused without a single network request."""

import http.server
import io
import threading

import pdfplumber
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from bulletins.models import ItemImage, ItemState
from bulletins.typesetting import render_issue_pdf
from bulletins.typesetting.fetcher import is_printable

from . import factories


class CountingListener:
    """A local HTTP server that counts every request and answers with a PNG
    (or a redirect to itself, for /redirect)."""

    def __init__(self):
        self.requests = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                listener.requests.append(self.path)
                if self.path.startswith("/redirect"):
                    self.send_response(302)
                    self.send_header("Location", "/x.png")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(_png_bytes())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    with CountingListener() as server:
        yield server


def _png_bytes(size=(400, 300), colour=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def _jpeg_bytes(size=(1200, 800)):
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def _issue_with_body(publication, unit, contributor, body, number=1):
    issue = factories.make_issue(publication, number=number, year=2026)
    item = factories.make_item(unit, contributor, title="图片测试稿件", body=body, state=ItemState.ACCEPTED)
    factories.place(issue, [item], lead=item)
    return issue, item


def _images_printed(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return sum(len(page.images) for page in pdf.pages)


def _hostile_body(base):
    return (
        "<p>正文第一段。</p>"
        f'<p><img src="{base}/x.png"></p>'
        f'<p><img src="{base}/redirect"></p>'
        f'<p><img src="{base.replace("127.0.0.1", "localhost")}/x.png"></p>'
        '<p><img src="file:///etc/passwd"></p>'
        '<p><img src="/media/originals/2026/01/secret.png"></p>'
        '<p><img src="/media/../../etc/hostname.png"></p>'
        "<p>正文第二段。</p>"
    )


@pytest.mark.parametrize("kind", ["bulletin", "newspaper"])
def test_rendering_never_requests_a_url_from_a_body(kind, unit, contributor, listener, request):
    publication = request.getfixturevalue(kind)
    issue, _ = _issue_with_body(publication, unit, contributor, _hostile_body(listener.url))

    pdf = render_issue_pdf(issue, final=False)

    assert listener.requests == []
    assert _images_printed(pdf) == 0


def test_a_pasted_body_image_prints_in_the_bulletin(bulletin, unit, contributor):
    name = default_storage.save("inline/7/pasted.png", ContentFile(_png_bytes()))
    issue, _ = _issue_with_body(bulletin, unit, contributor, f'<p>文字。</p><figure><img src="/media/{name}"></figure>')

    assert _images_printed(render_issue_pdf(issue, final=False)) == 1


def test_a_pasted_body_image_prints_in_the_newspaper(newspaper, unit, contributor):
    name = default_storage.save("inline/7/pasted.png", ContentFile(_png_bytes()))
    issue, _ = _issue_with_body(newspaper, unit, contributor, f'<p>文字。</p><p><img src="/media/{name}"></p>')

    assert _images_printed(render_issue_pdf(issue, final=False)) >= 1


def test_a_bulletin_items_photo_prints_with_its_caption_as_the_reading_edition_shows_it(bulletin, unit, contributor):
    issue, item = _issue_with_body(bulletin, unit, contributor, "<p>工地现场。</p>")
    photo = ItemImage(item=item, caption="施工人员正在铺设管网", credit="张明")
    photo.image.save("site.jpg", ContentFile(_jpeg_bytes()), save=True)

    pdf = render_issue_pdf(issue, final=False)

    assert _images_printed(pdf) == 1
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages).replace("\n", "")
    assert "施工人员正在铺设管网（张明摄）" in text.replace("\u200b", "").replace("\u2060", "").replace(" ", "")


def test_the_fetcher_accepts_only_own_printable_media_and_static_paths(settings):
    settings.ALLOWED_HOSTS = ["desk.example.org"]
    assert is_printable("/media/inline/3/a.png")
    assert is_printable("/media/photos/2026/01/a.jpg")
    assert is_printable("https://desk.example.org/media/inline/3/a.png")
    assert not is_printable("http://127.0.0.1:8199/x.png")
    assert not is_printable("https://desk.example.org.evil.test/media/inline/3/a.png")
    assert not is_printable("/media/originals/2026/01/a.png")  # attachments never print
    assert not is_printable("/media/issues/2026/a.pdf")
    assert not is_printable("/media/inline/../originals/a.png")
    assert not is_printable("/media/inline/3/a.png?x=1")
    assert not is_printable("file:///etc/passwd")
    assert not is_printable("ftp://desk.example.org/media/inline/3/a.png")


def test_an_outside_image_is_named_in_the_layout_notes(bulletin, unit, contributor, listener):
    issue, _ = _issue_with_body(bulletin, unit, contributor, f'<p>正文。</p><p><img src="{listener.url}/x.png"></p>')

    pdf = render_issue_pdf(issue, final=False)

    assert any("稿件《图片测试稿件》" in note and f"{listener.url}/x.png" in note and "不会印出" in note for note in pdf.notes)
    assert listener.requests == []
