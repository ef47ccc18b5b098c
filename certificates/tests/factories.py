"""factory_boy factories for certificates: a centre's register book of a year and the certificates in it."""

from __future__ import annotations

import factory

from certificates.models import Certificate, CertificateRegister
from training.tests.factories import EnrolmentFactory


class CertificateRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateRegister
        django_get_or_create = ("centre", "year")

    centre = factory.SubFactory("tests.factories.CentreFactory")
    year = 2026


class CertificateFactory(factory.django.DjangoModelFactory):
    """A valid certificate of an enrolment, numbered in its centre's register of the issue year."""

    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory)
    issued_on = factory.LazyAttribute(lambda o: o.enrolment.klass.end_date)
    register = factory.SubFactory(CertificateRegisterFactory, centre=factory.SelfAttribute("..enrolment.klass.centre"),
                                  year=factory.SelfAttribute("..issued_on.year"))
    number = factory.Sequence(lambda n: n + 1)
    learner_name = factory.LazyAttribute(lambda o: o.enrolment.person.full_name)
    programme_name = factory.LazyAttribute(lambda o: o.enrolment.klass.version.programme.name)
    class_code = factory.LazyAttribute(lambda o: o.enrolment.klass.code)
    class_start = factory.LazyAttribute(lambda o: o.enrolment.klass.start_date)
    class_end = factory.LazyAttribute(lambda o: o.enrolment.klass.end_date)
    centre_name = factory.LazyAttribute(lambda o: o.enrolment.klass.centre.name)
