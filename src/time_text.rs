//! Human-readable forms of JWT NumericDate values (seconds since the Unix
//! epoch, UTC, RFC 7519 section 2).

use chrono::DateTime;

/// Formats a NumericDate as a UTC date and time, or explains why it cannot.
pub fn utc_date(seconds: f64) -> String {
    if !seconds.is_finite() || seconds.abs() > 8.0e12 {
        return "outside the dates this page can show".to_owned();
    }
    let whole = seconds.floor() as i64;
    match DateTime::from_timestamp(whole, 0) {
        Some(date) => date.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        None => "outside the dates this page can show".to_owned(),
    }
}

/// Formats a duration in seconds as its largest whole unit, for example
/// "42 min" or "3 days".
pub fn duration_words(seconds: f64) -> String {
    let seconds = seconds.abs();
    const MINUTE: f64 = 60.0;
    const HOUR: f64 = 3600.0;
    const DAY: f64 = 86_400.0;
    const YEAR: f64 = 365.25 * DAY;

    let (value, unit) = if seconds < MINUTE {
        (seconds, "s")
    } else if seconds < HOUR {
        (seconds / MINUTE, "min")
    } else if seconds < DAY {
        (seconds / HOUR, "h")
    } else if seconds < YEAR {
        (seconds / DAY, "day")
    } else {
        (seconds / YEAR, "year")
    };

    let whole = value.floor() as u64;
    match unit {
        "day" | "year" if whole != 1 => format!("{whole} {unit}s"),
        _ => format!("{whole} {unit}"),
    }
}

/// Describes when `at` is relative to `now` with the verbs of one claim, for
/// example `relative("expires", "expired", ..)` gives "expires in 42 min" or
/// "expired 3 days ago".
pub fn relative(future_verb: &str, past_verb: &str, at: f64, now: i64) -> String {
    let delta = at - now as f64;
    if delta > 0.0 {
        format!("{future_verb} in {}", duration_words(delta))
    } else {
        format!("{past_verb} {} ago", duration_words(delta))
    }
}

/// Parses the "pretend the time is" field: whole seconds since the epoch,
/// an RFC 3339 date such as `2011-03-22T18:43:00Z`, or a date and time
/// without a zone (`2011-03-22T18:43`, as `<input type="datetime-local">`
/// gives), read as UTC.
pub fn parse_time_input(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return Ok(seconds);
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Ok(date.timestamp());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(date) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Ok(date.and_utc().timestamp());
        }
    }
    Err(format!(
        "\"{text}\" is not a time: enter seconds since 1970 (for example 1300819380) or a UTC \
         date such as 2011-03-22T18:43:00Z."
    ))
}
