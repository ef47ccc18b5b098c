"""The person registry (one record per citizen ID), centre staff and lecturers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.listing import search_words
from core.models import TimeStampedModel, period_order
from core.prepared import Prepared
from core.queries import among
from core.text import name_sort_key, nfc, search_key
from core.versions import remember_for_centres, remember_per_centre
from people.choices import ETHNICITY_CHOICES, Degree, Gender, GeneralEducation, StateManagementLevel, TheoryLevel


def _reached_elsewhere(scope):
    """The ids of the persons the scope reaches besides those registered at its centres: staff, lecturers,
    learners of its centres' classes, and the login's own person; None when there is nothing to reach."""
    centre_ids = scope.person_centre_ids
    others = []
    if centre_ids:
        enrolment = Person._meta.get_field("enrolments").related_model
        klass = enrolment._meta.get_field("klass").related_model
        classes = klass.objects.filter(centre_id__in=centre_ids).order_by().values("pk")
        others += [
            StaffAssignment.objects.filter(centre_id__in=centre_ids).values("person_id"),
            Lecturer.objects.filter(centre_id__in=centre_ids).values("person_id"),
            # The centres' classes first, then their enrolments by the class index.
            enrolment.objects.filter(among("klass_id", classes)).values("person_id"),
        ]
    if scope.person_id:
        others.append(Person.objects.filter(pk=scope.person_id).values("pk"))
    if not others:
        return None
    # Parts of a compound SELECT may not carry the models' default ORDER BY.
    others = [source.order_by() for source in others]
    return others[0].union(*others[1:], all=True) if len(others) > 1 else others[0]


def _strangers(scope):
    """Of those reached elsewhere, the few not registered at the scope's centres (most are): the condition
    tested on each row then compares against dozens of ids, not thousands."""
    centre_ids = scope.person_centre_ids
    return (Person.objects.filter(among("pk", _reached_elsewhere(scope))).exclude(centre_id__in=centre_ids)
            .order_by().values("pk"))


def _reached_by_centre(ids, inside):
    """(reaching centre, person) of the persons the centres' staff posts, lecturer profiles and classes
    reach and who are registered at none of the centres `inside`."""
    enrolment = Person._meta.get_field("enrolments").related_model
    posts = (StaffAssignment.objects.filter(centre_id__any=ids).exclude(person__centre_id__any=inside)
             .order_by().values_list("centre_id", "person_id"))
    teaching = (Lecturer.objects.filter(centre_id__any=ids).exclude(person__centre_id__any=inside)
                .order_by().values_list("centre_id", "person_id"))
    klass = enrolment._meta.get_field("klass").related_model
    # The centres' classes first, then their enrolments by the class index (not a pass over the nation's).
    classes = klass.objects.filter(centre_id__any=ids).order_by().values("pk")
    learning = (enrolment.objects.filter(among("klass_id", classes)).exclude(person__centre_id__any=inside)
                .order_by().values_list("klass__centre_id", "person_id"))
    return posts.union(teaching, learning, all=True)


_REACHED_BY_CENTRE = Prepared(_reached_by_centre, [-7_319_024_185], [-7_319_024_186])
_CENTRE_OF = Prepared(lambda pk: Person.objects.filter(pk=pk).values_list("centre_id"), -7_319_024_185)


def registry_centres(scope) -> list[int] | None:
    """The centres whose data decides what a login's registry pages show (core.versions follows it for
    them), or None for a login that sees the whole registry or registers at no centre."""
    return None if scope.sees_everything or not scope.person_centre_ids else scope.person_centre_ids


def strangers_of(user) -> list[int]:
    """The persons `visible_to(user, reached_first=True)` names by id: reached by the login's centres
    (staff, lecturers, learners, oneself) but registered elsewhere. Kept while the centres' data stands
    (core.versions: a person's row counts for the centres that reach them, and whether one is registered
    at the login's centres changes only with a row of those centres); what each centre reaches is kept per
    centre too, so after a change at one centre only that centre's are read again."""
    scope = scope_of(user)
    if registry_centres(scope) is None:
        return []
    centres = set(scope.person_centre_ids)
    inside = sorted(centres)

    def reached(missing):
        by_centre: dict[int, set] = {}
        for centre, person in _REACHED_BY_CENTRE.rows(missing, inside):
            by_centre.setdefault(centre, set()).add(person)
        return {centre: tuple(found) for centre, found in by_centre.items()}

    def strangers():
        # Each centre's answer depends on its own rows and on where the persons it reaches are registered,
        # which their rows' changes tell the reaching centres; the login's centres are in the key.
        kept = remember_per_centre(centres, ("persons-reached-from", tuple(inside)), reached, empty=(), holder=user)
        found = {person for persons in kept.values() for person in persons}
        if scope.person_id and scope.person_id not in found:
            rows = _CENTRE_OF.rows(scope.person_id)  # the login's own record, wherever it is registered
            if rows and rows[0][0] not in centres:
                found.add(scope.person_id)
        return sorted(found)

    return remember_for_centres(centres, ("persons-reached-elsewhere", scope.person_id), strangers, holder=user)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user, *, reached_first: bool = False, strangers: list[int] | None = None):
        """Persons registered by, working at, teaching at or learning at the user's centres, plus the
        user's own record. Learners are reached through the enrolments' reverse relation, so the
        registry needs no import of the training app above it.

        The query drives from the visible set, never from the national table: the persons registered
        at the centres come from the index on the registering centre, the others (staff, lecturers,
        learners, oneself) from one small UNION over those tables' centre indexes, computed once, whose
        ids are looked up by primary key. On PostgreSQL both halves are index conditions OR-ed into one
        bitmap, so a province's page reads the province's rows, whatever the size of the nation.

        `reached_first`: for a list that counts its rows and then reads a page of them (two queries
        over the same condition), the persons reached elsewhere are read once, now, and the condition
        names them by id. Usually there are none, and the condition is then the registering centre
        alone, which an index answers without reading the table (see Person.Meta.indexes). A caller
        that has read them already (`strangers_of`) passes them as `strangers`.
        """
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        centre_ids = scope.person_centre_ids
        if not centre_ids:
            reached = _reached_elsewhere(scope)
            return self.none() if reached is None else self.filter(among("pk", reached))
        if not reached_first:
            return self.filter(Q(centre_id__in=centre_ids) | among("pk", _strangers(scope)))
        reached = strangers_of(user) if strangers is None else strangers
        if not reached:
            return self.filter(centre_id__in=centre_ids)
        return self.filter(Q(centre_id__in=centre_ids) | Q(pk__any=reached))

    def search(self, text: str, *, by_id: bool, national: bool = True):
        """Diacritic-free name search; digits search citizen IDs, which is itself a look-up of personal
        data, so only where `by_id` (the caller passes `scope.sees_personal_data`).

        `national`: the queryset is the whole registry, whose words are found through the trigram
        index (PostgreSQL) with `LIKE`. A scoped queryset (`national=False`, from `visible_to`) is
        already a province's or a centre's rows: each word is then tested on those rows as they are
        read (`STRPOS`), which the trigram index cannot answer, so the plan never turns to the index
        of the nation's names, whose common words ("nguyen") match hundreds of thousands of persons.
        """
        key = search_key(text)
        if not key:
            return self
        digits = key.replace(" ", "")
        if digits.isdigit():
            return self.filter(national_id__contains=digits) if by_id else self.none()
        if national:
            return search_words(self, key)
        queryset = self
        for word in key.split():
            queryset = queryset.filter(GreaterThan(StrIndex("search_text", Value(word)), 0))
        return queryset


