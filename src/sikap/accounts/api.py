"""API plumbing owned by accounts: the Swagger UI page under the strict CSP."""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its init script served as a separate same-origin response.

    drf-spectacular's default page inlines that script and a <style> block, which our CSP
    (script-src 'self'; style-src 'self') blocks; the split view serves the script at
    `?script`, and our template drops the inline style.
    """

    template_name = "accounts/api_docs.html"
