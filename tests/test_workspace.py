from __future__ import annotations

from pathlib import Path

import pytest

from vanban.errors import NotPermittedError, WorkspaceError
from vanban.workspace import (
    claimed_login,
    find_workspace_root,
    init_workspace,
    load_workspace,
    os_account,
)


def test_init_then_load(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    workspace = load_workspace(tmp_path, environ={})
    assert workspace.organization.abbreviation == "HKH"
    assert workspace.users["huong"].roles == frozenset({"approver"})
    assert workspace.store_url == f"sqlite:///{tmp_path.resolve()}/.vanban/vanban.db"
    assert workspace.organization.document_defaults()["co_quan_chu_quan"] == "UBND TỈNH SƠN LA"


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    with pytest.raises(WorkspaceError, match="đã có sẵn"):
        init_workspace(tmp_path)


def test_database_url_from_environment(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    environ = {"VANBAN_DATABASE_URL": "postgresql+psycopg://x@localhost/y"}
    assert load_workspace(tmp_path, environ=environ).store_url.startswith("postgresql")


def test_discovery_order(tmp_path: Path) -> None:
    outer, inner = tmp_path / "a", tmp_path / "b"
    for folder in (outer, inner):
        folder.mkdir()
        init_workspace(folder)
    deep = outer / "x" / "y"
    deep.mkdir(parents=True)
    assert find_workspace_root(None, environ={}, cwd=deep) == outer.resolve()
    assert find_workspace_root(None, environ={"VANBAN_HOME": str(inner)}, cwd=deep) == inner
    assert find_workspace_root(inner, environ={"VANBAN_HOME": str(outer)}, cwd=deep) == inner
    with pytest.raises(WorkspaceError, match="vanban init"):
        find_workspace_root(None, environ={}, cwd=tmp_path)


def test_claimed_user_order() -> None:
    assert claimed_login("an", {"VANBAN_USER": "lan"}) == "an"
    assert claimed_login(None, {"VANBAN_USER": "lan"}) == "lan"
    assert claimed_login(None, {}) is None


def test_os_account_is_not_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os_account()
    monkeypatch.setenv("USER", "huong")
    monkeypatch.setenv("LOGNAME", "huong")
    monkeypatch.setenv("USERNAME", "huong")
    assert os_account() == real != "huong"


def test_a_claim_counts_only_in_a_training_workspace(tmp_path: Path) -> None:
    real, training = tmp_path / "that", tmp_path / "tap_huan"
    for folder, flag in ((real, False), (training, True)):
        folder.mkdir()
        init_workspace(folder, training=flag)
    assert load_workspace(training, environ={}).acting_user("huong", "root").login == "huong"
    office = load_workspace(real, environ={})
    assert not office.training
    with pytest.raises(NotPermittedError, match="Tài khoản máy"):
        office.acting_user("huong", "nobody_here")
    assert office.acting_user(None, "minh").login == "minh"
    assert office.acting_user("minh", "minh").login == "minh"
    with pytest.raises(NotPermittedError, match="Không thể hành động với tư cách “huong”"):
        office.acting_user("huong", "minh")
    # On PostgreSQL the authenticated role decides even in a training workspace.
    with pytest.raises(NotPermittedError, match="Không thể hành động"):
        load_workspace(training, environ={}).acting_user("huong", "minh", by_database=True)


def test_accounts_map_os_logins_to_people(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    text = (tmp_path / "vanban.toml").read_text(encoding="utf-8")
    text = text.replace('login = "huong"', 'login = "huong"\naccount = "mthuong"')
    (tmp_path / "vanban.toml").write_text(text, encoding="utf-8")
    workspace = load_workspace(tmp_path, environ={})
    assert workspace.acting_user(None, "mthuong").login == "huong"
    with pytest.raises(NotPermittedError):
        workspace.acting_user(None, "huong")  # the login is not her account any more
    text = text.replace('login = "lan"', 'login = "lan"\naccount = "mthuong"')
    (tmp_path / "vanban.toml").write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError, match="gắn với hai người"):
        load_workspace(tmp_path, environ={})


def test_training_must_be_a_boolean(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    path = tmp_path / "vanban.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("training = false", 'training = "yes"'),
        encoding="utf-8",
    )
    with pytest.raises(WorkspaceError, match=r"\[workspace\]\.training"):
        load_workspace(tmp_path, environ={})


def test_unknown_user_can_do_nothing(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    with pytest.raises(NotPermittedError, match=r"không có trong vanban\.toml"):
        load_workspace(tmp_path, environ={}).user("ke_la")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("[organization\nname = 1", "không đúng cú pháp TOML"),
        ("[[users]]\nlogin='a'\nfull_name='A'\nroles=['x']", "[organization]"),
        (
            "[organization]\nname='A'\nabbreviation='H K'\nplace='P'\n"
            "[[users]]\nlogin='a'\nfull_name='A'\nroles=['secretary']",
            "không được có dấu cách",
        ),
        (
            "[organization]\nname='A'\nabbreviation='HK'\nplace='P'\n"
            "[[users]]\nlogin='a'\nfull_name='A'\nroles=['boss']",
            "vai trò phải là",
        ),
        ("[organization]\nname='A'\nabbreviation='HK'\nplace='P'\n", "chưa khai báo người dùng"),
    ],
    ids=["syntax", "no-organization", "abbreviation-space", "unknown-role", "no-users"],
)
def test_bad_configuration(tmp_path: Path, text: str, phrase: str) -> None:
    (tmp_path / "vanban.toml").write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        load_workspace(tmp_path, environ={})
    assert phrase in caught.value.text()


def test_defaults_only_for_the_workspace_own_documents(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    organization = load_workspace(tmp_path, environ={}).organization
    assert organization.document_defaults({"co_quan": "Hội Khuyến học tỉnh Sơn La"})["dia_danh"]
    assert organization.document_defaults({"co_quan": "HỘI KHUYẾN HỌC\nTỈNH SƠN LA"})
    assert organization.document_defaults({"co_quan": "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"}) == {}
    assert organization.document_defaults({})["ky_hieu_co_quan"] == "HKH"


def test_award_settings_default_and_override(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    settings = load_workspace(tmp_path, environ={}).award_settings
    assert settings == {"luong_co_so": 2_340_000, "ty_le_toi_thieu": 0.8}
    with (tmp_path / "vanban.toml").open("a", encoding="utf-8") as handle:
        handle.write("[awards]\nbase_salary = 2530000\nvote_threshold = 0.75\n")
    settings = load_workspace(tmp_path, environ={}).award_settings
    assert settings == {"luong_co_so": 2_530_000, "ty_le_toi_thieu": 0.75}


def test_bad_award_settings(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    with (tmp_path / "vanban.toml").open("a", encoding="utf-8") as handle:
        handle.write("[awards]\nvote_threshold = 80\n")
    with pytest.raises(WorkspaceError, match="vote_threshold"):
        load_workspace(tmp_path, environ={})
