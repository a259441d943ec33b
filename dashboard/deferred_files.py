"""Download files built at the click that stay served until the student's browser has fetched them.

``st.download_button(data=callable)`` builds its file only when clicked, so a page run prepares no file
nobody asks for. Streamlit 1.67 answers the click with a ``/media/...`` URL but ties the built file to no
session: ``remove_orphaned_files()``, which runs when *any* session's script run ends, marks it at its
first pass and deletes it at its second. Under a classroom's load two other runs often end between the
click's answer and the browser's GET, and the first click gets a 404 (docs/results.md, "Downloads under
load": 0-60 % of first clicks at 40 students).

``keep_clicked_files`` wraps the media file manager's ``execute_deferred`` once per process so the built
file is registered under the clicking session, at the button's place: it then lives exactly as long as
a file sent with the page would (until that session's next full run, or its end), and a student clicking
again replaces it. The wrapper reads the manager's private tables; when they are not there (another
Streamlit version) it installs nothing and returns False, and ``tables.downloads`` sends its files with
the page instead, as before.
"""

from __future__ import annotations

import posixpath
import urllib.parse

CLICKED = ":clicked"  # suffix of the place a clicked file is registered at (the button's own place + this)
_INSTALLED = "_dashboard_keeps_clicked_files"
_PRIVATE = ("_lock", "_files_by_session_and_coord", "_deferred_callables", "_file_metadata")
_ATTEMPTS = 3  # builds of one click when sweeps keep deleting the file between the build and its registration


def _file_id(url: str) -> str:
    """The stored file's id in a ``/media/<id>.<ext>`` URL."""
    return posixpath.splitext(posixpath.basename(urllib.parse.urlparse(url).path))[0]


def keep_clicked_files(manager=None) -> bool:
    """Make every deferred download file belong to the session that clicked it (this process's manager, or
    ``manager``); True when installed (now or before)."""
    if manager is None:
        from streamlit import runtime

        if not runtime.exists():
            return False
        manager = runtime.get_instance().media_file_mgr
    if getattr(manager, _INSTALLED, False):
        return True
    if not all(hasattr(manager, name) for name in _PRIVATE) or not callable(getattr(manager, "execute_deferred",
                                                                                    None)):
        return False
    from streamlit.runtime.media_file_manager import MediaFileMetadata
    from streamlit.runtime.media_file_storage import MediaFileKind

    build = manager.execute_deferred

    def execute_deferred(file_id: str) -> str:
        with manager._lock:
            entry = manager._deferred_callables.get(file_id)
        for _ in range(_ATTEMPTS):
            url = build(file_id)
            if entry is None:
                return url
            built = _file_id(url)
            with manager._lock:
                if built not in manager._file_metadata:
                    continue  # two sweeps deleted it in between: build it again
                session_files = manager._files_by_session_and_coord
                if entry["session_id"] in session_files:  # a session that ended keeps nothing
                    # Fresh metadata: a sweep in between may have marked the file for deletion.
                    manager._file_metadata[built] = MediaFileMetadata(kind=MediaFileKind.DOWNLOADABLE)
                    session_files[entry["session_id"]][entry["coordinates"] + CLICKED] = built
            return url
        return url

    manager.execute_deferred = execute_deferred
    setattr(manager, _INSTALLED, True)
    return True
