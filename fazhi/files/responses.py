"""Streamed file responses with single-range support (HTTP Range, RFC 9110 §14).

Audio and video players seek by asking for byte ranges; a 2 GB recording is never read into
memory, only streamed from disk in 64 KiB chunks. The ETag is the SHA-256 itself: the content at
an address can never change, so it is the strongest validator there is.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from . import sniffing, storage
from .models import Attachment

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
INLINE_PREFIXES = ("image/", "audio/", "video/", "application/pdf")


def mime_of(attachment: Attachment) -> str:
    """The type we serve: from the (validated) extension, else what the blob was stored as."""
    fmt = sniffing.FORMATS.get(attachment.extension)
    return fmt.mime if fmt else attachment.blob.content_type


def parse_range(header: str, size: int) -> tuple[int, int] | None | str:
    """(start, end inclusive) for one satisfiable range; None to ignore; "unsatisfiable" for 416."""
    match = RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None  # absent, malformed or several ranges: answer with the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix: the last N bytes
        suffix = int(last[:20])
        if suffix == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    start = int(first[:20])
    end = min(int(last[:20]), size - 1) if last else size - 1
    if last and int(last[:20]) < start:
        return None  # syntactically invalid range: ignore it
    if start >= size:
        return "unsatisfiable"
    return start, end


def file_response(
    request: HttpRequest, attachment: Attachment, *, as_attachment: bool = False
) -> HttpResponse:
    """200 with the whole file, 206 with one range, 304 when unchanged, 416 when out of range."""
    blob = attachment.blob
    size = blob.size
    etag = f'"{blob.sha256}"'
    mime = mime_of(attachment)
    if request.headers.get("If-None-Match", "").strip() == etag:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    wanted = parse_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range", "").strip()
    if if_range and if_range != etag:
        wanted = None  # the client's partial copy is of something else: send it all
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted if isinstance(wanted, tuple) else (0, size - 1)
    length = end - start + 1
    if request.method == "HEAD":
        response: HttpResponse | StreamingHttpResponse = HttpResponse(content_type=mime)
    else:
        response = StreamingHttpResponse(
            storage.read_range(blob.sha256, start, length), content_type=mime
        )
    if isinstance(wanted, tuple):
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    inline = not as_attachment and mime.startswith(INLINE_PREFIXES)
    response["Content-Disposition"] = disposition(attachment.name, inline=inline)
    return response


def disposition(name: str, *, inline: bool) -> str:
    """Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987)."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
