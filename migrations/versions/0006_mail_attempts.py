"""notifications: mail attempts, last error and parking, so one failing mail cannot block the queue

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 03:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('mail_error', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('mail_parked_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('mail_parked_at')
        batch_op.drop_column('mail_error')
        batch_op.drop_column('mail_attempts')
