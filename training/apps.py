from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        # A centre's users see the persons enrolled in its classes, not only those it registered.
        from django.db.models import Exists, OuterRef

        from people.models import PERSON_VISIBILITY_HOOKS
        from training.models import Enrolment

        def enrolled_at(centre_ids):
            return Exists(Enrolment.objects.filter(person=OuterRef("pk"), klass__centre_id__in=centre_ids))

        if enrolled_at not in PERSON_VISIBILITY_HOOKS:
            PERSON_VISIBILITY_HOOKS.append(enrolled_at)
