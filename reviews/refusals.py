"""What a refused transition raises."""


class TransitionRefused(Exception):
    """A transition that cannot be taken; str(exc) says why, naming the state.

    `status` is the HTTP status a view should answer with: 403 when the user's role does
    not allow the transition, 400 when required input is missing, 409 when the case is
    not in a state (or does not yet hold the data) that allows it."""

    def __init__(self, message, status=409):
        super().__init__(message)
        self.status = status
