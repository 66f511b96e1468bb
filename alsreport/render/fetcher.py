"""WeasyPrint's URL fetcher, restricted: ``data:`` URIs and files in allowed folders only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from alsreport.render.embed import is_inside

__all__ = ["RestrictedFetcher"]


class RestrictedFetcher(URLFetcher):
    """Fetches ``data:`` URIs and ``file:`` URLs inside ``allowed`` folders; refuses the rest.

    Every refused URL is kept in :attr:`refused` so the caller can report it;
    WeasyPrint itself goes on without the resource.
    """

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.allowed = [Path(p).resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:  # type: ignore[override]
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlparse(url).path)))
            if is_inside(path, self.allowed):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise PermissionError(f"{url} is outside the output and templates folders; not read")
        self.refused.append(url)
        raise PermissionError(f"{url} is not a data: URI or a local file; not fetched")
