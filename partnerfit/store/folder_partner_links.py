"""The folder store's partner links: one file per assessment, ``<root>/.partner-links/<assessment id>.yaml``,
written atomically under the store's lock (a dot-folder, so never read as an assessment)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.partner_view import PartnerLink
from partnerfit.store.base import NotFoundError
from partnerfit.validation import validate_model
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES, dump_yaml, parse_yaml, read_text_file, write_atomically

LINKS_DIR = ".partner-links"
MAX_LINKS = 500  # per assessment


class LinksFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    links: list[PartnerLink] = Field(default_factory=list, max_length=MAX_LINKS)


class FolderPartnerLinks:
    """Partner links for ``FolderStore`` (which provides ``root``, ``files`` and ``get``)."""

    root: Path

    def _links_file(self, assessment_id: str) -> Path:
        return self.root / LINKS_DIR / f"{assessment_id}.yaml"

    def _read_links(self, path: Path) -> list[PartnerLink]:
        if not path.exists():
            return []
        text = read_text_file(path, max_bytes=MAX_ASSESSMENT_BYTES)
        return validate_model(LinksFile, parse_yaml(text, path), path, text).links

    def _write_links(self, path: Path, links: list[PartnerLink]) -> None:
        data = {"links": [link.model_dump(mode="json", exclude_none=True) for link in links]}
        write_atomically(path, dump_yaml(data))

    def create_partner_link(self, link: PartnerLink) -> PartnerLink:
        self.get(link.assessment_id)  # NotFoundError when there is no such assessment
        with self.files._lock():
            path = self._links_file(link.assessment_id)
            self._write_links(path, [*self._read_links(path), link])
        return link

    def partner_links(self, assessment_id: str) -> list[PartnerLink]:
        return self._read_links(self._links_file(assessment_id))

    def find_partner_link(self, token_hash: str) -> PartnerLink | None:
        folder = self.root / LINKS_DIR
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            for link in self._read_links(path):
                if link.token_hash == token_hash:
                    return link
        return None

    def _update_link(self, token_hash: str, change) -> PartnerLink | None:
        """Apply ``change(link) -> link | None`` (None: leave it) under the lock; the link after, or None."""
        with self.files._lock():
            found = self.find_partner_link(token_hash)
            if found is None:
                return None
            path = self._links_file(found.assessment_id)
            links = self._read_links(path)
            for index, link in enumerate(links):
                if link.token_hash == token_hash:
                    changed = change(link)
                    if changed is not None:
                        links[index] = changed
                        self._write_links(path, links)
                    return changed
        return None

    def revoke_partner_link(self, token_hash: str, *, at: dt.datetime) -> PartnerLink:
        def revoke(link: PartnerLink) -> PartnerLink:
            if link.used_at or link.revoked_at:
                return link
            return link.model_copy(update={"revoked_at": at})

        changed = self._update_link(token_hash, revoke)
        if changed is None:
            raise NotFoundError(f"partner link {token_hash[:8]}")
        return changed

    def claim_partner_link(self, token_hash: str, *, at: dt.datetime) -> bool:
        def claim(link: PartnerLink) -> PartnerLink | None:
            return link.model_copy(update={"used_at": at}) if link.status(at) == "valid" else None

        return self._update_link(token_hash, claim) is not None

    def release_partner_link(self, token_hash: str) -> None:
        self._update_link(token_hash, lambda link: link.model_copy(update={"used_at": None}))
