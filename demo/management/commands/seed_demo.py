"""Load the demo province (default) or a synthetic nation of N centres for benchmarks (--centres N).

Both modes are idempotent: running again adds only what is missing.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.logins import DEMO_PASSWORD
from demo.scale import MAX_CENTRES, seed_scale
from demo.steps import DEMO_STEPS, SeedContext, login_table, run_steps


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (một tỉnh) hoặc dữ liệu quy mô lớn (--centres N) để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=2000, help="Số học viên của tỉnh mẫu (mặc định 2000).")
        parser.add_argument("--seed", type=int, default=2025, help="Hạt giống ngẫu nhiên (dữ liệu lặp lại được).")
        parser.add_argument("--centres", type=int, default=0,
                            help=f"Chế độ quy mô: tạo N trung tâm tổng hợp (tối đa {MAX_CENTRES}).")
        parser.add_argument("--persons-per-centre", type=int, default=4000,
                            help="Chế độ quy mô: số học viên mỗi trung tâm (mặc định 4000).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Chế độ quy mô: số dòng mỗi lệnh INSERT.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["centres"]:
            if not 0 < options["centres"] <= MAX_CENTRES:
                raise CommandError(f"--centres phải từ 1 đến {MAX_CENTRES}.")
            if options["persons_per_centre"] < 0:
                raise CommandError("--persons-per-centre không được âm.")
            try:
                seed_scale(centres=options["centres"], persons_per_centre=options["persons_per_centre"],
                           seed=options["seed"], batch_size=options["batch_size"], stdout=self.stdout)
            except ValueError as error:
                raise CommandError(str(error))
            self.stdout.write(f"Xong sau {time.perf_counter() - started:.1f} s.")
            return
        if options["persons"] < 0:
            raise CommandError("--persons không được âm.")
        ctx = SeedContext(stdout=self.stdout, persons=options["persons"], seed=options["seed"])
        self.stdout.write("Nạp dữ liệu mẫu: tỉnh Tuyên Quang (sáp nhập tỉnh Hà Giang từ 1/7/2025)")
        with transaction.atomic():
            run_steps(ctx, DEMO_STEPS)
        self.stdout.write(f"Xong sau {time.perf_counter() - started:.1f} s.\n")
        self.stdout.write(f"Tài khoản thử (mật khẩu chung: {DEMO_PASSWORD}):")
        self.stdout.write(login_table(ctx.logins))
