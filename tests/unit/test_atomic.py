"""Cache files are written whole: a reader, or another build, never sees half a file."""

from __future__ import annotations

import threading

from geotrek_portal import atomic


def test_a_missing_folder_is_created_and_no_temporary_file_is_left(tmp_path):
    target = tmp_path / ".cache" / "posts" / "a.md"
    atomic.write_text(target, "é\n")
    assert target.read_text(encoding="utf-8") == "é\n"
    atomic.write_text(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]


def test_concurrent_writers_and_readers_see_whole_files_only(tmp_path):
    target = tmp_path / "post.md"
    texts = [str(n) * 200_000 for n in range(4)]  # large enough for a plain write to be seen half done
    atomic.write_text(target, texts[0])
    seen: set[int] = set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            seen.add(len(target.read_text(encoding="utf-8")))

    def write(text):
        for _ in range(20):
            atomic.write_text(target, text)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(text,)) for text in texts]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    reader.join()
    assert seen == {200_000}
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "post.md"
    atomic.write_text(target, "old")
    try:
        atomic.write_text(target, "new \udcff")  # not encodable: the write fails
    except UnicodeEncodeError:
        pass
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]
