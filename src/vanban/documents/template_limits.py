"""Limits on what rendering a template may cost: time, size, and the constructs it may use.

Jinja's sandbox stops a template from reaching Python's internals, not from being expensive: a
triple loop, ``''|center(10**9)``, ``'A' * 4000000000`` or a macro calling itself ran for
minutes or took gigabytes. vanban renders in the calling process (no worker per document:
compiled templates and patched XML stay cached, and a fork per render would cost more than the
render), so the limits a worker would get from rlimits are set on the render itself:

- memory: while a template renders, the process's address space may grow by at most
  RENDER_MEMORY_BYTES (``setrlimit(RLIMIT_AS)``, lowered for the render and restored after;
  POSIX main thread, Linux). Whatever a template finds to allocate — a str method such as
  ``'x'.ljust(10**9)``, printing a list that holds one long text a million times — fails
  there with MemoryError, reported as a refused template, instead of taking gigabytes;
- time: a render runs under a CPU deadline (``setitimer(ITIMER_PROF)``, POSIX main thread;
  elsewhere, e.g. Windows, without it); a pure-Python Jinja loop is interrupted between
  bytecodes and reported as a TemplateError. A single C call cannot be interrupted, so the
  ones that can run for minutes on a small input are refused before they start: powers of
  big integers, ``round`` to a huge precision, repeat counts and widths passed to str methods;
- size: every operator and filter that can make a big value from a small template is checked
  (``*``, ``**``, ``+``, ``%``, ``~``, center, indent, wordwrap, truncate, format, replace,
  batch, slice, round, and calls of str methods), and the rendered text itself is capped
  while it is produced. These give the clear message; the memory ceiling is the backstop;
- constructs: ``include``, ``import``, ``extends`` (a template is one file) and macros that call
  macros (the only way to recurse) are refused when the template is compiled.

Every refusal is a jinja2 SecurityError (RefusedConstruct, raised at compile time, is also a
TemplateSyntaxError so that template lint reports it where it reports syntax), which the renderer
reports as an unsafe template.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateSyntaxError

try:
    import resource
except ImportError:  # Windows: no rlimits; the size checks and the deadline still apply
    resource = None  # type: ignore[assignment]

# A rendered part of a .docx (document.xml with its markup) is far below this.
MAX_OUTPUT_CHARS = 20_000_000
# Any single value built inside a template: a string, a list.
MAX_VALUE_LENGTH = 2_000_000
# Widths and counts passed to filters (center, indent, wordwrap, truncate).
MAX_WIDTH = 10_000
MAX_EXPONENT = 1_000
# CPU seconds for one render; the shipped templates take well under one.
RENDER_CPU_SECONDS = 10.0
# Address space one render may add; the 40-page plan with a 1000-row table adds ~60 MB.
RENDER_MEMORY_BYTES = 512 * 1024 * 1024
# Bits of an integer a template may compute (a 30 000-digit number).
MAX_INTEGER_BITS = 100_000

_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?")
_NEW_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"{what} would exceed the size a document may hold")


def check_length(value: Any) -> Any:
    """Return ``value``, or refuse it when it is a string or list longer than allowed."""
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_VALUE_LENGTH:
        raise _too_big(f"a value of {len(value)} items")
    return value


def text_weight(value: Any, budget: int = MAX_OUTPUT_CHARS) -> int:
    """Roughly how many characters ``value`` prints as, counting at most ``budget``."""
    if isinstance(value, str | bytes):
        return len(value)
    if not isinstance(value, list | tuple | dict):
        return 1
    total = len(value)
    for item in value.items() if isinstance(value, dict) else value:
        total += text_weight(item, budget - total)
        if total > budget:
            break
    return total


def check_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call whose numbers or format would build a value too big to hold.

    str methods run in one C call: ``'x'.ljust(10**9)`` takes a gigabyte before any check
    after the call could see it.
    """
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_VALUE_LENGTH:
            raise _too_big(f"the number {value} passed to {getattr(function, '__name__', '?')}")


