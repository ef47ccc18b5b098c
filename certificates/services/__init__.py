"""Certificate workflows: issuing with safe numbering, revocation and re-issue, rendering, verification.

Import from here: `issue_certificates`, `revoke_certificate`, `reissue_certificate`, the batch
download (`start_batch`, `advance_batch`), the register book and the public lookup.
"""

from certificates.selectors import result_corrected
from certificates.services.batches import BatchState, advance_batch, batch_file, batch_state, start_batch
from certificates.services.issuing import issue_certificates, reissue_certificate, revoke_certificate
from certificates.services.printing import certificate_data, register_entries, register_heading, render_single
from certificates.services.verification import (
    VerificationResult,
    allow_lookup,
    lookup,
    lookup_by_number,
    normalise_code,
    verification_url,
)

__all__ = [
    "BatchState",
    "VerificationResult",
    "advance_batch",
    "allow_lookup",
    "batch_file",
    "batch_state",
    "certificate_data",
    "issue_certificates",
    "lookup",
    "lookup_by_number",
    "normalise_code",
    "register_entries",
    "register_heading",
    "reissue_certificate",
    "result_corrected",
    "render_single",
    "revoke_certificate",
    "start_batch",
    "verification_url",
]
