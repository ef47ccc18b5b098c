"""seed_demo as a list of steps.

Each step is a function taking the shared `SeedContext`; it must be idempotent (compare with what is
stored, insert what is missing). Later features add their demo data by appending a `Step` to
`DEMO_STEPS` (or inserting it after the step it builds on), e.g. classes after "logins".
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from demo.demo_people import build_learners
from demo.headings import step_headings
from demo.lecturers_extra import build_lecturers_extra
from demo.logins import build_logins
from demo.province import DemoProvince, build_centres, build_organisations, build_units
from demo.reference import Reference, load_reference_data
from demo.report_demo import step_reports
from demo.staff import build_staff
from demo.standards import build_standards


@dataclass
class SeedContext:
    stdout: TextIO
    persons: int = 2000
    seed: int = 2025
    today: dt.date = field(default_factory=dt.date.today)
    ref: Reference | None = None
    demo: DemoProvince | None = None
    staff: dict = field(default_factory=dict)
    logins: list[tuple] = field(default_factory=list)
    # Free-form results later steps may share (e.g. created classes).
    extra: dict = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.stdout.write(text + "\n")


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[SeedContext], str | None]  # returns a one-line summary


def step_reference(ctx: SeedContext) -> str:
    ctx.ref = load_reference_data()
    return f"{len(ctx.ref.old_by_citizen_code)} tỉnh trước 1/7/2025, {len(ctx.ref.current_by_name)} tỉnh từ 1/7/2025 " \
           f"({ctx.ref.created} mới, {ctx.ref.updated} cập nhật)"


def step_province(ctx: SeedContext) -> str:
    ctx.demo = build_units(ctx.ref)
    build_centres(ctx.demo, ctx.ref)
    organisations = build_organisations(ctx.demo, ctx.seed)
    return f"{ctx.demo.province.name}: {len(ctx.demo.centres)} trung tâm, {organisations} đơn vị cử học viên"


def step_catalogue(ctx: SeedContext) -> str:
    """The programme catalogue, when the curriculum app provides it (it is optional at this stage)."""
    try:
        from curriculum.catalogue import load_catalogue
    except ModuleNotFoundError as error:
        if error.name != "curriculum.catalogue":
            raise
        return "bỏ qua (chưa có curriculum.catalogue)"
    load_catalogue(stdout=ctx.stdout)
    return "đã nạp danh mục chương trình"


def step_learners(ctx: SeedContext) -> str:
    created = build_learners(ctx.demo, ctx.ref, total=ctx.persons, seed=ctx.seed, today=ctx.today)
    return f"{created} học viên mới"


def step_staff(ctx: SeedContext) -> str:
    ctx.staff = build_staff(ctx.demo, ctx.ref, seed=ctx.seed, today=ctx.today)
    return f"{len(ctx.staff)} cán bộ, giảng viên"


def step_logins(ctx: SeedContext) -> str:
    ctx.logins = build_logins(ctx.demo, ctx.staff)
    return f"{len(ctx.logins)} tài khoản thử"


def step_classes(ctx: SeedContext) -> str:
    from demo.classes import build_classes

    return build_classes(today=ctx.today, seed=ctx.seed)


def step_resources(ctx: SeedContext) -> str:
    from demo.resources import build_resources

    return build_resources(today=ctx.today)


DEMO_STEPS: list[Step] = [
    Step("reference", step_reference),
    Step("province", step_province),
    Step("headings", step_headings),
    Step("catalogue", step_catalogue),
    Step("learners", step_learners),
    Step("staff", step_staff),
    Step("logins", step_logins),
    Step("classes", step_classes),
    Step("lecturers", build_lecturers_extra),
    Step("resources", step_resources),
    Step("standards", lambda ctx: build_standards(today=ctx.today)),
    Step("reports", step_reports),
]


def run_steps(ctx: SeedContext, steps: list[Step] | None = None) -> SeedContext:
    for step in steps or DEMO_STEPS:
        started = time.perf_counter()
        summary = step.run(ctx)
        ctx.say(f"  [{step.name}] {summary or 'xong'} ({time.perf_counter() - started:.1f} s)")
    return ctx


def login_table(rows: list[tuple]) -> str:
    header = ("Tên đăng nhập", "Vai trò", "Phạm vi", "Mật khẩu")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    body = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    return "\n".join([body[0], line, *body[1:]])
