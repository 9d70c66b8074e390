"""Checks across entries: unique ids, links between entries (with a did-you-mean), and
addresses that collide with each other or with the site's own pages."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from kennisbank.checks.problems import Problem
from kennisbank.content.entry import Entry
from kennisbank.content.project import Project
from kennisbank.site.urls import RESERVED_SLUGS, alias_problem, permalink, retired_id, url_of_page
from kennisbank.site.urls import entry_url as _entry_url

#: The shape the schema demands of an alias; other faults of an alias are URL002.
_ALIAS_SHAPE = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+")


def reserved_urls(project: Project) -> dict[str, str]:
    """URL -> Dutch description of every page that is not an entry: generated pages
    (overviews, facet pages, the matrix, …) and hand-written pages in ``docs/``."""
    from kennisbank.site.pages import fixed_page_paths  # the generator knows which pages it writes

    taken = {
        url_of_page(path): f"de pagina {url_of_page(path)} van de site"
        for path in fixed_page_paths(project.vocabularies)
    }
    docs = project.root / "docs"
    if docs.is_dir():
        for path in docs.rglob("*.md"):
            relative = path.relative_to(docs).as_posix()
            taken[url_of_page(relative)] = f"de pagina docs/{relative}"
    return taken


class IdSuggester:
    """Did-you-mean for unknown ids in O(length of the id) per question.

    Built once per run: every id under its number (``in-003`` for ``pr-003``) and under
    each one-character deletion of itself (symmetric-delete index, which finds one typo,
    one missing or extra character, or two swapped characters). difflib over every id per
    broken link was quadratic: 500 files with 10 unknown ids each took 33 s (issue 9).
    The index is built on the first question: a project without broken links never needs
    it, and building it for 5000 ids costs about 0.15 s on every run.
    """

    def __init__(self, ids: list[str]) -> None:
        self._ids = ids
        self._built: dict[str, list[str]] | None = None
        self._cache: dict[str, str | None] = {}

    @property
    def _index(self) -> dict[str, list[str]]:
        if self._built is None:
            self._built = defaultdict(list)
            for entry_id in sorted(self._ids):
                for key in self._keys(entry_id):
                    self._built[key].append(entry_id)
        return self._built

    @staticmethod
    def _keys(entry_id: str) -> set[str]:
        keys = {entry_id} | {entry_id[:i] + entry_id[i + 1 :] for i in range(len(entry_id))}
        number = entry_id.split("-", 1)[1] if "-" in entry_id else ""
        if number:
            keys.add("#" + number.lstrip("0"))
        return keys

    def suggest(self, target: str) -> str | None:
        """The known id closest to ``target``, or None."""
        if target not in self._cache:
            index = self._index
            found = sorted({c for key in self._keys(target) for c in index.get(key, ())})
            self._cache[target] = found[0] if found else None
        return self._cache[target]


def cross_entry_problems(entries: list[Entry], reserved: dict[str, str] | None = None) -> list[Problem]:
    """Check id uniqueness, links between entries and URL collisions.

    Args:
        entries: every loaded entry.
        reserved: URL -> description of pages that are not entries (see :func:`reserved_urls`).

    Runs in O(number of entries + number of links): one pass builds the id index, and
    suggestions for unknown ids come from :class:`IdSuggester`.
    """
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.id:
            by_id[entry.id].append(entry)
    problems = [
        Problem(entry.path, entry.key_lines.get("id", 1), 1, "ID001", "id",
                f"De id '{entry_id}' wordt ook gebruikt door {owners[0].path}.",
                "Geef dit item de volgende vrije id; de id van een gepubliceerd item verandert nooit.")
        for entry_id, owners in by_id.items() for entry in owners[1:]
    ]  # fmt: skip
    problems.extend(_retired_id_problems(entries))
    # An id with the prefix of another collection is reported by the schema's id pattern (ID002).
    suggester = IdSuggester(list(by_id))
    for entry in entries:
        problems.extend(_link_problems(entry, by_id, suggester))
    owner = _slug_owners(entries, reserved or {}, problems)
    for entry in entries:
        problems.extend(_alias_problems(entry, owner, reserved or {}))
    return problems


def _retired_id_problems(entries: list[Entry]) -> Iterator[Problem]:
    """ID001 for an entry whose id another entry keeps as a retired permalink (``/p/<id>/``
    under ``aliases``, after a merge): an id is never used again (CONTRIBUTING, rule 5)."""
    keeper: dict[str, Entry] = {}
    for entry in entries:
        aliases = entry.meta.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and (found := retired_id(alias)):
                keeper.setdefault(found, entry)
    for entry in entries:
        if entry.id in keeper and keeper[entry.id] is not entry:
            yield Problem(entry.path, entry.key_lines.get("id", 1), 1, "ID001", "id",
                          f"De id '{entry.id}' hoorde bij een item dat is opgegaan in {keeper[entry.id].path}; "
                          "een id wordt nooit opnieuw gebruikt.",
                          "Geef dit item de volgende vrije id (kb new kiest die zelf).")  # fmt: skip


def _link_problems(entry: Entry, by_id: dict[str, list[Entry]], suggester: IdSuggester) -> Iterator[Problem]:
    related = entry.meta.get("related")
    for index, target in enumerate(related if isinstance(related, list) else []):
        if not isinstance(target, str):
            continue
        line = entry.line_of(("related", index))
        if target == entry.id:
            yield Problem(entry.path, line, 1, "LINK002", "related",
                          f"Het item verwijst in 'related' naar zichzelf ('{target}').")  # fmt: skip
        elif target not in by_id:
            guess = suggester.suggest(target)
            hint = (f"Bedoelde u '{guess}' ({by_id[guess][0].title})?" if guess
                    else "Controleer de id in de map van de collectie, of verwijder de verwijzing.")  # fmt: skip
            yield Problem(entry.path, line, 1, "LINK001", "related", f"Er is geen item met de id '{target}'.", hint)


def entry_url(entry: Entry) -> str:
    """Site URL path of an entry, e.g. ``/praktijkvoorbeelden/common-ground/``."""
    return _entry_url(entry.collection.url_prefix, entry.slug)


def _slug_owners(entries: list[Entry], reserved: dict[str, str], problems: list[Problem]) -> dict[str, Entry]:
    """URL -> entry for every entry page and permalink; URL001 (added to ``problems``) for
    an entry whose address is reserved or another page's."""
    owner: dict[str, Entry] = {}
    for entry in entries:
        url = entry_url(entry)
        if entry.slug in RESERVED_SLUGS or url in reserved:
            what = reserved.get(url, f"het overzicht /{entry.collection.url_prefix}/")
            problems.append(Problem(entry.path, 0, 1, "URL001", "",
                                    f"Het adres {url} van dit item is al {what}; het item zou die pagina vervangen "
                                    "of zelf verdwijnen.", "Geef het bestand een andere naam."))  # fmt: skip
        owner.setdefault(url, entry)
    owner.update({permalink(e.id): e for e in entries if e.id})
    return owner


def _alias_problems(entry: Entry, owner: dict[str, Entry], reserved: dict[str, str]) -> Iterator[Problem]:
    """URL002 for a malformed or reserved alias, URL001 for one that another page owns."""
    aliases = entry.meta.get("aliases")
    for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
        if not isinstance(alias, str) or not _ALIAS_SHAPE.fullmatch(alias):
            continue  # the schema reports the type and the shape (SCH003, SCH004)
        line = entry.line_of(("aliases", index))
        malformed = alias_problem(alias)
        if malformed:
            yield Problem(entry.path, line, 1, "URL002", "aliases", malformed)
        elif alias in reserved:
            yield Problem(entry.path, line, 1, "URL001", "aliases",
                          f"Het oude adres '{alias}' is al {reserved[alias]}; de doorverwijzing zou die pagina vervangen.")  # fmt: skip
        elif alias in owner and owner[alias] is not entry and not retired_id(alias):
            yield Problem(entry.path, line, 1, "URL001", "aliases",
                          f"Het oude adres '{alias}' is al in gebruik door {owner[alias].path}.")  # fmt: skip
        owner.setdefault(alias, entry)


__all__ = ["IdSuggester", "cross_entry_problems", "entry_url", "reserved_urls"]
