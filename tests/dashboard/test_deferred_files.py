"""A download built at the click stays served while its session lives, however many other runs end meanwhile.

The witness is Streamlit's own media file manager: without the keeper, the file a click built is gone after
two other script runs end (each ends with ``remove_orphaned_files``), the 404 a class met at the first click.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.deferred_files import _file_id, keep_clicked_files


def _clicked(keep: bool) -> tuple[MediaFileManager, MemoryMediaFileStorage, str]:
    """A manager with one session showing one deferred button, clicked once: (manager, storage, file id)."""
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    if keep:
        assert keep_clicked_files(manager)
    placeholder = manager.add_deferred(lambda: "token,weight\nit,0.5\n", "text/csv", "1.(2).3",
                                       file_name="attention.csv")
    # add_deferred ran outside a script run, so it registered the button under Streamlit's bare-mode session
    session = next(iter(manager._files_by_session_and_coord))
    manager._files_by_session_and_coord["a student"] = manager._files_by_session_and_coord.pop(session)
    manager._deferred_callables[placeholder]["session_id"] = "a student"
    url = manager.execute_deferred(placeholder)
    return manager, storage, _file_id(url)


def _other_runs_end(manager: MediaFileManager, runs: int) -> None:
    for _ in range(runs):
        manager.remove_orphaned_files()  # what every session's run does when it ends


def test_without_the_keeper_two_other_runs_delete_the_clicked_file():
    manager, storage, file_id = _clicked(keep=False)
    _other_runs_end(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(file_id)


def test_with_the_keeper_the_clicked_file_is_served_until_its_session_runs_again():
    manager, storage, file_id = _clicked(keep=True)
    _other_runs_end(manager, 50)
    assert storage.get_file(file_id).content == b"token,weight\nit,0.5\n"
    manager.clear_session_refs("a student")  # the session's next full run, or its end
    _other_runs_end(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(file_id)  # nothing is kept for good


def test_a_file_built_for_a_session_that_ended_is_not_kept():
    manager, storage, _ = _clicked(keep=True)
    placeholder = manager.add_deferred(lambda: "late", "text/csv", "1.(2).4", file_name="late.csv")
    manager._deferred_callables[placeholder]["session_id"] = "gone"
    manager._files_by_session_and_coord.pop("gone", None)
    late = _file_id(manager.execute_deferred(placeholder))
    assert "gone" not in manager._files_by_session_and_coord
    _other_runs_end(manager, 2)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(late)


def test_the_keeper_is_installed_once():
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    assert keep_clicked_files(manager)
    wrapped = manager.execute_deferred
    assert keep_clicked_files(manager)
    assert manager.execute_deferred is wrapped
