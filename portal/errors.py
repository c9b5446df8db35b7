"""The error services raise when a rule forbids an action; its message is shown to the user."""


class ServiceError(Exception):
    """A business rule refused the action. ``message`` is translated and safe to show.

    ``status`` is the HTTP status an adapter should answer with (400 invalid, 403 forbidden,
    409 conflicting state).
    """

    def __init__(self, message, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status
