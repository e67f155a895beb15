"""The workspace: ``vanban.toml`` (organisation, users and roles) and the ``.vanban/`` folder.

Commands find it as git finds a repository: ``--workspace DIR``, then ``VANBAN_HOME``, then the
nearest ``vanban.toml`` above the current folder.

Who acts is authenticated, never claimed: on a local SQLite workspace the
operating-system account running vanban, mapped to a person by ``account`` in ``[[users]]``
(default: the login itself); on PostgreSQL the database role the server authenticated. ``--as``
and ``VANBAN_USER`` choose a person only in a workspace whose ``[workspace] training = true``
(``vanban init --training``, ``vanban demo``). A person not listed can do nothing.
"""

from __future__ import annotations

import getpass
import os
import sys
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.errors import NotPermittedError, WorkspaceError
from vanban.roles import ROLES

WORKSPACE_FILE = "vanban.toml"
STATE_DIR = ".vanban"
DATABASE_FILE = "vanban.db"
DEFAULT_BOOK = "van_ban_di"

STARTER = """\
# vanban workspace. Edit the organisation and the people, then run "vanban new …".
# Each person acts as the operating-system account (or, on PostgreSQL, the database role) named
# by "account" (default: the login). --as and VANBAN_USER work only in a training workspace.
[workspace]
training = {training}                  # true: tập huấn / demo; anyone may act as anyone (--as)

[organization]
parent = "UBND TỈNH SƠN LA"             # cơ quan chủ quản (optional)
name = "HỘI KHUYẾN HỌC TỈNH SƠN LA"      # cơ quan ban hành
abbreviation = "HKH"                     # ký hiệu cơ quan: "03/KH-HKH"
place = "Sơn La"                         # địa danh

# Roles: secretary (soạn, trình), reviewer (thẩm định: đạt hoặc trả lại),
# approver (lãnh đạo: duyệt hoặc không duyệt), clerk (văn thư: cấp số, ban hành, lưu trữ).
[[users]]
login = "minh"
full_name = "Lò Thị Minh"
roles = ["secretary"]

[[users]]
login = "an"
full_name = "Nguyễn Văn An"
title = "CHÁNH VĂN PHÒNG"
roles = ["reviewer"]

[[users]]
login = "huong"
full_name = "Mai Thu Hương"
title = "CHỦ TỊCH"
roles = ["approver"]

[[users]]
login = "lan"
full_name = "Cầm Thị Lan"
roles = ["clerk"]

# [awards]
# base_salary = 2340000      # mức lương cơ sở (NĐ 73/2024), đồng
# vote_threshold = 0.8       # tỷ lệ phiếu đồng ý tối thiểu trên tổng số thành viên Hội đồng

# [store]
# url = "postgresql+psycopg://vanban@localhost/vanban"   # default: SQLite in .vanban/
"""


