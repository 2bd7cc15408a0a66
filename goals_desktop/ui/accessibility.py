"""Painted items a screen reader can find, hear and use (the roadmap's milestones, the Timeline's bars).

Qt gives QGraphicsItems no accessibility. A view that paints items offers them through an
`AccessibleItems` source (their ids in reading order, and each one's name, description, checked
state, screen rect and actions); `register_view(ViewClass)` makes the view's accessible interface list
those items as its children.

Lifetime (the pitfall the design guide warns of): each item is represented by a small QObject, an
`ItemProxy`, made when a screen reader first asks for it and deleted when the item goes. Qt's own
accessibility cache keys each interface by that QObject and deletes the interface when the proxy is
destroyed, so no interface outlives its item and none is freed twice. Nothing is made, diffed or
announced while no assistive technology is listening (`QAccessible.isActive()`), so the window pays
nothing for this without one.

An interface written in Python offers its actions through `interface_cast`, which must hand back the
C++ address of its QAccessibleActionInterface part as a `shiboken6.VoidPtr` (a plain int is taken
for a Python object and crashes the reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_NO_INTERFACE = shiboken6.VoidPtr(0)


@dataclass(frozen=True, slots=True)
class ItemAction:
    """One thing a screen reader can do to an item: Qt's action name (QAccessibleActionInterface's
    toggleAction() …), the words read out, what it does, and its key."""

    name: str
    label: str
    description: str = ""
    key: str = ""


class AccessibleItems(Protocol):
    """What a view tells the screen reader about the items it paints."""

    def accessible_ids(self) -> list[str]: ...
    def accessible_name(self, item_id: str) -> str: ...
    def accessible_description(self, item_id: str) -> str: ...
    def accessible_checked(self, item_id: str) -> bool | None: ...  # None: not checkable
    def accessible_rect(self, item_id: str) -> QRect: ...  # screen coordinates
    def accessible_focus(self) -> str | None: ...  # the item with the keyboard focus
    def accessible_actions(self, item_id: str) -> list[ItemAction]: ...
    def accessible_do(self, item_id: str, action: str) -> None: ...


class ItemProxy(QObject):
    """The QObject a painted item is known by to Qt's accessibility (see the module)."""

    def __init__(self, item_id: str, children: AccessibleChildren) -> None:
        super().__init__(children)
        self.item_id = item_id
        self.children = children


class AccessibleChildren(QObject):
    """The accessible items of one view: their proxies, and what was last announced of them."""

    def __init__(self, view: QWidget, source: AccessibleItems) -> None:
        super().__init__(view)
        self.view = view
        self.source = source
        self._proxies: dict[str, ItemProxy] = {}
        # item id -> (name, description, checked) as last announced; None: not followed yet.
        self._heard: dict[str, tuple[str, str, bool | None]] | None = None
        self._focus: str | None = None
        view._accessible_children = self  # found by the view's interface

    def ids(self) -> list[str]:
        return self.source.accessible_ids()

    def proxy(self, item_id: str) -> ItemProxy:
        found = self._proxies.get(item_id)
        if found is None:
            found = self._proxies[item_id] = ItemProxy(item_id, self)
        return found

    def interface(self, item_id: str) -> QAccessibleInterface | None:
        return QAccessible.queryAccessibleInterface(self.proxy(item_id))

    def _drop(self, item_id: str) -> None:
        proxy = self._proxies.pop(item_id, None)
        if proxy is not None:
            proxy.setParent(None)
            shiboken6.delete(proxy)  # now: Qt's cache drops the interface with it

    def changed(self) -> None:
        """The items may have changed: announce what a listener would want to hear (checked,
        renamed, described differently, added, removed). Cheap when nobody listens."""
        if not self._proxies and not QAccessible.isActive():
            self._heard = None
            return
        ids = self.ids()
        wanted = set(ids)
        for gone in [i for i in self._proxies if i not in wanted]:
            if QAccessible.isActive():
                QAccessible.updateAccessibility(QAccessibleEvent(self._proxies[gone], QAccessible.Event.ObjectDestroyed))
            self._drop(gone)
        if self._focus not in wanted:
            self._focus = None
        if not QAccessible.isActive():
            self._heard = None
            return
        source = self.source
        now = {i: (source.accessible_name(i), source.accessible_description(i), source.accessible_checked(i)) for i in ids}
        before, self._heard = self._heard, now
        if before is None:
            return
        for item_id, (name, description, checked) in now.items():
            old = before.get(item_id)
            if old is None:
                QAccessible.updateAccessibility(QAccessibleEvent(self.proxy(item_id), QAccessible.Event.ObjectCreated))
                continue
            if old[0] != name:
                QAccessible.updateAccessibility(QAccessibleEvent(self.proxy(item_id), QAccessible.Event.NameChanged))
            if old[1] != description:
                QAccessible.updateAccessibility(QAccessibleEvent(self.proxy(item_id), QAccessible.Event.DescriptionChanged))
            if old[2] != checked:
                states = QAccessible.State()
                states.checked = True
                QAccessible.updateAccessibility(QAccessibleStateChangeEvent(self.proxy(item_id), states))
        if list(before) != ids:
            QAccessible.updateAccessibility(QAccessibleEvent(self.view, QAccessible.Event.ObjectReorder))

    def focus_moved(self, item_id: str | None) -> None:
        """The keyboard focus is on item_id now (None: on the view itself)."""
        self._focus = item_id
        if not QAccessible.isActive() or not self.view.hasFocus():
            return
        target = self.proxy(item_id) if item_id is not None else self.view
        QAccessible.updateAccessibility(QAccessibleEvent(target, QAccessible.Event.Focus))


