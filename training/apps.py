from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        # A centre's users see the persons enrolled in its classes, not only those it registered.
        from people.models import PERSON_VISIBILITY_HOOKS
        from training.models import Enrolment

        def enrolled_at(centre_ids):
            return Enrolment.objects.filter(klass__centre_id__in=centre_ids).values("person_id")

        if enrolled_at not in PERSON_VISIBILITY_HOOKS:
            PERSON_VISIBILITY_HOOKS.append(enrolled_at)

        # The learner record on a person's page (classes, results, certificates).
        import training.nominations.views_learner  # noqa: F401 - registers its PERSON_PAGE_SECTIONS entry

        # Liên thông: the topics a person completed are those of every class they completed.
        from curriculum import lienthong

        lienthong.register_completion_source(completed_topic_ids)


def completed_topic_ids(person):
    from curriculum.models import Topic

    return Topic.objects.filter(
        version__classes__enrolments__person=person, version__classes__enrolments__result__completed=True
    ).values_list("id", flat=True).distinct()
