//! Cognito's `TIMESTAMP`: `EEE MMM d HH:mm:ss UTC yyyy` in English, e.g. `Tue Aug 5 07:03:09 UTC
//! 2026`. The day of the month is **not** zero-padded: a padded day (`Aug 05`) makes Cognito
//! answer "Incorrect username or password", one of the classic hand-written-client bugs.
//!
//! Computed from Unix seconds with the civil-from-days algorithm (proleptic Gregorian), so the
//! crate needs no clock and no date library: callers pass the time in.

use std::fmt;

use crate::SrpError;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SECONDS_PER_DAY: i64 = 86_400;

/// A UTC instant, to the second, formatted the way Cognito expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_seconds: i64,
}

impl Timestamp {
    /// The instant `unix_seconds` after 1970-01-01T00:00:00Z.
    #[must_use]
    pub const fn from_unix_seconds(unix_seconds: i64) -> Self {
        Self { unix_seconds }
    }

    /// Seconds since the Unix epoch.
    #[must_use]
    pub const fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Reads a `TIMESTAMP` as Cognito does: English names, a 1–2 digit day, `UTC` or `GMT`.
    ///
    /// A string that parses but is not canonical (a zero-padded day, a weekday that does not
    /// match the date) still parses: the server then signs the canonical form, which differs,
    /// so such a claim fails like a wrong password, as it does against Cognito.
    pub fn parse(text: &str) -> Result<Self, SrpError> {
        parse_fields(text).ok_or(SrpError::InvalidTimestamp)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.unix_seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.unix_seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday (index 4).
        let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
        write!(
            f,
            "{weekday} {month} {day} {:02}:{:02}:{:02} UTC {year}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
            month = MONTHS[(month - 1) as usize],
        )
    }
}

fn parse_fields(text: &str) -> Option<Timestamp> {
    let mut fields = text.split(' ');
    let weekday = fields.next()?;
    let month = fields.next()?;
    let day = fields.next()?;
    let time = fields.next()?;
    let zone = fields.next()?;
    let year = fields.next()?;
    if fields.next().is_some() || !WEEKDAYS.contains(&weekday) || !matches!(zone, "UTC" | "GMT") {
        return None;
    }
    let month = MONTHS.iter().position(|name| *name == month)? as i64 + 1;
    let day = number(day, 1..=2)?;
    let year = number(year, 4..=4)?;
    let mut clock = time.split(':');
    let hour = number(clock.next()?, 2..=2)?;
    let minute = number(clock.next()?, 2..=2)?;
    let second = number(clock.next()?, 2..=2)?;
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(Timestamp::from_unix_seconds(
        days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second,
    ))
}

fn number(digits: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<i64> {
    if !lengths.contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 → (year, month 1–12, day 1–31), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
