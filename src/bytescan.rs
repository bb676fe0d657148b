//! Word-at-a-time byte scans: the first byte of a kind at or after a
//! position, eight bytes per step.
//!
//! A stage that looks for rare bytes (a digit or a "Q" that may start a
//! date) would otherwise run a test on every byte of every document. Here
//! eight bytes are read as one `u64` and tested at once with the usual bit
//! tricks:
//!
//! 1. With the high bit of every byte set (`x | HIGH`), subtracting a
//!    constant from each byte cannot borrow from the next one, so the high
//!    bit of each result byte tells whether the byte's low seven bits were at
//!    least that constant ([`ascii_range`]).
//! 2. A zero byte is found by `(y - ONES) & !y & HIGH`: exact for the lowest
//!    zero byte; bytes above it may be flagged wrongly, so only the lowest
//!    hit of a word is used ([`lowest_equal`], [`find_from`]).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII byte from `lo` to `hi`.
pub(crate) fn ascii_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = (x | HIGH) - ONES * u64::from(lo);
    let past_hi = (x | HIGH) - ONES * (u64::from(hi) + 1);
    at_least_lo & !past_hi & !x & HIGH
}

/// The high bit of each byte of `x` that is no ASCII letter or digit (a
/// byte outside ASCII included): exact for every byte.
pub(crate) fn not_ascii_alphanumeric(x: u64) -> u64 {
    // Folding the case moves only the capitals into "a" to "z".
    let alphanumeric = ascii_range(x, b'0', b'9') | ascii_range(fold_case(x), b'a', b'z');
    !alphanumeric & HIGH
}

/// The high bit of the lowest byte of `x` equal to `b` (higher bits of the
/// result may be wrong: see the module's rule 2).
pub(crate) fn lowest_equal(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * u64::from(b));
    y.wrapping_sub(ONES) & !y & HIGH
}

/// `x` with every ASCII letter in lower case (and bit 5 set in other
/// bytes: compare the result only with lower-case letters).
pub(crate) fn fold_case(x: u64) -> u64 {
    x | (ONES * 0x20)
}

/// The first position at or after `from` whose byte `is_hit`, or the end of
/// `bytes`. `word_hits` gives, for eight bytes read as a little-endian
/// `u64`, a mask whose lowest set high bit marks the first hit among them
/// (or 0 for none): it must agree with `is_hit`.
pub(crate) fn find_from(
    bytes: &[u8],
    mut from: usize,
    word_hits: impl Fn(u64) -> u64,
    is_hit: impl Fn(u8) -> bool,
) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let hits = word_hits(u64::from_le_bytes(word));
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while from < bytes.len() && !is_hit(bytes[from]) {
        from += 1;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte in every lane, beside bytes of every kind: each lane's
    /// bit is the byte's own answer.
    #[test]
    fn not_ascii_alphanumeric_is_exact_in_every_lane() {
        for filler in [b'a', b'Z', b'5', b' ', b'@', 0x80, 0xff, 0] {
            for byte in 0..=255u8 {
                for lane in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[lane] = byte;
                    let hits = not_ascii_alphanumeric(u64::from_le_bytes(bytes));
                    for (i, &b) in bytes.iter().enumerate() {
                        let hit = hits >> (8 * i + 7) & 1 == 1;
                        assert_eq!(hit, !b.is_ascii_alphanumeric(), "{bytes:?} lane {i}");
                    }
                }
            }
        }
    }
}
