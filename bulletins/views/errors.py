"""Error pages in Chinese, and the one exception a view raises for input it cannot use.

``BadInput`` carries a Chinese message naming what was wrong; the 400 handler
shows it. Django's own 400 causes (a request too large, too many fields) get a
Chinese explanation too, and the 500 page needs neither the database nor the
session, so it shows even when those are what failed.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseBadRequest, HttpResponseServerError, QueryDict
from django.utils.datastructures import MultiValueDict
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class BadInput(BadRequest):
    """A request parameter that is not one the page offers; the message is shown to the user."""


def parse_id(value, what="编号"):
    """A row id from a request parameter, or BadInput naming the parameter."""
    text = str(value).strip()
    shown = text if len(text) <= 24 else text[:24] + "…"
    if not text.isascii() or not text.isdigit() or int(text) == 0:
        raise BadInput(f"{what}“{shown}”无效：应为正整数。")
    if int(text) > MAX_ID:
        raise BadInput(f"{what}“{shown}”超出范围，没有这样的{what}。")
    return int(text)


def choice(value, choices, what):
    """``value`` if it is one of ``choices`` (or empty), else BadInput naming the parameter."""
    if value and value not in choices:
        shown = value if len(value) <= 24 else value[:24] + "…"
        raise BadInput(f"{what}“{shown}”不存在，请从页面上的选项中选择。")
    return value


def _too_big_message():
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return (
        f"提交的内容太大（除附件和图片外，一次最多 {megabytes} MB），服务器没有接收，也没有保存任何内容。"
        "您输入的文字仍在原页面中：请返回上一页，把过长的正文分成几篇，或删去粘贴进来的多余内容后再保存。"
    )


@requires_csrf_token
def bad_request(request, exception):
    if isinstance(exception, BadInput):
        message = str(exception)
    elif isinstance(exception, RequestDataTooBig):
        message = _too_big_message()
    elif isinstance(exception, TooManyFieldsSent):
        message = "提交的字段太多，服务器没有接收。请减少一次处理的稿件数量后重试。"
    else:
        message = "请求的格式不正确，服务器无法处理。请返回上一页，刷新后重试。"
    body = loader.render_to_string("400.html", {"message": message}, request=request)
    return HttpResponseBadRequest(body)


class ChineseBadRequestMiddleware:
    """Answers bad input with the Chinese 400 page in development (DEBUG) too,
    where Django would show its English technical page: a form too large to read
    (before the CSRF check reads it) and a view's BadInput."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # parsed here once, as the CSRF check would
            except (RequestDataTooBig, TooManyFieldsSent) as exception:
                # Nothing more is read from this request (the error page's CSRF step would try again).
                request._post, request._files = QueryDict(), MultiValueDict()
                return bad_request(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadInput):
            return bad_request(request, exception)
        return None


def server_error(request):
    return HttpResponseServerError(loader.render_to_string("500.html"))
