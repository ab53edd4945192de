"""A throwaway code-signing CA and certificate, made at test time, to test build.py's signing.

    python installer/test/throwaway_cert.py FOLDER
    -> FOLDER/ca.pem (to verify with), FOLDER/signer.pem and FOLDER/signer.key (to sign with)

Never used for a real build: the names say so, the key is new on every run, lives only in
build/, and nothing here is committed. A school signs with its own certificate instead.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SUBJECT = "APDesk throwaway test signer (never ship)"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key_usage_for_a_ca() -> x509.KeyUsage:
    no = False
    return x509.KeyUsage(
        digital_signature=no, content_commitment=no, key_encipherment=no,
        data_encipherment=no, key_agreement=no, key_cert_sign=True, crl_sign=True,
        encipher_only=no, decipher_only=no,
    )  # fmt: skip


def make(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Valid from well before any commit's SOURCE_DATE_EPOCH, the signing time build.py sets.
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("APDesk throwaway test CA (never trust)"))
        .issuer_name(_name("APDesk throwaway test CA (never trust)"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage_for_a_ca(), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name(SUBJECT))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "signer.pem").write_bytes(signer.public_bytes(pem))
    key_file = folder / "signer.key"
    key_file.touch(mode=0o600)
    key_file.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


if __name__ == "__main__":
    make(Path(sys.argv[1]))
