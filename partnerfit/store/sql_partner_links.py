"""The PostgreSQL store's partner links: the ``partner_links`` table (migration ``0003_partner_links``), keyed on
the token's hash; claiming a link is one ``UPDATE ... WHERE used_at IS NULL ...``, so only one partner gets it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from partnerfit.partner_view import PartnerLink
from partnerfit.store.base import NotFoundError
from partnerfit.store.sql_schema import assessments, metadata

partner_links = sa.Table(
    "partner_links",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False),
    sa.Column("assessment_id", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.Column("used_at", sa.DateTime(timezone=True)),
)
_COLUMNS = [c for c in partner_links.c if c.name != "seq"]


def _link(row: sa.Row) -> PartnerLink:
    return PartnerLink(**row._mapping)


class SqlPartnerLinks:
    """Partner links for ``SqlStore`` (which provides ``_begin``)."""

    def create_partner_link(self, link: PartnerLink) -> PartnerLink:
        with self._begin() as connection:
            exists = connection.execute(
                sa.select(assessments.c.id).where(assessments.c.id == link.assessment_id)
            ).scalar()
            if exists is None:
                raise NotFoundError(link.assessment_id)
            connection.execute(partner_links.insert().values(**link.model_dump()))
        return link

    def partner_links(self, assessment_id: str) -> list[PartnerLink]:
        query = (
            sa.select(*_COLUMNS)
            .where(partner_links.c.assessment_id == assessment_id)
            .order_by(partner_links.c.seq)
        )
        with self._begin() as connection:
            return [_link(row) for row in connection.execute(query)]

    def find_partner_link(self, token_hash: str) -> PartnerLink | None:
        query = sa.select(*_COLUMNS).where(partner_links.c.token_hash == token_hash)
        with self._begin() as connection:
            row = connection.execute(query).one_or_none()
        return _link(row) if row is not None else None

    def revoke_partner_link(self, token_hash: str, *, at: dt.datetime) -> PartnerLink:
        with self._begin() as connection:
            connection.execute(
                partner_links.update()
                .where(
                    partner_links.c.token_hash == token_hash,
                    partner_links.c.used_at.is_(None),
                    partner_links.c.revoked_at.is_(None),
                )
                .values(revoked_at=at)
            )
            row = connection.execute(
                sa.select(*_COLUMNS).where(partner_links.c.token_hash == token_hash)
            ).one_or_none()
        if row is None:
            raise NotFoundError(f"partner link {token_hash[:8]}")
        return _link(row)

    def claim_partner_link(self, token_hash: str, *, at: dt.datetime) -> bool:
        with self._begin() as connection:
            claimed = connection.execute(
                partner_links.update()
                .where(
                    partner_links.c.token_hash == token_hash,
                    partner_links.c.used_at.is_(None),
                    partner_links.c.revoked_at.is_(None),
                    partner_links.c.expires_at > at,
                )
                .values(used_at=at)
                .returning(partner_links.c.token_hash)
            ).scalar()
        return claimed is not None

    def release_partner_link(self, token_hash: str) -> None:
        with self._begin() as connection:
            connection.execute(
                partner_links.update().where(partner_links.c.token_hash == token_hash).values(used_at=None)
            )
