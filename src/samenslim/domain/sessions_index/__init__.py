"""A summary of every session file, for looking back at past sessions without opening each one.

The package, by concern (each module says more):

- `summary`: what the index keeps of one file (`Samenvatting`) and its folded search text (`fold`);
- `reading`: reading one file, its head when the store wrote it, else the whole file, checked as
  the store checks it;
- `caches`: `.index.json` and `.zoektekst.json` beside the sessions, and `cache_lock`;
- `listing`: `list_sessions`, the folder summarised from the index and the files that changed;
  `Listing.search_texts` builds the search texts lazily;
- `searching`: `search` and `filter_entries` over a listing, in memory.

The caches are never the truth: an entry is reused only while its session file has the same size
and mtime_ns, files that are new or changed are read again, files that are gone are dropped, and a
missing, unreadable or outdated cache file is simply rebuilt. Damaged files are listed with the
reason, never written.

The index reads session files by the store's rules (`samenslim.domain.store`); the store knows
nothing of the index. Deleting a session is done above both (`erasure.delete_session`): under
`cache_lock`, the store removes the files and `forget` drops the session's entry and text.
"""

from samenslim.domain.sessions_index.caches import INDEX_NAME, TEXTS_NAME, cache_lock, forget
from samenslim.domain.sessions_index.listing import Listing, list_sessions
from samenslim.domain.sessions_index.reading import HEAD_BYTES, read_file, read_head
from samenslim.domain.sessions_index.searching import filter_entries, search
from samenslim.domain.sessions_index.summary import Samenvatting, fold, search_text, sort_newest_first

__all__ = [
    "HEAD_BYTES",
    "INDEX_NAME",
    "TEXTS_NAME",
    "Listing",
    "Samenvatting",
    "cache_lock",
    "filter_entries",
    "fold",
    "forget",
    "list_sessions",
    "read_file",
    "read_head",
    "search",
    "search_text",
    "sort_newest_first",
]
