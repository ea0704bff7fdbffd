"""Form fields shared by several domains."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import ListWidget


def split_list(text: str | None) -> list[str]:
    """'a, b;c' -> ['a', 'b', 'c'] (commas, semicolons or new lines)."""
    if not text:
        return []
    parts = text.replace(";", ",").replace("\n", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


class ListField(StringField):
    """A text box holding a comma-separated list; `.data` is the list."""

    def _value(self) -> str:
        return ", ".join(self.data or [])

    def process_formdata(self, valuelist):
        self.data = split_list(valuelist[0]) if valuelist else []


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)

    def __init__(self, *args, **kwargs):
        from wtforms.widgets import CheckboxInput

        super().__init__(*args, **kwargs)
        self.option_widget = CheckboxInput()


class HSCodesField(ListField):
    """HS codes checked against the HS 2022 nomenclature (2, 4 or 6 digits)."""

    def pre_validate(self, form):
        from matching.hs import validate as valid_hs

        bad = [c for c in self.data if not (c.isdigit() and len(c) in (2, 4, 6) and valid_hs(c))]
        if bad:
            raise ValidationError(_l("Not an HS 2022 code: %(codes)s", codes=", ".join(bad)))
