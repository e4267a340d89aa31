"""Web dashboard and REST API over a Pantau database (`pantau serve`)."""
from __future__ import annotations

import ipaddress

from .app import create_app

__all__ = ["create_app", "serve", "is_loopback"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the dashboard and API until interrupted; a token is required off the loopback."""
    if not is_loopback(host) and not token:
        raise ValueError(f"refusing to serve on {host} without a token: give --token (or PANTAU_TOKEN), "
                         "or bind 127.0.0.1")
    import uvicorn

    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning", server_header=False)
