//! `PAD`/`padHex`: Java's `BigInteger.toByteArray()` form, which every Cognito client uses.
#![cfg(not(target_arch = "wasm32"))]

use cognito_srp::{compute_x, pad, pad_hex};
use num_bigint::BigUint;

fn big(hex: &str) -> Vec<u8> {
    BigUint::parse_bytes(hex.as_bytes(), 16)
        .unwrap()
        .to_bytes_be()
}

#[test]
fn pad_hex_edge_cases() {
    // (value, padHex)
    let cases = [
        ("0", "00"),
        ("1", "01"),
        ("f", "0f"),    // odd length: one leading 0
        ("7f", "7f"),   // top bit clear: as is
        ("80", "0080"), // top bit set: 00 in front
        ("ff", "00ff"),
        ("100", "0100"),
        ("fff", "0fff"), // odd length, then first nibble 0: no extra 00
        ("8000", "008000"),
        ("00ab", "00ab"), // leading zero bytes are not part of the number
        ("0012", "12"),
    ];
    for (value, expected) in cases {
        assert_eq!(pad_hex(&big(value)), expected, "padHex({value})");
        assert_eq!(pad(&big(value)).len(), expected.len() / 2);
    }
}

/// A `SALT` with leading zero bytes is the same number as without them.
#[test]
fn salt_leading_zeros_do_not_matter() {
    let x1 = compute_x(&big("0000abcdef"), "abc", "user", "pw");
    let x2 = compute_x(&big("abcdef"), "abc", "user", "pw");
    assert_eq!(x1, x2);
}
