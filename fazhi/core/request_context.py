"""The current request's client address, for audit entries written deep inside services."""

from contextvars import ContextVar

_ip: ContextVar[str] = ContextVar("fazhi_client_ip", default="")


def set_ip(ip: str) -> object:
    """Set the client IP for the current request; returns a token for `reset_ip`."""
    return _ip.set(ip)


def reset_ip(token: object) -> None:
    """Forget the client IP at the end of a request."""
    _ip.reset(token)  # type: ignore[arg-type]


def current_ip() -> str:
    """The client IP of the request being served, or '' outside a request."""
    return _ip.get()
