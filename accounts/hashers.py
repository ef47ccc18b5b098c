"""Password hashing sized for TTCT's servers (2 cores, a few GB of memory).

Django's Argon2 defaults hold 100 MiB for the length of each login (four logins at once ≈ 400 MB).
TTCT uses Argon2id with 19 MiB, 2 passes and 1 lane — the lowest-memory setting that current password
storage guidance still recommends — so a burst of logins stays within a small server's memory while a
guess still costs an attacker both memory and time. The algorithm name is unchanged: stored hashes with
the old parameters keep verifying and are re-hashed with these at the user's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SmallServerArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
