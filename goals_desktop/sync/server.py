"""The CalDAV server as the sync sees it: the calendar, its changes since a sync token, bodies,
and conditional writes. The `caldav` library does discovery, the sync-collection REPORT (RFC 6578)
and calendar-multiget; uploads and deletions go through its client's PUT/DELETE with If-Match /
If-None-Match, so an ETag mismatch comes back as 412 instead of overwriting a phone's edit.

Every failure becomes a SyncError with one sentence for a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urljoin, urlsplit

from goals_desktop.domain.errors import GoalsError

DEFAULT_CALENDAR = "Goals Desktop"
TIMEOUT_S = 20


class SyncError(GoalsError):
    """The pass stopped; what it already did is kept and recorded (the next pass goes on from there)."""


class Precondition(Exception):
    """412: the item changed on the server since we read it (or exists where we meant to create it)."""


@dataclass(slots=True)
class Listing:
    etags: dict[str, str | None]  # href (path) -> etag, of what changed (or everything, when full)
    deleted: set[str] = field(default_factory=set)  # hrefs (paths)
    token: str | None = None
    full: bool = False  # etags lists every object: one missing was deleted


def _path(url: object) -> str:
    # Unquoted: servers differ in what they percent-encode ("@" in our UIDs).
    return unquote(urlsplit(str(url)).path)


@contextmanager
def talking_to(url: str) -> Iterator[None]:
    """Turn what the network, the HTTP layer and the caldav library raise into one SyncError line."""
    from caldav.lib import error as dav

    try:
        yield
    except SyncError:
        raise
    except dav.AuthorizationError as failure:
        status = getattr(failure, "reason", "") or ""
        if "403" in str(failure) or "Forbidden" in str(status):
            raise SyncError(f"the CalDAV server at {url} refuses this account access to the calendar (403 Forbidden).") from None
        raise SyncError(f"the CalDAV server at {url} does not accept this user name and password (401 Unauthorized).") from None
    except dav.DAVError as failure:
        reason = str(getattr(failure, "reason", "") or failure).strip().splitlines()
        raise SyncError(f"the CalDAV server at {url} answered with an error ({reason[0][:160] if reason else 'no reason'}).") from None
    except OSError as failure:  # requests' connection errors and timeouts are OSErrors
        detail = str(failure).split(":")[-1].strip()[:120] or type(failure).__name__
        raise SyncError(f"cannot reach the CalDAV server at {url} ({detail}).") from None


class Server:
    """One account on one CalDAV server."""

    def __init__(self, url: str, user: str, password: str, auth_type: str | None = None) -> None:
        """auth_type: the scheme this server asked for last time ("basic", "digest"), sent with the
        first request instead of waiting for a 401 (one round trip less per pass)."""
        import caldav
        import requests.auth

        schemes = {"basic": requests.auth.HTTPBasicAuth, "digest": requests.auth.HTTPDigestAuth}
        known = schemes[auth_type](user, password) if auth_type in schemes else None
        self.url = url
        self.client = caldav.DAVClient(url=url, username=user, password=password, timeout=TIMEOUT_S, auth=known)
        self.calendar = None

    @property
    def auth_type(self) -> str | None:
        """The scheme the server accepted on this connection (None before any request)."""
        name = type(self.client.auth).__name__ if self.client.auth is not None else ""
        return {"HTTPBasicAuth": "basic", "HTTPDigestAuth": "digest"}.get(name)

    def close(self) -> None:
        self.client.close()

    def open_calendar(self, name: str = DEFAULT_CALENDAR, calendar_url: str | None = None, create: bool = False) -> str:
        """Find the calendar (by its URL when known, else by name); with create, make it when missing
        (VTODO only). Returns its URL."""
        if calendar_url and not create:
            # Known from setup: no discovery round trips (a missing calendar fails the REPORT).
            import caldav

            self.calendar = caldav.Calendar(client=self.client, url=calendar_url)
            return calendar_url
        with talking_to(self.url):
            principal = self.client.principal()
            calendars = principal.calendars()
            chosen = None
            if calendar_url:
                chosen = next((c for c in calendars if _path(c.url) == _path(calendar_url)), None)
            if chosen is None:
                chosen = next((c for c in calendars if (c.get_display_name() or "") == name), None)
            if chosen is None:
                if not create:
                    raise SyncError(f"the calendar {name!r} is not on the CalDAV server at {self.url}; run `sync caldav setup` again.")
                chosen = principal.make_calendar(name=name, supported_calendar_component_set=["VTODO"])
            self.calendar = chosen
            return str(chosen.url)

    # -- reading --------------------------------------------------------------------------------

    def changes(self, token: str | None) -> Listing:
        """What changed since token (RFC 6578); everything, when there is no token or the server
        no longer knows it."""
        # Our own sync-collection REPORT: caldav 1.x's objects_by_sync_token does not say which
        # hrefs came back as deleted (a 404 status per response), and that is what we need.
        from caldav.elements import dav as element
        from caldav.lib import error as dav

        query = element.SyncCollection() + [
            element.SyncLevel(value="1"),
            element.SyncToken(value=token),
            element.Prop() + element.GetEtag(),
        ]
        body = str(query)  # caldav's elements serialise themselves (XML with its declaration)
        with talking_to(self.url):
            try:
                response = self.client.report(str(self.calendar.url), body, 1)
            except dav.AuthorizationError as refused:
                # caldav 1.x raises this on 403 too, which is how Radicale answers an expired token
                # (RFC 6578 valid-sync-token); a calendar really refused to us fails the full listing.
                if token is None or "Forbidden" not in str(refused.reason or ""):
                    raise
                return self.changes(None)
            if response.status >= 300:
                if token is None:
                    raise dav.ReportError(reason=f"{response.status} {response.reason}".strip())
                return self.changes(None)  # an expired token: start over with a full listing
            found = response.expand_simple_props([element.GetEtag()])
            calendar_path = _path(self.calendar.url).rstrip("/")
            etags: dict[str, str | None] = {}
            deleted: set[str] = set()
            for href, props in found.items():
                path = _path(urljoin(str(self.calendar.url), href))
                if path.rstrip("/") == calendar_path:
                    continue  # some servers list the collection itself
                if " 404 " in (response.statuses.get(href) or ""):
                    deleted.add(path)
                else:
                    etags[path] = props.get(element.GetEtag.tag)
            return Listing(etags, deleted, getattr(response, "sync_token", None), full=token is None)

    def bodies(self, hrefs: Iterable[str]) -> dict[str, str]:
        """href -> calendar object text, in one calendar-multiget REPORT (missing ones left out)."""
        hrefs = list(hrefs)
        if not hrefs:
            return {}
        with talking_to(self.url):
            from caldav.lib.url import URL

            objects = self.calendar.multiget([URL.objectify(self._url(h)) for h in hrefs])
            return {_path(obj.url): obj.data for obj in objects if obj.data}

    def get(self, href: str) -> tuple[str | None, str | None]:
        """(body, etag) of one object; (None, None) when it is gone."""
        with talking_to(self.url):
            response = self.client.request(self._url(href), "GET")
            if response.status == 404:
                return None, None
            self._check(response, "read")
            return response.raw if isinstance(response.raw, str) else response.raw.decode("utf-8"), response.headers.get("ETag")

    # -- writing --------------------------------------------------------------------------------

    def href_for(self, uid: str) -> str:
        return _path(str(self.calendar.url).rstrip("/") + "/" + quote(uid, safe="@") + ".ics")

    def put(self, href: str, body: str, etag: str | None) -> str | None:
        """Write body at href: over exactly etag (If-Match), or only where nothing is (etag None,
        If-None-Match). Returns the new ETag (None if the server did not say); Precondition on 412."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        headers["If-Match" if etag else "If-None-Match"] = etag or "*"
        with talking_to(self.url):
            response = self.client.put(self._url(href), body, headers)
            if response.status == 412:
                raise Precondition(href)
            self._check(response, "write")
            return response.headers.get("ETag")

    def delete(self, href: str, etag: str | None) -> bool:
        """Delete over exactly etag; False if it was already gone; Precondition on 412."""
        with talking_to(self.url):
            response = self.client.request(self._url(href), "DELETE", "", {"If-Match": etag} if etag else {})
            if response.status == 404:
                return False
            if response.status == 412:
                raise Precondition(href)
            self._check(response, "delete")
            return True

    def _url(self, href: str) -> str:
        return urljoin(str(self.client.url), quote(href, safe="/@:+"))

    def _check(self, response, doing: str) -> None:
        if response.status >= 300:
            reason = getattr(response, "reason", "") or ""
            raise SyncError(f"the CalDAV server at {self.url} could not {doing} an item (HTTP {response.status} {reason}).".replace(" )", ")"))
