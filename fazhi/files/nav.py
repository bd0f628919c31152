"""Staff menu entry of the attachments app."""

from fazhi.core import navigation

from .permissions import VIEW

navigation.add("证据与附件", "files:list", VIEW, "工作台")
