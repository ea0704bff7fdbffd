"""forums and meetings: forums, their sessions, participants, meeting requests and meetings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 07:44:37.099408

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('forums',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('meeting_minutes', sa.Integer(), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('n_tables', sa.Integer(), nullable=False),
    sa.Column('request_deadline', sa.DateTime(), nullable=True),
    sa.Column('stage', sa.Enum('registration', 'requests', 'scheduled', 'finished',
              name='forumstage', native_enum=False, length=20), nullable=False),
    sa.Column('last_run', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name='ck_forums_dates'),
    sa.CheckConstraint('meeting_minutes > 0 AND break_minutes >= 0 AND n_tables > 0', name='ck_forums_sizes'),
    sa.ForeignKeyConstraint(['organiser_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_forums_organiser_id'), 'forums', ['organiser_id'])

    op.create_table('forum_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name='ck_forum_sessions_times'),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_forum_sessions_forum_id'), 'forum_sessions', ['forum_id'])

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('unavailable_slots', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('forum_id', 'user_id', name='uq_participants_forum_user')
    )
    op.create_index(op.f('ix_participants_user_id'), 'participants', ['user_id'])

    op.create_table('meeting_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=False),
    sa.Column('to_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('requested', 'accepted', 'declined', 'expired',
              name='requeststatus', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('from_id <> to_id', name='ck_meeting_requests_not_self'),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_id'], ['participants.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('forum_id', 'from_id', 'to_id', name='uq_meeting_requests_pair')
    )
    op.create_index(op.f('ix_meeting_requests_from_id'), 'meeting_requests', ['from_id'])
    op.create_index(op.f('ix_meeting_requests_to_id'), 'meeting_requests', ['to_id'])

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('p1_id', sa.Integer(), nullable=False),
    sa.Column('p2_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=True),
    sa.Column('table', sa.Integer(), nullable=True),
    sa.Column('is_locked', sa.Boolean(), nullable=False),
    sa.Column('previous_slot', sa.Integer(), nullable=True),
    sa.Column('previous_table', sa.Integer(), nullable=True),
    sa.Column('unscheduled_reason', sa.String(length=300), nullable=True),
    sa.Column('took_place', sa.Boolean(), nullable=True),
    sa.Column('outcome', sa.Enum('no_follow_up', 'follow_up', 'negotiation', 'contract',
              name='outcome', native_enum=False, length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(slot IS NULL) = ("table" IS NULL)', name='ck_meetings_slot_table'),
    sa.CheckConstraint('p1_id < p2_id', name='ck_meetings_pair_order'),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['p1_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['p2_id'], ['participants.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['meeting_requests.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('forum_id', 'p1_id', 'p2_id', name='uq_meetings_pair'),
    sa.UniqueConstraint('forum_id', 'slot', 'table', name='uq_meetings_slot_table')
    )
    op.create_index(op.f('ix_meetings_p1_id'), 'meetings', ['p1_id'])
    op.create_index(op.f('ix_meetings_p2_id'), 'meetings', ['p2_id'])



def downgrade():
    # dropping a table drops its indexes too
    for table in ("meetings", "meeting_requests", "participants", "forum_sessions", "forums"):
        op.drop_table(table)
