"""The CalDAV account: URL, user and calendar in the database (with the sync state they belong to),
the password only in the system keyring, as the AI key is. Where there is no keyring (a headless
machine), the password comes from GOALS_DESKTOP_CALDAV_PASSWORD or is given on each run; it is
never written to a file or the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from goals_desktop.ai.settings import keyring_backend
from goals_desktop.storage.caldav_state import SyncStore

from .engine import PassReport, SyncPass
from .server import DEFAULT_CALENDAR, Server, SyncError

PASSWORD_ENV = "GOALS_DESKTOP_CALDAV_PASSWORD"
KEYRING_SERVICE = "goals-desktop-caldav"


@dataclass(frozen=True, slots=True)
class Account:
    url: str
    user: str
    calendar: str = DEFAULT_CALENDAR
    calendar_url: str | None = None

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.url}"


def load_account(service) -> Account | None:
    meta = SyncStore(service.db).meta()
    if not meta.get("url"):
        return None
    return Account(meta["url"], meta.get("user", ""), meta.get("calendar") or DEFAULT_CALENDAR, meta.get("calendar_url"))


def status(service) -> dict[str, Any]:
    meta = SyncStore(service.db).meta()
    last = json.loads(meta["last_pass"]) if meta.get("last_pass") else None
    return {
        "configured": bool(meta.get("url")),
        "url": meta.get("url"),
        "user": meta.get("user"),
        "calendar": meta.get("calendar"),
        "calendar_url": meta.get("calendar_url"),
        "last_pass": last,
        "password": password_source(Account(meta["url"], meta.get("user", ""))) if meta.get("url") else None,
    }


# -- the password ---------------------------------------------------------------------------------


def store_password(account: Account, password: str) -> bool:
    """Keep the password in the keyring; False when there is none (then it is given on each run)."""
    keyring = keyring_backend()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, account.keyring_user, password)
    except Exception:
        return False
    return True


def password_for(account: Account, given: str | None = None) -> str:
    if given:
        return given
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    keyring = keyring_backend()
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, account.keyring_user)
        except Exception:
            stored = None
        if stored:
            return stored
    raise SyncError(
        f"no password for {account.user} at {account.url}: there is none in the system keyring; "
        f"set {PASSWORD_ENV} or pass --password-stdin."
    )


def password_source(account: Account) -> str:
    if os.environ.get(PASSWORD_ENV):
        return f"from {PASSWORD_ENV}"
    keyring = keyring_backend()
    try:
        if keyring is not None and keyring.get_password(KEYRING_SERVICE, account.keyring_user):
            return "in the system keyring"
    except Exception:
        pass
    return "not stored (no keyring): give it on each run"


# -- setup and a pass -----------------------------------------------------------------------------


def setup(service, url: str, user: str, password: str, calendar: str = DEFAULT_CALENDAR) -> tuple[Account, bool]:
    """Check the account, find or create the calendar (VTODO only), save the account; returns it
    and whether the password went to the keyring."""
    url, user = url.strip(), user.strip()
    if not url.startswith(("http://", "https://")):
        raise SyncError(f"the CalDAV URL must start with http:// or https:// (got {url!r}).")
    if not user:
        raise SyncError("the CalDAV user name is empty.")
    server = Server(url, user, password)
    try:
        calendar_url = server.open_calendar(calendar or DEFAULT_CALENDAR, create=True)
    finally:
        server.close()
    account = Account(url, user, calendar or DEFAULT_CALENDAR, calendar_url)
    store = SyncStore(service.db)
    if store.meta().get("calendar_url") != calendar_url:
        store.forget_items(calendar_url=calendar_url)
    store.set_meta(url=url, user=user, calendar=account.calendar, calendar_url=calendar_url, auth_type=server.auth_type)
    return account, store_password(account, password)


def run_pass(service, password: str | None = None, today: date | None = None) -> PassReport:
    """One sync pass; its outcome (or its error) is recorded for `status` and the window."""
    from goals_desktop.domain.rules import utc_now

    account = load_account(service)
    if account is None:
        raise SyncError("CalDAV sync is not set up; run: goals-desktop sync caldav setup --url URL --user USER --password-stdin")
    store = SyncStore(service.db)
    try:
        auth_type = store.meta().get("auth_type")
        server = Server(account.url, account.user, password_for(account, password), auth_type)
        try:
            calendar_url = server.open_calendar(account.calendar, account.calendar_url)
            report = SyncPass(service, server, calendar_url).run(today)
            if server.auth_type and server.auth_type != auth_type:
                store.set_meta(auth_type=server.auth_type)
        finally:
            server.close()
    except SyncError as error:
        # A refused login may be a server that changed its scheme: negotiate afresh next time.
        forget = {"auth_type": None} if "401" in str(error) else {}
        store.set_meta(last_pass=json.dumps({"at": utc_now(), "error": str(error)}), **forget)
        raise
    store.set_meta(last_pass=json.dumps({"at": utc_now(), "summary": report.summary(), **report.to_dict()}))
    return report