def person_match_key(name_key: str, date_of_birth) -> str:
    return f"{name_key}|{date_of_birth.isoformat()}" if name_key and date_of_birth else ""


class Person(TimeStampedModel):
    family_name = models.CharField(_("family name"), max_length=50)
    middle_name = models.CharField(_("middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=50)
    national_id = models.CharField(
        _("citizen ID"), max_length=12, unique=True, null=True, blank=True,
        help_text=_("12-digit personal identification number; a 9-digit old ID card number is accepted."),
    )
    legacy_id = models.BooleanField(_("old 9-digit ID"), default=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=30, choices=ETHNICITY_CHOICES, default="Kinh")
    religion = models.CharField(_("religion"), max_length=60, blank=True, default="")
    is_party_member = models.BooleanField(_("party member"), default=False)
    party_admission_date = models.DateField(_("party admission date"), null=True, blank=True)
    party_full_membership_date = models.DateField(_("full membership date"), null=True, blank=True)
    general_education = models.CharField(
        _("general education"), max_length=10, choices=GeneralEducation.choices, blank=True
    )
    professional_degree = models.CharField(_("professional degree"), max_length=20, choices=Degree.choices, blank=True)
    professional_field = models.CharField(_("field of study"), max_length=150, blank=True)
    theory_level = models.CharField(_("political theory level"), max_length=20, choices=TheoryLevel.choices, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace"), max_length=250, blank=True)
    sending_organisation = models.ForeignKey(
        "org.SendingOrganisation", verbose_name=_("sending organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="persons",
    )
    # No index of its own: (centre, archived, sort_key) below answers every look-up by centre.
    centre = models.ForeignKey(
        "org.Centre", verbose_name=_("registering centre"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="registered_persons", db_index=False,
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    # Part of the lecturer's calendar-feed address; a new value cuts off every address handed out.
    calendar_key = models.CharField(max_length=32, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    # Every index on the registry is paid for by each person an import writes, so there is one per
    # question asked: the words of search_text through the trigram index (migration 0005, PostgreSQL),
    # match_key by equality, sort_key for ordering. name_key is read, never searched; the pattern-ops
    # copies Django adds to indexed text columns would serve LIKE 'x%', which no query uses.
    search_text = models.CharField(max_length=300, editable=False)
    name_key = models.CharField(max_length=200, editable=False)
    # "normalised name|yyyy-mm-dd": one indexed column to find the same person without a citizen ID
    # (imports match thousands of rows at once on it; duplicate detection groups by it).
    match_key = models.CharField(max_length=220, editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        indexes = [
            # A province's list counts and searches its persons from this index alone (id and
            # search_text are carried in it), without reading the rows of the table.
            models.Index(fields=["centre", "archived", "sort_key"], include=["id", "search_text"],
                         name="person_centre_listing_idx"),
            models.Index(fields=["match_key"], name="person_match_key_idx"),
            models.Index(fields=["sort_key"], name="person_sort_key_idx"),
            # Only the persons the duplicates page groups: its query reads this small index, not the
            # match keys of the whole national registry.
            models.Index(fields=["match_key"], name="person_duplicate_key_idx",
                         condition=Q(national_id__isnull=True, archived=False, date_of_birth__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_admission_date__isnull=True)
                | Q(party_full_membership_date__isnull=True)
                | Q(party_full_membership_date__gte=models.F("party_admission_date")),
                name="full_membership_after_admission",
            ),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def refresh_keys(self) -> None:
        self.family_name = nfc(self.family_name)
        self.middle_name = nfc(self.middle_name)
        self.given_name = nfc(self.given_name)
        self.name_key = search_key(self.full_name)
        self.match_key = person_match_key(self.name_key, self.date_of_birth)
        self.search_text = f"{self.name_key} {search_key(self.workplace)}"[:300]
        self.sort_key = name_sort_key(self.family_name, self.middle_name, self.given_name)

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)


class StaffAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(centre_id__in=scope.person_centre_ids)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class StaffAssignment(TimeStampedModel):
    """A person's post at a centre for a period, with any post held concurrently elsewhere."""

    class Position(models.TextChoices):
        DIRECTOR = "director", _("director")
        DEPUTY_DIRECTOR = "deputy_director", _("deputy director")
        LECTURER = "lecturer", _("full-time lecturer")
        OFFICER = "officer", _("officer")
        ACCOUNTANT = "accountant", _("accountant")
        CLERK = "clerk", _("clerk")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="staff")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="staff_assignments")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_concurrent = models.BooleanField(
        _("held concurrently"), default=False,
        help_text=_("The post is held alongside a main post elsewhere (e.g. the director who heads the propaganda board)."),
    )
    concurrent_post = models.CharField(_("main post elsewhere"), max_length=250, blank=True)
    decision = models.CharField(_("appointment decision"), max_length=200, blank=True)

    objects = StaffAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-start_date"]
        constraints = [
            period_order("start_date", "end_date", name="staff_term_order"),
        ]
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")

    def __str__(self) -> str:
        return f"{self.get_position_display()}"


class LecturerQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        condition = Q(centre_id__in=scope.person_centre_ids)
        if scope.person_id:
            condition |= Q(person_id=scope.person_id)
        return self.filter(condition)


class Lecturer(TimeStampedModel):
    """A lecturer profile at a centre: full-time, part-time (kiêm nhiệm) or guest (thỉnh giảng)."""

    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("full-time lecturer")
        PART_TIME = "part_time", _("part-time lecturer")
        GUEST = "guest", _("guest lecturer")

    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="lecturers")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="lecturer_profiles")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    home_organisation = models.CharField(
        _("main workplace"), max_length=250, blank=True,
        help_text=_("For part-time and guest lecturers: where they mainly work."),
    )
    academic_title = models.CharField(_("academic title"), max_length=60, blank=True)
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, blank=True)
    degree_field = models.CharField(_("field of the degree"), max_length=150, blank=True)
    theory_level = models.CharField(_("political theory level"), max_length=20, choices=TheoryLevel.choices, blank=True)
    state_management_level = models.CharField(
        _("state management level"), max_length=30, choices=StateManagementLevel.choices, blank=True
    )
    pedagogy_certificate = models.BooleanField(_("pedagogy certificate"), default=False)
    it_certificate = models.CharField(_("IT certificate"), max_length=100, blank=True)
    language_certificate = models.CharField(_("foreign-language certificate"), max_length=100, blank=True)
    teaching_since = models.PositiveSmallIntegerField(_("teaching since (year)"), null=True, blank=True)
    awards = models.TextField(_("awards"), blank=True)
    topics = models.TextField(_("topics taught"), blank=True, help_text=_("One topic per line."))
    active = models.BooleanField(_("active"), default=True)

    objects = LecturerQuerySet.as_manager()

    class Meta:
        ordering = ["person__sort_key"]
        constraints = [models.UniqueConstraint(fields=["centre", "person"], name="one_lecturer_profile_per_centre")]
        indexes = [models.Index(fields=["centre", "kind", "active"])]
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_kind_display()})"

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    def years_teaching(self, year: int) -> int | None:
        return year - self.teaching_since if self.teaching_since else None
