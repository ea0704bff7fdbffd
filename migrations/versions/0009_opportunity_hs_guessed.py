"""headings an uncoded opportunity's own text points to, for the search pivot

`opportunities.hs_guessed` (JSON list of 4-digit headings, NULL until the embed job looks): search indexes an
uncoded listing under them next to the matcher's own guess (`hs_inferred`), so that a query's HS pivot reaches it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 17:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hs_guessed', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_column('hs_guessed')
