"""``outreach app``: the trainer app in the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Annotated

import typer

from sim.cli.common import app, err_console, out_console
from sim.errors import InputError


@app.command("app")
def app_cmd(
    scenario: Annotated[str | None, typer.Option(help="Scenario to open with (a name from scenarios/, e.g. roermond_pilot).")] = None,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    host: Annotated[str, typer.Option(help="Address to listen on; loopback unless you say otherwise.")] = "127.0.0.1",
) -> None:
    """Start the trainer app (Mesa SolaraViz) and print its address."""
    from sim.app import scenario_names

    if scenario is not None and scenario.removesuffix(".yaml").split("/")[-1] not in scenario_names():
        raise InputError("--scenario", "--scenario", f"unknown scenario {scenario!r}",
                         f"allowed: {', '.join(scenario_names())}")
    if not 0 < port < 65536:
        raise InputError("--port", "--port", f"value {port} is not a port", "allowed: 1 to 65535")
    env = dict(os.environ)
    if scenario is not None:
        env["OUTREACH_APP_SCENARIO"] = scenario.removesuffix(".yaml").split("/")[-1]
    url = f"http://{host}:{port}/"
    out_console.print(url, markup=False, highlight=False)
    err_console.print(f"trainer app at {url} (Ctrl+C stops it)", markup=False)
    sys.stdout.flush()
    # solara's production server serves the page and its own assets, nothing from this folder
    cmd = [sys.executable, "-m", "solara", "run", "sim.app:page", "--host", host, "--port", str(port),
           "--production", "--no-open"]
    try:
        code = subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)
