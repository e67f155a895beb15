"""Template manifests kept by content in a workspace's cache: the same specs, read again when
a manifest changes, a damaged or unwritable cache costing only the parse."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest

from vanban.documents.catalogue import TemplateCatalogue, TemplateSpec, default_folders
from vanban.errors import TemplateError

SHIPPED = default_folders()[-1]


def _copy(folder: Path, names: list[str] | None = None) -> Path:
    """A folder of (copies of) the shipped manifests: a new path, so this process has not
    read them yet and their specs must come from the cache or from their YAML."""
    folder.mkdir(parents=True)
    for manifest in sorted(SHIPPED.glob("*.yaml")):
        if names is None or manifest.stem in names:
            shutil.copy(manifest, folder / manifest.name)
    return folder


def _entries(cache: Path) -> dict[str, dict[str, object]]:
    entries: dict[str, dict[str, object]] = json.loads(cache.read_bytes())
    return entries


def _rewrite(cache: Path, change: dict[str, object]) -> None:
    entries = _entries(cache)
    for entry in entries.values():
        entry.update(change)
    cache.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")


def test_every_shipped_manifest_comes_back_from_the_cache_as_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "manifests.json"
    first = TemplateCatalogue([_copy(tmp_path / "a")], cache=cache).list()
    assert first == TemplateCatalogue([tmp_path / "a"]).list()
    assert len(_entries(cache)) == len(first)
    # The same texts elsewhere: every spec from the cache, its .docx beside its manifest.
    again = TemplateCatalogue([_copy(tmp_path / "b")], cache=cache).list()
    assert again == TemplateCatalogue([tmp_path / "b"]).list()
    assert {spec.docx_path.parent for spec in again} == {tmp_path / "b"}


def test_the_cache_is_what_a_command_reads(tmp_path: Path) -> None:
    # An entry changed behind vanban's back shows: the manifest's YAML was not read again.
    cache = tmp_path / "manifests.json"
    TemplateCatalogue([_copy(tmp_path / "a", ["cong_van"])], cache=cache).list()
    _rewrite(cache, {"title": "Tiêu đề từ bộ nhớ đệm"})
    spec = TemplateCatalogue([_copy(tmp_path / "b", ["cong_van"])], cache=cache).get("cong_van")
    assert spec.title == "Tiêu đề từ bộ nhớ đệm"


def test_a_manifest_changed_after_caching_is_read_again(tmp_path: Path) -> None:
    folder = _copy(tmp_path / "a", ["cong_van"])
    cache = tmp_path / "manifests.json"
    before = TemplateCatalogue([folder], cache=cache).get("cong_van")
    manifest = folder / "cong_van.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"title: {before.title}", "title: Công văn (sửa)", 1), "utf-8")
    after = TemplateCatalogue([folder], cache=cache).get("cong_van")
    assert after.title == "Công văn (sửa)"
    assert after == TemplateCatalogue([folder]).get("cong_van")
    assert len(_entries(cache)) == 2


def test_a_manifest_found_wrong_is_refused_as_without_cache_and_never_stored(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path / "a", ["cong_van", "to_trinh"])
    broken = folder / "zz_hong.yaml"
    broken.write_text("id: zz_hong\nfields:\n- {name: a, type: nonsense}\n", encoding="utf-8")
    cache = tmp_path / "manifests.json"
    with pytest.raises(TemplateError) as cached:
        TemplateCatalogue([folder], cache=cache).list()
    with pytest.raises(TemplateError) as direct:
        TemplateCatalogue([folder]).list()
    assert (cached.value.text("vi"), cached.value.text("en")) == (
        direct.value.text("vi"),
        direct.value.text("en"),
    )
    assert "nonsense" in cached.value.text("en")
    # The sound ones read before it are kept; the broken one is not.
    assert sorted(str(entry["id"]) for entry in _entries(cache).values()) == [
        "cong_van",
        "to_trinh",
    ]


@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        "[1, 2]",
        {"fields": 5},
        {"file": "../../etc/passwd"},
        {"file": ".."},
        {"id": "Không hợp lệ"},
        {"context": ["standard"]},
        {"fields": [["a", "nonsense", True, "A", "A", None, "", []]]},
        {"fields": [["a", "text", "yes", "A", "A", None, "", []]]},
        {"fields": [["a", "table", True, "A", "A", None, "", [["x", True, "code"]]]]},
        {"title": 5},
    ],
)
def test_a_damaged_cache_is_read_past_and_replaced(
    tmp_path: Path, damage: str | dict[str, object]
) -> None:
    cache = tmp_path / "manifests.json"
    TemplateCatalogue([_copy(tmp_path / "a")], cache=cache).list()
    if isinstance(damage, str):
        cache.write_text(damage, encoding="utf-8")
    else:
        _rewrite(cache, damage)
    folder = _copy(tmp_path / "b")
    specs = TemplateCatalogue([folder], cache=cache).list()
    assert specs == TemplateCatalogue([folder]).list()
    assert sorted(str(entry["id"]) for entry in _entries(cache).values()) == [s.id for s in specs]
    again = TemplateCatalogue([_copy(tmp_path / "c")], cache=cache).list()  # sound again
    assert again == TemplateCatalogue([tmp_path / "c"]).list()


def test_a_cache_that_cannot_be_written_costs_only_the_parse(tmp_path: Path) -> None:
    # The cache's place is taken by a folder (as on a read-only share, even for root).
    cache = tmp_path / "manifests.json"
    cache.mkdir()
    folder = _copy(tmp_path / "a")
    assert TemplateCatalogue([folder], cache=cache).list() == TemplateCatalogue([folder]).list()
    assert list(cache.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "manifests.json"]


def test_every_kind_of_example_comes_back_from_the_cache_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "vi_du.yaml").write_text(
        "id: vi_du\ncontext: quyet_dinh\nfields:\n"
        "- {name: a, type: text, required: true, example: 'Lò Thị Minh', label: Tên}\n"
        "- {name: b, type: integer, example: 010}\n"
        "- {name: c, type: lines, example: [1.5, -0.0, true, null, {1: một, x: [2]}]}\n"
        "- {name: d, type: table, columns: [ten, chuc_vu?, so:integer], example: []}\n",
        encoding="utf-8",
    )
    cache = tmp_path / "manifests.json"
    read = TemplateCatalogue([folder], cache=cache).get("vi_du")
    shutil.copytree(folder, tmp_path / "b")
    cached = TemplateCatalogue([tmp_path / "b"], cache=cache).get("vi_du")
    assert cached == TemplateCatalogue([tmp_path / "b"]).get("vi_du")
    assert cached.fields[2].example == [1.5, -0.0, True, None, {"1": "một", "x": [2]}]
    assert cached.fields[3].columns == read.fields[3].columns
    assert len(_entries(cache)) == 1


def _load_many(folder: str, cache: str, rounds: int) -> list[TemplateSpec]:
    """Load the one manifest of ``folder`` ``rounds`` times, its title new each time (so each
    load reads it and writes the cache)."""
    manifest = next(Path(folder).glob("*.yaml"))
    text = manifest.read_text(encoding="utf-8")
    specs: list[TemplateSpec] = []
    for number in range(rounds):
        manifest.write_text(text.replace("\ntitle: ", f"\ntitle: {number} ", 1), "utf-8")
        specs = TemplateCatalogue([Path(folder)], cache=Path(cache)).list()
    return specs


def test_commands_writing_the_cache_at_once_leave_it_whole(tmp_path: Path) -> None:
    cache = tmp_path / "manifests.json"
    folders = [_copy(tmp_path / name, [name]) for name in ("cong_van", "to_trinh", "ke_hoach")]
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        running = pool.starmap_async(
            _load_many, [(str(folder), str(cache), 20) for folder in folders]
        )
        while not running.ready():  # whenever it is there, the file is whole JSON
            if cache.exists():
                assert isinstance(_entries(cache), dict)
        results = running.get(timeout=120)
    assert [specs[0].id for specs in results] == ["cong_van", "to_trinh", "ke_hoach"]
    assert all(specs[0].title.startswith("19 ") for specs in results)
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]
