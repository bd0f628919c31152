"""Domain errors: every one carries a Chinese message for the user and optionally the field at fault."""


class DomainError(Exception):
    """A business rule refused the operation; nothing was written."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(DomainError):
    """A state change that the state graph does not allow."""

    def __init__(self, *, current: str, target: str, labels: dict[str, str] | None = None) -> None:
        names = labels or {}
        super().__init__(
            f"当前状态“{names.get(current, current)}”不能变更为“{names.get(target, target)}”"
        )
        self.current = current
        self.target = target
