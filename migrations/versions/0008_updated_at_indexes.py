"""indexes on updated_at of companies, opportunities and embeddings

Each web process brings its matcher up to date by asking for the rows changed in the last moments
(app/matches/live.py); without these indexes that question scans whole tables.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 04:05:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("companies", "opportunities", "embeddings")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_updated_at'), ['updated_at'], unique=False)


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_updated_at'))