class ItemAccessible(QAccessibleInterface, QAccessibleActionInterface):
    """One painted item, read from its view's AccessibleItems source."""

    def __init__(self, proxy: ItemProxy) -> None:
        QAccessibleInterface.__init__(self)
        QAccessibleActionInterface.__init__(self)
        self._proxy = proxy

    def _live(self) -> tuple[str, AccessibleChildren] | None:
        proxy = self._proxy
        if not shiboken6.isValid(proxy):
            return None
        return proxy.item_id, proxy.children

    def isValid(self) -> bool:
        return self._live() is not None

    def object(self) -> QObject:
        return self._proxy

    def window(self) -> QWindow | None:
        live = self._live()
        return live[1].view.window().windowHandle() if live else None

    def role(self) -> QAccessible.Role:
        live = self._live()
        if live and live[1].source.accessible_checked(live[0]) is not None:
            return QAccessible.Role.CheckBox
        return QAccessible.Role.ListItem

    def text(self, kind: QAccessible.Text) -> str:
        live = self._live()
        if live is None:
            return ""
        item_id, children = live
        if kind == QAccessible.Text.Name:
            return children.source.accessible_name(item_id)
        if kind == QAccessible.Text.Description:
            return children.source.accessible_description(item_id)
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass  # renaming goes through F2 and the undo stack, not through the reader

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        live = self._live()
        if live is None:
            state.invalid = True
            return state
        item_id, children = live
        checked = children.source.accessible_checked(item_id)
        state.checkable = checked is not None
        state.checked = bool(checked)
        state.focusable = True
        state.selectable = True
        focused = children.source.accessible_focus() == item_id
        state.selected = focused
        state.focused = focused and children.view.hasFocus()
        if not children.source.accessible_rect(item_id).intersects(_screen_rect(children.view)):
            state.offscreen = True
        return state

    def rect(self) -> QRect:
        live = self._live()
        return live[1].source.accessible_rect(live[0]) if live else QRect()

    def parent(self) -> QAccessibleInterface | None:
        live = self._live()
        return QAccessible.queryAccessibleInterface(live[1].view) if live else None

    def childCount(self) -> int:
        return 0

    def child(self, index: int) -> QAccessibleInterface | None:
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        return None

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def relations(self, match=QAccessible.RelationFlag.AllRelations) -> list:
        return []

    def interface_cast(self, kind: QAccessible.InterfaceType):
        if kind == QAccessible.InterfaceType.ActionInterface and self._live() is not None:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self)[1])
        return _NO_INTERFACE

    # -- QAccessibleActionInterface ---------------------------------------------------------------

    def _actions(self) -> list[ItemAction]:
        live = self._live()
        return live[1].source.accessible_actions(live[0]) if live else []

    def actionNames(self) -> list[str]:
        return [a.name for a in self._actions()]

    def localizedActionName(self, name: str) -> str:
        return next((a.label for a in self._actions() if a.name == name), name)

    def localizedActionDescription(self, name: str) -> str:
        return next((a.description for a in self._actions() if a.name == name), "")

    def keyBindingsForAction(self, name: str) -> list[str]:
        return [a.key for a in self._actions() if a.name == name and a.key]

    def doAction(self, name: str) -> None:
        live = self._live()
        if live is not None and name in self.actionNames():
            live[1].source.accessible_do(live[0], name)


def _screen_rect(view: QWidget) -> QRect:
    target = getattr(view, "viewport", None)
    widget = target() if callable(target) else view
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


class ViewAccessible(QAccessibleWidget):
    """A view whose children, for a screen reader, are the items it paints (in reading order)."""

    def __init__(self, view: QWidget, role: QAccessible.Role) -> None:
        super().__init__(view, role)
        self._view = view

    def _children(self) -> AccessibleChildren | None:
        return getattr(self._view, "_accessible_children", None) if shiboken6.isValid(self._view) else None

    def childCount(self) -> int:
        children = self._children()
        return len(children.ids()) if children else 0

    def child(self, index: int) -> QAccessibleInterface | None:
        children = self._children()
        ids = children.ids() if children else []
        return children.interface(ids[index]) if 0 <= index < len(ids) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        children = self._children()
        proxy = child.object() if child is not None else None
        if children is None or not isinstance(proxy, ItemProxy):
            return -1
        ids = children.ids()
        return ids.index(proxy.item_id) if proxy.item_id in ids else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        children = self._children()
        if children is None:
            return None
        for item_id in children.ids():
            if children.source.accessible_rect(item_id).contains(x, y):
                return children.interface(item_id)
        return None

    def focusChild(self) -> QAccessibleInterface | None:
        children = self._children()
        focused = children.source.accessible_focus() if children else None
        return children.interface(focused) if focused is not None else None


_views: dict[type, QAccessible.Role] = {}
_installed = False


def _factory(classname: str, obj: QObject) -> QAccessibleInterface | None:
    try:
        if isinstance(obj, ItemProxy):
            return ItemAccessible(obj)
        role = _views.get(type(obj))
        if role is not None:
            return ViewAccessible(obj, role)
    except Exception:  # noqa: BLE001 - a reader's question must never take the window down
        return None
    return None


def register_view(view_class: type, role: QAccessible.Role) -> None:
    """Views of view_class list their AccessibleChildren to screen readers. Call before the first
    such view exists: Qt keeps the interface it made first for an object."""
    global _installed
    _views[view_class] = role
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