@dataclass(frozen=True)
class Organization:
    """The issuing body and the defaults it gives every document."""

    name: str
    abbreviation: str
    place: str
    parent: str = ""

    def document_defaults(self, data: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Return the document fields this organisation fills in unless the data overrides.

        A document that names another issuing body (``co_quan``) gets none of them: its parent
        body, abbreviation and place are that body's, not this workspace's.
        """
        other = (data or {}).get("co_quan")
        if other and _name_key(str(other)) != _name_key(self.name):
            return {}
        defaults: dict[str, Any] = {
            "co_quan": self.name,
            "ky_hieu_co_quan": self.abbreviation,
            "dia_danh": self.place,
        }
        if self.parent:
            defaults["co_quan_chu_quan"] = self.parent
        return defaults


def _name_key(name: str) -> str:
    """Compare agency names ignoring case and line breaks ("HỘI KHUYẾN HỌC\nTỈNH SƠN LA")."""
    return " ".join(unicodedata.normalize("NFC", name).upper().split())


@dataclass(frozen=True)
class User:
    """A person who may act in the workspace."""

    login: str
    full_name: str
    roles: frozenset[str]
    title: str = ""
    # [users.signing]: the person's signature image and key, read by vanban.signing.material.
    signing: Mapping[str, Any] = field(default_factory=dict)
    # The operating-system account or database role this person authenticates as.
    account: str = ""

    @property
    def authenticated_as(self) -> str:
        """The account that proves this person is acting: ``account``, else the login."""
        return self.account or self.login


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace."""

    root: Path
    organization: Organization
    users: Mapping[str, User]
    store_url: str
    book: str = DEFAULT_BOOK
    # [awards]: defaults an award dossier's data may override (luong_co_so, ty_le_toi_thieu).
    award_settings: Mapping[str, Any] = field(default_factory=dict)
    # [signing]: the body's seal and key, time format, time-stamp server (vanban.signing.material).
    signing: Mapping[str, Any] = field(default_factory=dict)
    # [workspace] training: a demo or training workspace, where --as / VANBAN_USER choose who acts.
    training: bool = False

    def user(self, login: str) -> User:
        """Return the user ``login`` or refuse: someone not listed can do nothing."""
        if login in self.users:
            return self.users[login]
        known = ", ".join(sorted(self.users)) or "(chưa có ai)"
        raise NotPermittedError(
            f"Người dùng “{login}” không có trong {WORKSPACE_FILE} nên không được làm gì. "
            f"Hãy dùng --as với một trong: {known}, hoặc nhờ quản trị thêm người này.",
            f"The user “{login}” is not listed in {WORKSPACE_FILE} and may do nothing. "
            f"Use --as with one of: {known}, or ask to be added.",
        )

    def acting_user(self, claimed: str | None, account: str, *, by_database: bool = False) -> User:
        """Return the person acting, from the ``account`` the system authenticated.

        ``account`` is the operating-system account, or with ``by_database`` the role the
        database server authenticated. ``claimed`` (``--as`` / ``VANBAN_USER``) is honoured only
        in a training workspace on a local store; elsewhere it must name the same person.
        """
        if claimed and self.training and not by_database:
            return self.user(claimed)
        matches = [user for user in self.users.values() if user.authenticated_as == account]
        if not matches:
            kind_vi = "Vai trò cơ sở dữ liệu" if by_database else "Tài khoản máy"
            kind_en = "The database role" if by_database else "The operating-system account"
            raise NotPermittedError(
                f"{kind_vi} “{account}” không gắn với người nào trong {WORKSPACE_FILE} nên không "
                "được làm gì. Hãy nhờ quản trị thêm người này (login, hoặc account = "
                f'"{account}").',
                f"{kind_en} “{account}” is not mapped to anyone in {WORKSPACE_FILE} and may do "
                f'nothing. Ask to be added (login, or account = "{account}").',
            )
        user = matches[0]
        if claimed and claimed != user.login:
            raise NotPermittedError(
                f"Không thể hành động với tư cách “{claimed}”: bạn đã xác thực là “{account}” "
                f"({user.login}). --as và VANBAN_USER chỉ dùng được trong thư mục tập huấn "
                "(vanban init --training) với kho SQLite.",
                f"Cannot act as “{claimed}”: you are authenticated as “{account}” ({user.login}). "
                "--as and VANBAN_USER work only in a training workspace (vanban init --training) "
                "with a SQLite store.",
            )
        return user


def _bad(path: Path, where: str, problem: str, problem_en: str) -> WorkspaceError:
    return WorkspaceError(
        f"Tệp {path} có lỗi ở {where}: {problem}. Hãy sửa tệp rồi chạy lại.",
        f"{path} is invalid at {where}: {problem_en}. Fix the file and run again.",
    )


def _text(raw: Mapping[str, Any], key: str, path: Path, where: str, required: bool) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _bad(path, f"{where}.{key}", "cần một chuỗi chữ", "a text value is needed")
    return value.strip()


def _table(raw: Mapping[str, Any], key: str, path: Path, where: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise _bad(path, where, "phải là một bảng", "it must be a table")
    return value


def _users(raw: Any, path: Path) -> dict[str, User]:
    if not isinstance(raw, list) or not raw:
        raise _bad(path, "[[users]]", "chưa khai báo người dùng nào", "no users are declared")
    users: dict[str, User] = {}
    for index, item in enumerate(raw, start=1):
        where = f"[[users]] thứ {index}"
        if not isinstance(item, dict):
            raise _bad(path, where, "phải là một bảng", "it must be a table")
        login = _text(item, "login", path, where, required=True)
        roles = item.get("roles", [])
        if not isinstance(roles, list) or not roles or any(role not in ROLES for role in roles):
            raise _bad(
                path,
                f"{where}.roles",
                f"vai trò phải là một hoặc nhiều trong {', '.join(ROLES)}",
                f"roles must be one or more of {', '.join(ROLES)}",
            )
        if login in users:
            raise _bad(path, where, f"“{login}” bị khai báo hai lần", f"“{login}” appears twice")
        users[login] = User(
            login=login,
            full_name=_text(item, "full_name", path, where, required=True),
            roles=frozenset(roles),
            title=_text(item, "title", path, where, required=False),
            signing=_table(item, "signing", path, f"{where}.signing"),
            account=_text(item, "account", path, where, required=False),
        )
    accounts = [user.authenticated_as for user in users.values()]
    for account in accounts:
        if accounts.count(account) > 1:
            raise _bad(
                path,
                "[[users]]",
                f"tài khoản “{account}” gắn với hai người",
                f"the account “{account}” is mapped to two people",
            )
    return users


def load_workspace(root: Path, environ: Mapping[str, str] | None = None) -> Workspace:
    """Read ``root/vanban.toml``; every problem is a WorkspaceError naming the key."""
    environ = os.environ if environ is None else environ
    path = root / WORKSPACE_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise WorkspaceError(
            f"Không đọc được {path}. Hãy kiểm tra đường dẫn, hoặc tạo bằng “vanban init”.",
            f"Cannot read {path}. Check the path, or create it with “vanban init”.",
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WorkspaceError(
            f"Tệp {path} không đúng cú pháp TOML ({exc}). Hãy sửa dòng đó rồi chạy lại.",
            f"{path} is not valid TOML ({exc}). Fix that line and run again.",
        ) from exc
    organization = raw.get("organization")
    if not isinstance(organization, dict):
        raise _bad(path, "[organization]", "thiếu thông tin cơ quan", "the organization is missing")
    abbreviation = _text(organization, "abbreviation", path, "[organization]", required=True)
    if " " in abbreviation:
        raise _bad(path, "[organization].abbreviation", "không được có dấu cách", "no spaces")
    store = raw.get("store", {})
    configured_url = store.get("url", "") if isinstance(store, dict) else ""
    url = environ.get("VANBAN_DATABASE_URL") or configured_url
    if not url:
        url = f"sqlite:///{(root / STATE_DIR / DATABASE_FILE).resolve()}"
    awards = raw.get("awards", {})
    if not isinstance(awards, dict):
        raise _bad(path, "[awards]", "phải là một bảng", "it must be a table")
    award_settings: dict[str, Any] = {}
    salary = awards.get("base_salary", 2_340_000)
    if isinstance(salary, bool) or not isinstance(salary, int) or salary <= 0:
        raise _bad(
            path,
            "[awards].base_salary",
            "phải là số đồng nguyên dương, ví dụ 2340000",
            "must be a positive whole number of đồng, e.g. 2340000",
        )
    award_settings["luong_co_so"] = salary
    threshold = awards.get("vote_threshold", 0.8)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not (0 < threshold <= 1)
    ):
        raise _bad(
            path,
            "[awards].vote_threshold",
            "phải là tỷ lệ từ 0 đến 1, ví dụ 0.8",
            "must be a share between 0 and 1, e.g. 0.8",
        )
    award_settings["ty_le_toi_thieu"] = threshold
    settings = raw.get("workspace", {})
    training = settings.get("training", False) if isinstance(settings, dict) else None
    if not isinstance(training, bool):
        raise _bad(path, "[workspace].training", "phải là true hoặc false", "must be true or false")
    return Workspace(
        root=root,
        organization=Organization(
            name=_text(organization, "name", path, "[organization]", required=True),
            abbreviation=abbreviation,
            place=_text(organization, "place", path, "[organization]", required=True),
            parent=_text(organization, "parent", path, "[organization]", required=False),
        ),
        users=_users(raw.get("users"), path),
        store_url=url,
        award_settings=award_settings,
        signing=_table(raw, "signing", path, "[signing]"),
        training=training,
    )


def find_workspace_root(
    explicit: Path | None, environ: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """Return the workspace folder: --workspace, then VANBAN_HOME, then the nearest above."""
    environ = os.environ if environ is None else environ
    if explicit is not None:
        candidates = [explicit]
    elif environ.get("VANBAN_HOME"):
        candidates = [Path(environ["VANBAN_HOME"])]
    else:
        start = (cwd or Path.cwd()).resolve()
        candidates = [start, *start.parents]
    for candidate in candidates:
        if (candidate / WORKSPACE_FILE).is_file():
            return candidate
    raise WorkspaceError(
        f"Không tìm thấy {WORKSPACE_FILE}. Hãy chạy lệnh trong thư mục làm việc, dùng "
        "--workspace, hoặc tạo mới bằng “vanban init”.",
        f"No {WORKSPACE_FILE} found. Run inside a workspace, pass --workspace, "
        "or create one with “vanban init”.",
    )


def claimed_login(explicit: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """Return who the caller says they are: --as, then VANBAN_USER; None when neither."""
    environ = os.environ if environ is None else environ
    return explicit or environ.get("VANBAN_USER") or None


def os_account() -> str:
    """Return the operating-system account running this process.

    Read from the process's user id, not from $USER or $LOGNAME, which anyone can set.
    """
    if sys.platform != "win32":
        import pwd

        try:
            return pwd.getpwuid(os.geteuid()).pw_name
        except KeyError:
            return str(os.geteuid())
    return getpass.getuser()  # Windows: the logon name of the process's token


def init_workspace(root: Path, *, training: bool = False) -> Path:
    """Create ``vanban.toml`` and ``.vanban/`` in ``root``; refuse to overwrite a workspace.

    ``training`` marks a demo or training workspace, where ``--as`` chooses who acts.
    """
    path = root / WORKSPACE_FILE
    if path.exists():
        raise WorkspaceError(
            f"{path} đã có sẵn; không ghi đè. Hãy dùng thư mục khác hoặc sửa tệp hiện có.",
            f"{path} already exists and is not overwritten. Use another folder or edit it.",
        )
    try:
        (root / STATE_DIR).mkdir(parents=True, exist_ok=True)
        path.write_text(STARTER.format(training=str(training).lower()), encoding="utf-8")
    except OSError as exc:
        raise WorkspaceError(
            f"Không tạo được thư mục làm việc ở {root} ({exc.strerror}). Hãy chọn nơi khác.",
            f"Cannot create a workspace in {root} ({exc.strerror}). Choose another folder.",
        ) from exc
    return path
