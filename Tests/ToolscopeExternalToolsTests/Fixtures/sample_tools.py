"""Sample functions for toolscope's Python binding tests: typed, documented, and misbehaving."""
import dataclasses
import datetime
import enum
import time
import warnings
from typing import Literal, Optional, TypedDict


class Unit(enum.Enum):
    CELSIUS = "celsius"
    FAHRENHEIT = "fahrenheit"


@dataclasses.dataclass
class Point:
    x: float
    y: float
    label: str = ""


class Address(TypedDict):
    street: str
    city: str


def get_weather(city: str, unit: Unit = Unit.CELSIUS, days: int = 1) -> dict:
    """Get the weather forecast for a city.

    Args:
        city: Name of the city, e.g. "Paris".
        unit: Temperature unit.
        days (int): How many days to forecast,
            counting today.
    """
    return {"city": city, "unit": unit.value, "days": days, "temps": [21.5] * days}


def add(a: int, b: int) -> int:
    """Add two integers.

    Parameters
    ----------
    a : int
        The first addend.
    b : int
        The second addend.

    Returns
    -------
    int
    """
    return a + b


def distance(p: Point, q: Point, mode: Literal["euclid", "manhattan"] = "euclid") -> float:
    """Distance between two points.

    :param p: The first point.
    :param q: The second point.
    :param mode: Which metric to use.
    :returns: The distance.
    """
    if mode == "manhattan":
        return abs(p.x - q.x) + abs(p.y - q.y)
    return ((p.x - q.x) ** 2 + (p.y - q.y) ** 2) ** 0.5


def ship(to: Address, tags: list[str], note: Optional[str], sizes: tuple[int, int] = (1, 1),
         extra: dict[str, float] | None = None) -> str:
    """Ship a parcel.

    Args:
        to: Where it goes.
        tags: Labels for the parcel.
        note: A note for the courier.
        sizes: Width and height.
        extra: Surcharges by name.
    """
    return "to %s, %s: tags=%s note=%s sizes=%s" % (to["street"], to["city"], ",".join(tags), note, list(sizes))


def fail(reason: str) -> None:
    """Always raises ValueError.

    Args:
        reason: The message of the error.
    """
    raise ValueError(reason)


def slow(seconds: float) -> str:
    """Sleeps, then answers.

    Args:
        seconds: How long to sleep.
    """
    time.sleep(seconds)
    return "done"


def chatty(n: int) -> int:
    """Prints and warns while computing.

    Args:
        n: A number to double.
    """
    print("working on", n)
    warnings.warn("chatty is deprecated", DeprecationWarning)
    return n * 2


def when() -> dict:
    """Returns a value JSON cannot hold."""
    return {"at": datetime.datetime(2024, 5, 1, 12, 0), "ok": True}


def crash() -> None:
    """Kills the worker process outright."""
    import os
    os._exit(3)
