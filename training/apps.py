from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    # core.versions: the rows of a centre's dashboard and counts (attendance and scores are not among them,
    # so taking attendance never waits for another writer of the centre).
    centre_data = {
        "Klass": "centre",
        "Enrolment": "klass__centre",
        "Result": "enrolment__klass__centre",
        "AnnualPlan": "centre",
        "PlanLine": "plan__centre",
    }
