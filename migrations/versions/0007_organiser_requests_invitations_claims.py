"""organiser requests, forum invitations, company claims

The organiser role is granted by an admin (users ask at sign-up); existing accounts named in a forum import get
an invitation to accept; imported companies without an owner can be claimed.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-04 03:24:18.622888

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CLAIM_METHOD = sa.Enum('email', 'admin', name='claimmethod', native_enum=False, length=20)
CLAIM_STATUS = sa.Enum('pending', 'approved', 'rejected', name='claimstatus', native_enum=False, length=20)
INVITATION_STATUS = sa.Enum('pending', 'accepted', 'declined', name='invitationstatus', native_enum=False, length=20)


def upgrade():
    op.create_table('company_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('method', CLAIM_METHOD, nullable=False),
    sa.Column('status', CLAIM_STATUS, nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('sent_to', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('company_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_claims_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_company_claims_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_company_claims_user_id'), ['user_id'], unique=False)

    op.create_table('forum_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', INVITATION_STATUS, nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('forum_id', 'user_id', name='uq_forum_invitations_forum_user')
    )
    with op.batch_alter_table('forum_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_invitations_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organiser_requested_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('organiser_requested_at')

    with op.batch_alter_table('forum_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_invitations_user_id'))

    op.drop_table('forum_invitations')
    with op.batch_alter_table('company_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_claims_user_id'))
        batch_op.drop_index(batch_op.f('ix_company_claims_status'))
        batch_op.drop_index(batch_op.f('ix_company_claims_company_id'))

    op.drop_table('company_claims')
