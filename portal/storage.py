"""Media on the file system, written so that a failed write leaves nothing behind.

Django's ``FileSystemStorage`` writes straight into the final name: when the disk fills (or
the quota ends) half-way, the partial file stays under a real name and the ``OSError`` becomes
a 500. Here every file is written under a hidden temporary name in its own folder, flushed to
disk, and only then linked to its final name (``os.link`` refuses an existing name, so nothing
is ever overwritten, as before). Any failure removes the temporary file; a full disk is raised
as ``StorageFullError`` (503 with a message a person can read), so the service's transaction
rolls back and neither a row nor a file of the upload remains. The fault drill ``make faults``
(disk) shows it on a size-capped folder.
"""

import contextlib
import errno
import logging
import os
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from portal.errors import StorageFullError

logger = logging.getLogger(__name__)

# errno values that mean "no room": the disk, the user's quota, the largest file allowed.
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            os.makedirs(directory, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-", suffix=".partial")
            try:
                with os.fdopen(fd, "wb") as handle:
                    for chunk in content.chunks():
                        handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                    handle.flush()
                    os.fsync(handle.fileno())
                while True:
                    try:
                        os.link(temporary, full_path)
                        break
                    except FileExistsError:
                        name = self.get_available_name(name)
                        full_path = self.path(name)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        except OSError as exc:
            if exc.errno in _FULL:
                logger.error("media storage full: %s not stored (%s)", name, exc)
                raise StorageFullError(
                    _(
                        "The portal's file store is full, so the file was not stored and nothing was "
                        "changed. Please try again later."
                    )
                ) from exc
            raise
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
