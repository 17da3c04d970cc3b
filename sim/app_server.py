"""The trainer app's web server: solara's Starlette app behind an allow-list of paths.

Solara answers every unknown path with the page and can serve a ``public`` folder, Jupyter
extension folders, server statistics and, through its CDN proxy, any package from the
internet. A trainer's laptop should hand out the app and nothing else, so only the page, the
static assets the page loads and the kernel connection pass; everything else is a 404.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

APP = "sim.app:page"

# What the page loads (recorded from a browser session; tests/test_app_browser.py checks that
# every request the page makes is answered and that other paths are not).
EXACT = {"/", "/readyz"}
PREFIXES = (
    "/static/assets/",  # solara's styles, fonts and icons
    "/jupyter/nbextensions/jupyter-vue/",  # the widget libraries the app draws with
    "/jupyter/nbextensions/jupyter-vuetify/",
    "/jupyter/nbextensions/jupyter-js-widgets/",
    "/jupyter/api/kernels/",  # the kernel connection (HTTP and websocket)
    "/_solara/api/close/",  # the page closing its kernel
)
CDN = "/_solara/cdn/"  # front-end packages, from the copy solara-assets installs, never downloaded


def allowed(path: str) -> bool:
    if path in EXACT:
        return True
    if ".." in path or "\\" in path or "//" in path or "\x00" in path:
        return False
    if path.startswith(PREFIXES):
        return True
    from solara.server import server

    if path.startswith("/static/"):  # solara's own loader scripts, one level deep
        name = path.removeprefix("/static/")
        return "/" not in name and (server.solara_static / name).is_file()
    if path.startswith(CDN):
        from solara.server.settings import assets

        cache = Path(assets.proxy_cache_dir).resolve()
        target = (cache / path.removeprefix(CDN)).resolve()
        return target.is_relative_to(cache) and target.is_file()
    return False


def configure() -> None:
    """Settings solara reads when it is imported: production mode, no telemetry. The CDN proxy
    stays on because it is how the page gets the local copy of its front-end packages."""
    os.environ["SOLARA_APP"] = APP
    os.environ["SOLARA_MODE"] = "production"
    os.environ["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    # a projector shows the app, not solara's banner; the tab is named before the page names it
    os.environ["SOLARA_THEME_SHOW_BANNER"] = "False"
    os.environ["SOLARA_THEME_TITLE"] = "outreach-sim"


def asgi_app():
    configure()
    from solara.server.starlette import app as solara_app

    async def app(scope, receive, send):
        if scope["type"] in ("http", "websocket") and not allowed(scope.get("path", "")):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body = b"not found\n"
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await solara_app(scope, receive, send)

    return app


def serve(host: str, port: int) -> None:
    import uvicorn

    os.environ["SERVER_NAME"], os.environ["SERVER_PORT"] = host, str(port)  # as ``solara run`` sets them
    # a page on plain http keeps its session cookie at samesite=lax, which is right here; solara
    # warns about it on every page load
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https", category=UserWarning)
    uvicorn.run(asgi_app(), host=host, port=port, log_level="warning", ws="auto", lifespan="on")
