"""A cached property for the hot per-line objects.

``functools.cached_property`` takes a lock on every first access before Python 3.12; the
engine builds tens of thousands of spans and line scans per thousand articles, and the
lock was a measurable share of the time. This one computes on first access and stores the
value in the instance's ``__dict__``, which then shadows the descriptor (no lock: objects
here are never shared between threads while being built).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class lazy(Generic[T]):
    """Decorator: a read-only property computed once per instance."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = getattr(func, "__name__", "")  # (set again by __set_name__)
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> lazy[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | lazy[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value
