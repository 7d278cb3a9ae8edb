"""Runs pycognito's SRP client (AWSSRP) on fixed inputs, for the Rust cross-implementation test
(crates/cognito-srp/tests/interop.rs).

stdin: JSON lines {poolId, userId, password, a, salt, srpB, secretBlock, unixMs}
stdout: JSON lines {library, srpA, key, signature, timestamp}

pycognito's own process_challenge() signs the claim; only its clock is pinned to unixMs.
"""

import datetime
import json
import sys

import pycognito.aws_srp as aws_srp


class _PinnedClock:
    """Stands in for the `datetime` module inside pycognito.aws_srp."""

    def __init__(self, unix_ms):
        moment = datetime.datetime.fromtimestamp(unix_ms / 1000, tz=datetime.timezone.utc)
        naive_utc = moment.replace(tzinfo=None)

        class _DateTime(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return naive_utc

            @classmethod
            def now(cls, tz=None):
                return moment if tz else naive_utc

        self.datetime = _DateTime
        self.timezone = datetime.timezone


def run(case):
    aws_srp.datetime = _PinnedClock(case["unixMs"])
    srp = aws_srp.AWSSRP(
        username=case["userId"],
        password=case["password"],
        pool_id=case["poolId"],
        client_id="interop-client",
        client=object(),  # never called: no network
    )
    srp.small_a_value = int(case["a"], 16)
    srp.large_a_value = srp.calculate_a()
    challenge = {
        "USER_ID_FOR_SRP": case["userId"],
        "USERNAME": case["userId"],
        "SALT": case["salt"],
        "SRP_B": case["srpB"],
        "SECRET_BLOCK": case["secretBlock"],
    }
    key = srp.get_password_authentication_key(
        case["userId"], case["password"], aws_srp.hex_to_long(case["srpB"]), case["salt"]
    )
    response = srp.process_challenge(challenge, {"USERNAME": case["userId"]})
    return {
        "library": "pycognito",
        "srpA": format(srp.large_a_value, "x"),
        "key": key.hex(),
        "signature": response["PASSWORD_CLAIM_SIGNATURE"],
        "timestamp": response["TIMESTAMP"],
    }


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
