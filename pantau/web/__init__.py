"""Web dashboard and REST API over a Pantau database (`pantau serve`)."""
from __future__ import annotations

import ipaddress

from .app import LOOPBACK_NAMES, create_app

__all__ = ["create_app", "serve", "is_loopback"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


MIN_TOKEN = 16  # characters: a token anyone on the network may guess at must not be short


def check_serving(host: str, token: str | None) -> None:
    """ValueError when `host` may not be served with `token`: off the loopback a token of at least
    MIN_TOKEN characters is required."""
    if not is_loopback(host) and not (token and token.strip()):
        raise ValueError(f"refusing to serve on {host} without a token: give --token (or PANTAU_TOKEN), "
                         "or bind 127.0.0.1")
    if token is not None and not is_loopback(host) and len(token.strip()) < MIN_TOKEN:
        raise ValueError(f"refusing to serve on {host} with a token of {len(token.strip())} characters: "
                         f"give one of at least {MIN_TOKEN} (e.g. python -c 'import secrets; "
                         "print(secrets.token_urlsafe())')")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the dashboard and API until interrupted; a token of at least MIN_TOKEN characters is
    required off the loopback. Without a token only loopback Host names are answered, so a web
    page whose name is made to point at 127.0.0.1 (DNS rebinding) cannot read the data."""
    check_serving(host, token)
    import uvicorn

    app = create_app(db, token, hosts=None if token else LOOPBACK_NAMES)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
