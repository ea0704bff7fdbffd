"""Every model, imported in one place for Alembic and the shell."""
from app.accounts.models import Role, User  # noqa: F401
from app.analytics.models import SuggestionImpression  # noqa: F401
from app.claims.models import CompanyClaim  # noqa: F401
from app.deals.models import Conversation, Deal, DealStageChange, Interest, Message  # noqa: F401
from app.forums.models import (  # noqa: F401
    Forum,
    ForumInvitation,
    ForumSession,
    Meeting,
    MeetingRequest,
    Participant,
)
from app.matches.models import Embedding, JobRun, MatchFeedback  # noqa: F401
from app.notifications.models import Notification, NotificationPreference  # noqa: F401
from app.opportunities.models import (  # noqa: F401
    Opportunity,
    OpportunityCountry,
    OpportunityHSCode,
    OpportunityKind,
    OpportunityStatus,
)
from app.profiles.models import Company, CompanyKind  # noqa: F401
from app.search_ui.models import SearchOutbox  # noqa: F401
