"""Every file a user uploads is checked here (type by content, size, archive expansion, PDF
structure, file name), whatever app stores it. The threat model is in ``checks``."""

from portal.uploads.checks import CheckedUpload, check_upload, sanitise_filename
from portal.uploads.text import check_text_upload

__all__ = ["CheckedUpload", "check_text_upload", "check_upload", "sanitise_filename"]
