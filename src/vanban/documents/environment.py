"""The one Jinja environment every template renders in: sandboxed, strict, autoescaping.

docxtpl compiles the whole document XML as one Jinja template on every render, which
dominates the cost for longer documents (benchmarks/ measure it). The environment therefore keeps
compiled templates by the sha256 of their source: the compiled form depends only on the
template bytes, so the cache can never serve another template's code.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from jinja2 import StrictUndefined, Template, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from vanban.documents import template_limits
from vanban.documents.template_limits import (
    LimitedCodeGenerator,
    RenderTimeout,
    capped_concat,
    check_call,
    check_format_method,
    check_length,
    checked_binop,
    cpu_deadline,
    limited_filters,
    memory_ceiling,
    refuse_unsafe_constructs,
)
from vanban.vietnamese import JINJA_FILTERS

# Globals a document never needs and that have been used to escape sandboxes.
REMOVED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace", "range", "dict")
# Every attribute a plain dict has (its methods and object's): any other name looked up on a
# dict of the context is one of its keys.
_DICT_ATTRIBUTES = frozenset(dir(dict))
_CACHE_SIZE = 64


class LimitedTemplate(Template):
    """A compiled template whose render runs under the CPU deadline (template_limits)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render as Jinja does, refusing a render that runs past RENDER_CPU_SECONDS of CPU
        time or needs more than RENDER_MEMORY_BYTES of memory."""
        seconds = template_limits.RENDER_CPU_SECONDS
        try:
            with memory_ceiling(), cpu_deadline(seconds):
                return super().render(*args, **kwargs)
        except RenderTimeout:
            raise SecurityError(f"rendering ran for more than {seconds:g} s of CPU time") from None
        except MemoryError:
            megabytes = template_limits.RENDER_MEMORY_BYTES // (1024 * 1024)
            raise SecurityError(f"rendering needed more than {megabytes} MB of memory") from None


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """A sandboxed environment that caches compiled templates by source hash.

    It also enforces vanban.documents.template_limits: no include/import/extends or recursive
    macros, size checks on the operators and filters that can build big values, a cap on the
    rendered text and a CPU deadline per render.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = LimitedCodeGenerator
    template_class = LimitedTemplate
    concat = staticmethod(capped_concat)
    check_length = staticmethod(check_length)

    def __init__(self, filters: Mapping[str, Callable[..., str]]) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, loader=None)
        for name in REMOVED_GLOBALS:
            self.globals.pop(name, None)
        self.filters.update(filters)
        self.filters.update(limited_filters(self.filters))
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def call(
        __self,
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Call as the sandbox does, refusing numbers and formats that would build a huge value."""
        check_call(__obj, args, kwargs)
        return check_length(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` as the sandbox resolves it; for a context dict's key, at once.

        The sandbox first asks for a real attribute and takes the item when there is none;
        a template reads ``p.noi_dung`` hundreds of times per document, so for a plain dict
        and a name that is not one of dict's attributes the item is looked up directly
        (the same value or undefined, without raising and catching an AttributeError).
        """
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except LookupError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """The sandbox's str.format wrapper, for a format whose widths stay small."""
        check_format_method(value)
        return super().wrap_str_format(value)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Apply an intercepted operator (* ** % +) only when its result stays small."""
        return checked_binop(operator, left, right, self.binop_table[operator])

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        refuse_unsafe_constructs(tree)
        return tree

    def from_string(  # type: ignore[override]
        self,
        source: str,
        globals: MutableMapping[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        """Compile ``source`` once and reuse it for every later render of the same text."""
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = super().from_string(source)
            self._compiled[key] = compiled
            if len(self._compiled) > _CACHE_SIZE:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(key)
        return compiled


def make_environment() -> DocumentEnvironment:
    """Return a new document environment with the Vietnamese filters installed."""
    return DocumentEnvironment(JINJA_FILTERS)
