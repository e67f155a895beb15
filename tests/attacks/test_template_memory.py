"""A template cannot take the machine's memory, in `render` and in `template lint` alike
(issue 10 item 9: ``('A'*4e9)|length`` took 4 GB).

Each hostile template runs in a child process whose peak resident memory is measured: the
render is refused in a sentence and the child never grows by more than the render's ceiling.
The payloads go past the size checks on operators and filters (str methods are one C call each;
a list prints every reference to one long text), so what holds them is the memory ceiling.
"""

from __future__ import annotations

import json
import mmap
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.attacks.test_template_limits import _template_with
from tests.conftest import SAMPLES
from vanban.documents import template_limits
from vanban.documents.template_limits import _address_space, memory_ceiling

MB = 1024 * 1024
# What a child may reach: Python with vanban loaded and one render (~150 MB), plus the ceiling.
PEAK_LIMIT = 200 * MB + template_limits.RENDER_MEMORY_BYTES
# A guard for the machine should the ceiling fail: the child cannot take more than this.
CHILD_ADDRESS_SPACE = 6 * 1024 * MB

PAYLOADS = {
    "issue-4e9": "{{ ('A' * 4e9)|length }}",
    "issue-4000000000": "{{ ('A' * 4000000000)|length }}",
    "str-method-width": "{{ co_quan.ljust(1000000000)|length }}",
    "str-format-width": "{{ '{:>1000000000}'.format(1)|length }}",
    "str-replace-growth": "{{ ('A' * 2000000).replace('A', co_quan * 12)|length }}",
    "print-shared-list": "{{ [co_quan * 70000] * 100 }}",
    # Each item passes the size checks (1,8 million characters); printed together, 540 million.
    "list-of-long-texts": "{{ [" + ", ".join(["co_quan * 70000"] * 300) + "]|string|length }}",
    "big-power": "{{ ((10 ** 1000) ** 1000) ** 1000 > 0 }}",
    "round-precision": "{{ 5|round(-1000000000) }}",
    "batch-fill": "{{ can_cu|batch(1000000000, 0)|list|length }}",
}

_CHILD = """
import json, resource, sys
from vanban.cli import main
code = main(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"code": code, "peak": peak}), file=sys.__stdout__)
"""


def _guard() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))


def _run(args: list[str], templates: Path) -> tuple[int, int, str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "VANBAN_TEMPLATES": str(templates)},
        preexec_fn=_guard,
        timeout=300,
        check=False,
    )
    last = result.stdout.strip().splitlines()[-1]
    report = json.loads(last)
    return int(report["code"]), int(report["peak"]), result.stderr


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the ceiling needs Linux")
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_hostile_template_stays_within_the_memory_ceiling(name: str, tmp_path: Path) -> None:
    folder = _template_with(tmp_path, PAYLOADS[name].replace("'", "&apos;"))
    out = tmp_path / "out.docx"
    sample = str(SAMPLES / "ke_hoach_hkh_son_la_2024.yaml")
    for args in (["render", "ke_hoach", sample, "-o", str(out)], ["template", "lint", "ke_hoach"]):
        code, peak, stderr = _run(args, folder)
        assert code == 1, (args, stderr)
        assert "Traceback" not in stderr
        assert peak < PEAK_LIMIT, f"{args[0]}: peak {peak // MB} MB"
    assert not out.exists()


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the ceiling needs Linux")
def test_the_ceiling_refuses_an_allocation_and_is_lifted_after() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(MemoryError), memory_ceiling(64 * MB):
        bytearray(256 * MB)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(256 * MB)) == 256 * MB


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the ceiling needs Linux")
def test_the_address_space_is_read_afresh_and_per_process() -> None:
    # The statm file stays open between renders: a read must give the current size, and a
    # forked worker its own, never its parent's.
    before = _address_space()
    assert before is not None
    grown = mmap.mmap(-1, 256 * MB)
    try:
        assert (_address_space() or 0) >= before + 256 * MB
    finally:
        grown.close()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the worker grows; its parent does not
        extra = mmap.mmap(-1, 512 * MB)
        os.write(writer, str(_address_space()).encode())
        extra.close()
        os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    with os.fdopen(reader, "rb") as pipe:
        child_size = int(pipe.read())
    parent_size = _address_space() or 0
    assert child_size >= parent_size + 400 * MB
