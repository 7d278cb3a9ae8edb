//! `TIMESTAMP`: `EEE MMM d HH:mm:ss UTC yyyy`, English, day not zero-padded.
#![cfg(not(target_arch = "wasm32"))]

use cognito_srp::{SrpError, Timestamp};
use proptest::prelude::*;

/// Expected strings from Python's `time.gmtime`: every weekday and month, one- and two-digit
/// days, midnight, leap day, the end of 2038's 32-bit range.
const KNOWN: &[(i64, &str)] = &[
    (0, "Thu Jan 1 00:00:00 UTC 1970"),
    (1739212212, "Mon Feb 10 18:30:12 UTC 2025"),
    (1785913389, "Wed Aug 5 07:03:09 UTC 2026"),
    (951868799, "Tue Feb 29 23:59:59 UTC 2000"),
    (1735603200, "Tue Dec 31 00:00:00 UTC 2024"),
    (1772366405, "Sun Mar 1 12:00:05 UTC 2026"),
    (1776589749, "Sun Apr 19 09:09:09 UTC 2026"),
    (1778321410, "Sat May 9 10:10:10 UTC 2026"),
    (1782777601, "Tue Jun 30 00:00:01 UTC 2026"),
    (1783182000, "Sat Jul 4 16:20:00 UTC 2026"),
    (1789174923, "Sat Sep 12 01:02:03 UTC 2026"),
    (1792966942, "Sun Oct 25 22:22:22 UTC 2026"),
    (1795305600, "Sun Nov 22 00:00:00 UTC 2026"),
    (4102444799, "Thu Dec 31 23:59:59 UTC 2099"),
    (915336306, "Sun Jan 3 04:05:06 UTC 1999"),
    (2147483648, "Tue Jan 19 03:14:08 UTC 2038"),
    (1767340800, "Fri Jan 2 08:00:00 UTC 2026"),
];

#[test]
fn formats_known_instants() {
    for &(seconds, text) in KNOWN {
        assert_eq!(Timestamp::from_unix_seconds(seconds).to_string(), text);
    }
}

#[test]
fn parses_known_instants() {
    for &(seconds, text) in KNOWN {
        assert_eq!(
            Timestamp::parse(text),
            Ok(Timestamp::from_unix_seconds(seconds)),
            "{text}"
        );
    }
}

/// A zero-padded day or a wrong weekday still parses (Cognito then rejects the claim as a
/// wrong password, because the canonical string differs), and GMT is accepted for `z`.
#[test]
fn lenient_but_canonicalising() {
    let padded = Timestamp::parse("Mon Feb 05 18:30:12 UTC 2025").unwrap();
    assert_eq!(padded.to_string(), "Wed Feb 5 18:30:12 UTC 2025");
    let wrong_weekday = Timestamp::parse("Fri Feb 10 18:30:12 UTC 2025").unwrap();
    assert_eq!(wrong_weekday.to_string(), "Mon Feb 10 18:30:12 UTC 2025");
    assert!(Timestamp::parse("Mon Feb 10 18:30:12 GMT 2025").is_ok());
}

#[test]
fn rejects_other_formats() {
    for text in [
        "",
        "2025-02-10T18:30:12Z",
        "mon Feb 10 18:30:12 UTC 2025",
        "Mon February 10 18:30:12 UTC 2025",
        "Mon Feb 10 18:30:12 PST 2025",
        "Mon Feb 10 24:00:00 UTC 2025",
        "Mon Feb 10 18:60:12 UTC 2025",
        "Mon Feb 10 18:30 UTC 2025",
        "Mon Feb 30 18:30:12 UTC 2025",
        "Mon Feb 0 18:30:12 UTC 2025",
        "Mon Feb 10 18:30:12 UTC 25",
        "Mon  Feb 10 18:30:12 UTC 2025",
        "Mon Feb 10 18:30:12 UTC 2025 ",
        "Mon Feb +1 18:30:12 UTC 2025",
        "Mon Feb 10 18:30:12 UTC 2025 extra",
    ] {
        assert_eq!(
            Timestamp::parse(text),
            Err(SrpError::InvalidTimestamp),
            "{text:?}"
        );
    }
}

proptest! {
    /// Formatting then parsing gives back the instant, for any second from 1970 to 9999.
    #[test]
    fn round_trips(seconds in 0_i64..253_402_300_799) {
        let timestamp = Timestamp::from_unix_seconds(seconds);
        prop_assert_eq!(Timestamp::parse(&timestamp.to_string()), Ok(timestamp));
    }
}