def check_format_method(method: Any) -> None:
    """Refuse ``'{:>1000000000}'.format`` (and format_map) before the sandbox wraps it."""
    owner = getattr(method, "__self__", None)
    if isinstance(owner, str) and getattr(method, "__name__", "") in ("format", "format_map"):
        _check_format_string(owner)


def _check_format_string(text: str) -> None:
    for match in _FORMAT_WIDTH.finditer(text):
        for number in (match.group(1), match.group(3)):
            if number == "*" or (number and int(number) > MAX_WIDTH):
                raise _too_big(f"the format width {number}")
    for match in _NEW_FORMAT_WIDTH.finditer(text):
        if int(match.group(1)) > MAX_WIDTH:
            raise _too_big(f"the format width {match.group(1)}")


def checked_binop(operator: str, left: Any, right: Any, apply: Callable[[Any, Any], Any]) -> Any:
    """Apply ``operator`` after checking that its result cannot be too big."""
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            sized = isinstance(sequence, str | list | tuple) and isinstance(count, int)
            # A list repeats references: printed, each one is the whole item again.
            if sized and text_weight(sequence) * max(count, 0) > MAX_VALUE_LENGTH:
                raise _too_big(f"repeating a value {count} times")
    elif operator == "**":
        if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise _too_big(f"the power {right}")
        # (10**1000)**1000 has a small exponent and a million digits: Python computes it in one
        # C call that no deadline interrupts.
        integers = isinstance(left, int) and isinstance(right, int) and right > 0
        if integers and max(left.bit_length(), 1) * right > MAX_INTEGER_BITS:
            raise _too_big(f"the power {right} of a {left.bit_length()}-bit number")
    elif operator == "%" and isinstance(left, str):
        _check_format_string(left)
    return check_length(apply(left, right))


def _width(value: Any, name: str) -> None:
    if isinstance(value, int | float) and abs(value) > MAX_WIDTH:
        raise _too_big(f"{name} {value}")


