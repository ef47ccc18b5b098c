from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings


@override_settings(PASSWORD_HASHERS=["accounts.hashers.SmallServerArgon2PasswordHasher"])
def test_passwords_use_the_small_server_argon2_parameters():
    from django.conf import settings as live

    assert live.PASSWORD_HASHERS[0] == "accounts.hashers.SmallServerArgon2PasswordHasher"
    encoded = make_password("một mật khẩu dài")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("một mật khẩu dài", encoded)
    assert not check_password("sai", encoded)


def test_hashes_made_with_django_defaults_still_verify():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        old = make_password("mật khẩu cũ")
    assert "m=102400" in old
    with override_settings(PASSWORD_HASHERS=["accounts.hashers.SmallServerArgon2PasswordHasher"]):
        assert check_password("mật khẩu cũ", old)


def test_production_settings_hash_with_the_small_server_hasher():
    from ttct import settings_test

    assert "accounts.hashers.SmallServerArgon2PasswordHasher" in settings_test.PASSWORD_HASHERS
