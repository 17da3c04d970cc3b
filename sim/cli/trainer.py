"""``outreach app``: the trainer app in the browser."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
from typing import Annotated

import typer

from sim.cli.common import app, err_console, out_console
from sim.errors import InputError


@app.command("app")
def app_cmd(
    scenario: Annotated[str | None, typer.Option(
        metavar="NAME", help="Scenario to open with (a name from `outreach scenarios`, e.g. roermond_pilot).")] = None,
    port: Annotated[int, typer.Option(metavar="PORT", help="Port to listen on.")] = 8765,
    host: Annotated[str, typer.Option(
        metavar="HOST", help="Address to listen on; loopback unless you say otherwise.")] = "127.0.0.1",
) -> None:
    """Start the trainer app (Solara, on the Mesa model) and print its address."""
    from sim.cli.common import need

    need("solara", "app", "app")
    from sim.app_model import scenario_names  # not sim.app: solara must not load before its settings
    name = scenario.removesuffix(".yaml").split("/")[-1] if scenario is not None else None
    if name is not None and name not in scenario_names():
        raise InputError("command line", "--scenario", f"unknown scenario {scenario!r}",
                         f"allowed: {', '.join(scenario_names())}")
    if not 0 < port < 65536:
        raise InputError("command line", "--port", f"value {port} is not a port", "allowed: 1 to 65535")
    _check_can_listen(host, port)
    if name is not None:
        os.environ["OUTREACH_APP_SCENARIO"] = name
    url = f"http://{host}:{port}/"
    out_console.print(url, markup=False, highlight=False)
    err_console.print(f"trainer app at {url} (Ctrl+C stops it)", markup=False)
    sys.stdout.flush()
    from sim.app_server import serve

    with contextlib.suppress(KeyboardInterrupt):
        serve(host, port)  # only the page and what it loads are served (sim/app_server.py)


def _check_can_listen(host: str, port: int) -> None:
    """Refuse a taken port or an address this machine does not have, before printing a URL."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise InputError("command line", "--host", f"unknown address {host!r}",
                         "an address of this machine, e.g. 127.0.0.1") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            key, allowed = ("--port", "a free port, e.g. --port 8766") if exc.errno == errno.EADDRINUSE else (
                "--host", "an address of this machine, e.g. 127.0.0.1")
            raise InputError("command line", key, f"cannot listen on {host}:{port} ({exc.strerror})", allowed) from None
