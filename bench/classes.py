"""An open class with no rules of its own, in a province and centre of its own, for the import benchmarks."""

from __future__ import annotations

import datetime as dt


def open_class(code: str, *, capacity: int):
    from curriculum.choices import VersionStatus
    from curriculum.models import Programme, ProgrammeVersion
    from org.models import AdministrativeUnit, Centre
    from training.models import Klass

    province = AdministrativeUnit.objects.create(code=code, name=f"Tỉnh Đo Lường {code}", level="province")
    centre = Centre.objects.create(code=code, name=f"Trung tâm Chính trị Đo Lường {code}", province=province,
                                   level="commune_cluster")
    programme = Programme.objects.create(code=code, name="Chương trình đo lường", category="political_theory")
    version = ProgrammeVersion.objects.create(programme=programme, number=1, status=VersionStatus.PUBLISHED)
    return Klass.objects.create(centre=centre, version=version, code=f"{code}-2026-01", name="Lớp đo lường",
                                start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 10),
                                status=Klass.Status.OPEN, capacity=capacity)
