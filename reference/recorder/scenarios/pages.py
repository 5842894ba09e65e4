"""The HTTP side: the app page and autoload.js, bodies and response heads."""

from __future__ import annotations

from .. import http
from ..websocket import HOST
from .context import Context


async def app_page(ctx: Context) -> None:
    head, body = http.get(ctx.port, ctx.app)
    (ctx.out / "app-page.html").write_bytes(body)
    (ctx.out / "app-page.headers.txt").write_text(head + "\n")


async def autoload(ctx: Context) -> None:
    target = (f"{ctx.app}/autoload.js?bokeh-autoload-element=bk-root-elem&bokeh-app-path={ctx.app}"
              f"&bokeh-absolute-url=http://{HOST}:{ctx.port}{ctx.app}")
    head, body = http.get(ctx.port, target)
    (ctx.out / "autoload.js").write_bytes(body)
    (ctx.out / "autoload.headers.txt").write_text(f"GET {target}\n\n{head}\n")


SCENARIOS = [app_page, autoload]
