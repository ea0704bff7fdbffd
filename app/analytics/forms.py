"""The dashboard's filters (a GET form: bookmarkable, no CSRF needed for reading)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, SelectField, SubmitField
from wtforms.validators import Optional

from app.extensions import db
from app.forums.models import Forum
from app.i18n import country_choices
from app.reference.sectors import sector_choices


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    forum = SelectField(_l("Forum"), coerce=lambda v: int(v) if v else None, validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    submit = SubmitField(_l("Apply"))

    def __init__(self, *args, scope: tuple[int, ...] | None = None, **kwargs):
        """`scope`: the forums the user may see (None: all, for admins)."""
        super().__init__(*args, **kwargs)
        query = select(Forum.id, Forum.name).order_by(Forum.starts_on.desc())
        if scope is not None:
            query = query.where(Forum.id.in_(scope))
        forums = db.session.execute(query).all()
        self.forum.choices = [("", _l("All my forums") if scope is not None else _l("All forums"))] + [
            (i, name) for i, name in forums]
        self.country.choices = [("", _l("All countries"))] + country_choices()
        self.sector.choices = [("", _l("All sectors"))] + list(sector_choices())
