from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")
    # core.versions: the rows that make a centre's figures and person lists. A person matters to the centre
    # that registered them and to those that reach them (their classes, their posts, their teaching).
    centre_data = {
        "Person": ("centre", "enrolments__klass__centre", "staff_assignments__centre", "lecturer_profiles__centre"),
        "StaffAssignment": "centre",
        "Lecturer": "centre",
    }