def limited_filters(filters: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Wrap the filters that take a size or a format, so they refuse oversized results."""
    wrapped: dict[str, Callable[..., Any]] = {}

    def sized(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            for value in (*args[1:], *kwargs.values()):
                _width(value, f"the {name} width")
            return check_length(original(*args, **kwargs))

        return run

    def formatted(original: Callable[..., Any]) -> Callable[..., Any]:
        def run(value: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(value, str):
                _check_format_string(value)
            return check_length(original(value, *args, **kwargs))

        return run

    def rounded(original: Callable[..., Any]) -> Callable[..., Any]:
        def run(value: Any, precision: Any = 0, *args: Any, **kwargs: Any) -> Any:
            # round(5, -10**9) computes 10**(10**9) in one C call.
            if isinstance(precision, int | float) and abs(precision) > MAX_EXPONENT:
                raise _too_big(f"the rounding precision {precision}")
            return original(value, precision, *args, **kwargs)

        return run

    def replaced(original: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            # (eval_ctx, s, old, new[, count]): the three strings are the text, old and new.
            texts = [value for value in args if isinstance(value, str)] + ["", "", ""]
            text, old, new = texts[:3]
            if old and len(new) > len(old):
                growth = text.count(old) * (len(new) - len(old))
                if len(text) + growth > MAX_VALUE_LENGTH:
                    raise _too_big("the replacement")
            return check_length(original(*args, **kwargs))

        return run

    for name in ("center", "indent", "wordwrap", "truncate", "batch", "slice"):
        if name in filters:
            wrapped[name] = sized(name, filters[name])
    if "format" in filters:
        wrapped["format"] = formatted(filters["format"])
    if "round" in filters:
        wrapped["round"] = rounded(filters["round"])
    if "replace" in filters:
        wrapped["replace"] = replaced(filters["replace"])
    for name, original in wrapped.items():
        for attribute in ("jinja_pass_arg",):  # keep @pass_eval_context and the like
            if hasattr(filters[name], attribute):
                setattr(original, attribute, getattr(filters[name], attribute))
    return wrapped


def capped_concat(parts: Iterable[str]) -> str:
    """Join the rendered pieces, refusing once the output passes MAX_OUTPUT_CHARS."""
    pieces: list[str] = []
    total = 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT_CHARS:
            raise _too_big(f"the rendered text ({total} characters so far)")
        pieces.append(part)
    return "".join(pieces)


class RefusedConstruct(TemplateSyntaxError, SecurityError):
    """A construct a document template may not use, found when the template is compiled."""


def refuse_unsafe_constructs(tree: nodes.Template) -> None:
    """Refuse include/import/extends and macros that call macros (recursion)."""
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        keyword = {
            nodes.Include: "include",
            nodes.Import: "import",
            nodes.FromImport: "from … import",
            nodes.Extends: "extends",
        }[type(node)]
        raise RefusedConstruct(
            f"“{{% {keyword} %}}” is not allowed: a template is one file", node.lineno
        )
    macros = {macro.name for macro in tree.find_all(nodes.Macro)}
    for macro in tree.find_all(nodes.Macro):
        for call in macro.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in macros:
                raise RefusedConstruct(
                    f"the macro “{macro.name}” calls the macro “{call.node.name}”: macros "
                    "calling macros can recurse without end",
                    call.lineno,
                )


class LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked for size."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.check_length(")
        super().visit_Concat(node, frame)
        self.write(")")


# /proc/self/statm of this process, opened once: opening it costs some 75 µs, reading it
# again at offset 0 (which gives the current figures) 2 µs, and every render reads it. Keyed
# by the process id, so a forked worker opens its own instead of reading its parent's.
_STATM: tuple[int, int] | None = None


def _address_space() -> int | None:
    """The process's address space in bytes (Linux /proc), or None where it cannot be read."""
    global _STATM
    try:
        if _STATM is None or _STATM[0] != os.getpid():
            _STATM = (os.getpid(), os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))
        pages = int(os.pread(_STATM[1], 128, 0).split()[0])
    except (OSError, ValueError, IndexError, AttributeError):  # not Linux; os.pread: POSIX
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def memory_ceiling(extra: int | None = None) -> Iterator[None]:
    """Let the block grow the address space by at most ``extra`` bytes (RENDER_MEMORY_BYTES).

    An allocation past it fails with MemoryError. Set only on the main thread of a POSIX
    process whose size can be read (Linux); an existing tighter limit is kept.
    """
    current = _address_space() if threading.current_thread() is threading.main_thread() else None
    if resource is None or current is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = current + (RENDER_MEMORY_BYTES if extra is None else extra)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class RenderTimeout(BaseException):
    """Raised inside a render that ran past its CPU deadline.

    A BaseException, so that no `except Exception` on the way (Jinja's traceback rewriting
    among them) catches it before LimitedTemplate.render turns it into a SecurityError.
    """


@contextmanager
def cpu_deadline(seconds: float = RENDER_CPU_SECONDS) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of CPU time (POSIX main thread; else no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        # Raise only inside the template's own compiled code: raised inside a garbage-collector
        # callback or a __del__ the exception would be swallowed, and inside Jinja's runtime it
        # confuses Jinja's traceback rewriting. Anywhere else, look again 10 ms later.
        if frame is not None and frame.f_code.co_filename == "<template>":
            raise RenderTimeout(seconds)
        signal.setitimer(signal.ITIMER_PROF, 0.01)

    previous_handler = signal.signal(signal.SIGPROF, expire)
    previous_timer = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous_handler)
        if previous_timer[0]:
            signal.setitimer(signal.ITIMER_PROF, *previous_timer)
