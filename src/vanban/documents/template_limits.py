"""Limits on what rendering a template may cost: time, size, and the constructs it may use.

Jinja's sandbox stops a template from reaching Python's internals, not from being expensive: a
triple loop, ``''|center(10**9)``, ``'A' * 4000000000`` or a macro calling itself ran for
minutes or took gigabytes. vanban renders in the calling process (no worker per document:
compiled templates and patched XML stay cached), so the limits are enforced where the work is
done, which is an equivalent of a worker with rlimits for everything a template can express:

- time: a render runs under a CPU deadline (``setitimer(ITIMER_PROF)``, POSIX main thread;
  elsewhere, e.g. Windows, without it); a pure-Python Jinja loop is interrupted between
  bytecodes and reported as a TemplateError;
- size: every operator and filter that can make a big value from a small template is checked
  (``*``, ``**``, ``+``, ``%``, ``~``, center, indent, wordwrap, truncate, format, replace), and
  the rendered text itself is capped while it is produced;
- constructs: ``include``, ``import``, ``extends`` (a template is one file) and macros that call
  macros (the only way to recurse) are refused when the template is compiled.

Every refusal is a jinja2 SecurityError (RefusedConstruct, raised at compile time, is also a
TemplateSyntaxError so that template lint reports it where it reports syntax), which the renderer
reports as an unsafe template.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateSyntaxError

# A rendered part of a .docx (document.xml with its markup) is far below this.
MAX_OUTPUT_CHARS = 20_000_000
# Any single value built inside a template: a string, a list.
MAX_VALUE_LENGTH = 2_000_000
# Widths and counts passed to filters (center, indent, wordwrap, truncate).
MAX_WIDTH = 10_000
MAX_EXPONENT = 1_000
# CPU seconds for one render; the shipped templates take well under one.
RENDER_CPU_SECONDS = 10.0

_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?")
_NEW_FORMAT_WIDTH = re.compile(r"\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"{what} would exceed the size a document may hold")


def check_length(value: Any) -> Any:
    """Return ``value``, or refuse it when it is a string or list longer than allowed."""
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_VALUE_LENGTH:
        raise _too_big(f"a value of {len(value)} items")
    return value


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
            if sized and len(sequence) * max(count, 0) > MAX_VALUE_LENGTH:
                raise _too_big(f"repeating a value {count} times")
    elif operator == "**":
        if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise _too_big(f"the power {right}")
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

    for name in ("center", "indent", "wordwrap", "truncate"):
        if name in filters:
            wrapped[name] = sized(name, filters[name])
    if "format" in filters:
        wrapped["format"] = formatted(filters["format"])
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
