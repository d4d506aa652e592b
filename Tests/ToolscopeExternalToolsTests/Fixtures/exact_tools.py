"""Functions for the exact-arguments and process-limit tests."""
import time


def reveal(**arguments):
    """Answers with repr() of the arguments exactly as Python received them."""
    return repr(arguments)


def pause(seconds: float) -> str:
    """Sleeps, then answers; the limit tests run several at once."""
    time.sleep(seconds)
    return "rested"
