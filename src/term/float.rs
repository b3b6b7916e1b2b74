//! Float formatting as the BEAM does it: shortest round-trip digits, laid out like
//! Erlang's `io_lib_format:fwrite_g/1` (OTP 25), plus Elixir's `inspect` variant.

/// Below 2^53 Erlang picks the shorter of plain and scientific notation (plain on a tie);
/// from 2^53 on, where not every integer is representable, it always uses scientific notation.
const PLAIN_LIMIT: f64 = 9007199254740992.0;

/// The shortest decimal digits that read back as `f` (`f` finite, non-zero) and the exponent
/// of the first digit: `f = 0.d1d2d3... * 10^(exp+1)`, i.e. `d1.d2d3... * 10^exp`.
fn shortest_digits(f: f64) -> (String, i32) {
    // Rust's `{:e}` prints the shortest representation that round-trips, e.g. "1.2345e-7".
    let s = format!("{:e}", f.abs());
    let (mantissa, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `String.Chars` for floats (`to_string(1000.0)` is `"1.0e3"`): Erlang's `fwrite_g`.
pub fn fwrite_g(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    if !f.is_finite() {
        // The BEAM has no infinities or NaNs; print something readable rather than fail.
        return if f.is_nan() { "nan".into() } else if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let (digits, exp) = shortest_digits(f);
    let sign = if f < 0.0 { "-" } else { "" };
    let sci = {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{first}.{rest}e{exp}")
    };
    if f.abs() >= PLAIN_LIMIT {
        return format!("{sign}{sci}");
    }
    let plain = if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        format!("0.{zeros}{digits}")
    } else {
        let int_len = exp as usize + 1;
        if digits.len() > int_len {
            let (int, frac) = digits.split_at(int_len);
            format!("{int}.{frac}")
        } else {
            format!("{digits}{}.0", "0".repeat(int_len - digits.len()))
        }
    };
    if sci.len() < plain.len() { format!("{sign}{sci}") } else { format!("{sign}{plain}") }
}

/// `inspect/1` for floats: integral values in `1.0 <= |f| < 1.0e16` print as `1000.0`,
/// everything else as [`fwrite_g`].
pub fn format_float(f: f64) -> String {
    let a = f.abs();
    if (1.0..1.0e16).contains(&a) && f.trunc() == f {
        // Exact: every integral value below 1e16 fits an i64.
        format!("{}.0", f as i64)
    } else {
        fwrite_g(f)
    }
}
