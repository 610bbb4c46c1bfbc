"""Serving: who counts as an anonymous reader, what gets compressed, and the
Content-Security-Policy."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.gzip import GZipMiddleware


def _no_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class AnonymousReaderMiddleware:
    """A request without a session cookie is anonymous: say so without opening
    the session. Opening it would add ``Vary: Cookie`` to every reader's page,
    and no shared cache could keep one. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _no_session(request):
            anonymous = AnonymousUser()
            request.user = anonymous

            async def auser():
                return anonymous

            request.auser = auser
        return self.get_response(request)


class ReaderGZipMiddleware(GZipMiddleware):
    """GZip for pages that carry no secret. A compressed page holding a secret
    beside text an attacker chooses leaks the secret through its length
    (BREACH), so pages for a session, or setting a cookie (a page that uses its
    CSRF token sets the CSRF cookie), go out uncompressed. Readers' pages do neither."""

    def process_response(self, request, response):
        if not _no_session(request) or response.cookies:
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.NEWSDESK_CSP`` (directive → sources) on every response
    that has no policy of its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = "; ".join(
            f"{name} {' '.join(sources)}".strip() for name, sources in settings.NEWSDESK_CSP.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response
