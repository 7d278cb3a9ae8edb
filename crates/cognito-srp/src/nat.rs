//! The few natural-number operations SRP needs outside the Montgomery kernels: parsing and
//! printing, comparison, addition, subtraction, a small product and a remainder.
//!
//! Why not `num-bigint`: every operation that costs anything is a modular exponentiation, done
//! by the kernels in `mont`; what is left is simple, and a general big-integer library weighed
//! 38 KB of the login page's WASM (Toom-3 multiplication, long division, radix conversion).

use std::cmp::Ordering;

use crate::hash::to_hex;

/// A natural number: 32-bit words, least significant first, with no zero word at the top (zero
/// is no words at all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Nat {
    words: Vec<u32>,
}

/// Secret exponents (`a`, `b`) are kept in `secrecy::SecretBox<Nat>`: wiped on drop and never
/// printed by `Debug`.
impl zeroize::Zeroize for Nat {
    fn zeroize(&mut self) {
        self.words.zeroize();
    }
}

impl secrecy::CloneableSecret for Nat {}

impl Nat {
    fn normalized(mut words: Vec<u32>) -> Self {
        while words.last() == Some(&0) {
            words.pop();
        }
        Self { words }
    }

    /// The number of these little-endian words.
    pub(crate) fn from_words(words: &[u32]) -> Self {
        Self::normalized(words.to_vec())
    }

    /// The words, least significant first.
    pub(crate) fn words(&self) -> &[u32] {
        &self.words
    }

    /// The words, least significant first; `len` of them, zero-filled or truncated.
    pub(crate) fn to_words(&self, len: usize) -> Vec<u32> {
        let mut words = self.words.clone();
        words.resize(len, 0);
        words
    }

    /// The number of these big-endian bytes (leading zeros allowed).
    pub(crate) fn from_be_bytes(bytes: &[u8]) -> Self {
        let words = bytes
            .rchunks(4)
            .map(|chunk| {
                chunk
                    .iter()
                    .fold(0, |word, &byte| (word << 8) | u32::from(byte))
            })
            .collect();
        Self::normalized(words)
    }

    /// Big-endian bytes without leading zeros (`[0]` for zero), as `BigInteger` magnitudes.
    pub(crate) fn to_be_bytes(&self) -> Vec<u8> {
        let bytes: Vec<u8> = self
            .words
            .iter()
            .rev()
            .flat_map(|word| word.to_be_bytes())
            .skip_while(|&byte| byte == 0)
            .collect();
        if bytes.is_empty() { vec![0] } else { bytes }
    }

    /// Parses non-empty hex (either case, leading zeros allowed).
    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        let digits: Vec<u32> = text
            .chars()
            .map(|digit| digit.to_digit(16))
            .collect::<Option<_>>()?;
        let words = digits
            .rchunks(8)
            .map(|chunk| chunk.iter().fold(0, |word, &digit| (word << 4) | digit))
            .collect();
        Some(Self::normalized(words))
    }

    /// Lower-case hex without leading zeros (`"0"` for zero).
    pub(crate) fn to_hex(&self) -> String {
        let hex = to_hex(&self.to_be_bytes());
        match hex.trim_start_matches('0') {
            "" => "0".to_owned(),
            trimmed => trimmed.to_owned(),
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.words.is_empty()
    }

    /// The position of the highest set bit plus one (0 for zero).
    pub(crate) fn bits(&self) -> usize {
        self.words.last().map_or(0, |top| {
            32 * self.words.len() - top.leading_zeros() as usize
        })
    }

    /// Bit `index`, counting from the least significant.
    pub(crate) fn bit(&self, index: usize) -> bool {
        self.words
            .get(index / 32)
            .is_some_and(|word| (word >> (index % 32)) & 1 == 1)
    }

    pub(crate) fn add(&self, other: &Self) -> Self {
        let (long, short) = if self.words.len() >= other.words.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        };
        let mut sum = Vec::with_capacity(long.len() + 1);
        let mut carry = 0_u64;
        for (i, &word) in long.iter().enumerate() {
            let total = u64::from(word) + u64::from(short.get(i).copied().unwrap_or(0)) + carry;
            sum.push(total as u32);
            carry = total >> 32;
        }
        sum.push(carry as u32);
        Self::normalized(sum)
    }

    /// `self − other`, for `self ≥ other` (callers compare first).
    pub(crate) fn sub(&self, other: &Self) -> Self {
        let mut difference = Vec::with_capacity(self.words.len());
        let mut borrow = 0_i64;
        for (i, &word) in self.words.iter().enumerate() {
            let total =
                i64::from(word) - i64::from(other.words.get(i).copied().unwrap_or(0)) - borrow;
            difference.push(total as u32);
            borrow = i64::from(total < 0);
        }
        Self::normalized(difference)
    }

    /// Schoolbook product: SRP multiplies only hash-sized numbers outside the kernels.
    pub(crate) fn mul(&self, other: &Self) -> Self {
        let mut product = vec![0_u32; self.words.len() + other.words.len()];
        for (i, &a) in self.words.iter().enumerate() {
            let mut carry = 0_u64;
            for (j, &b) in other.words.iter().enumerate() {
                let total = u64::from(a) * u64::from(b) + u64::from(product[i + j]) + carry;
                product[i + j] = total as u32;
                carry = total >> 32;
            }
            product[i + other.words.len()] = carry as u32;
        }
        Self::normalized(product)
    }

    fn shl1_with(&self, bit: bool) -> Self {
        let mut words = Vec::with_capacity(self.words.len() + 1);
        let mut carry = u32::from(bit);
        for &word in &self.words {
            words.push((word << 1) | carry);
            carry = word >> 31;
        }
        words.push(carry);
        Self::normalized(words)
    }

    /// `self mod n` for `n > 0`: nothing to do below `n`, one subtraction when `self` has no
    /// more bits than `n` (then `self < 2^bits(n) ≤ 2n`), else bit by bit (only oversized or
    /// hostile input takes that path).
    pub(crate) fn rem(&self, n: &Self) -> Self {
        match self.cmp(n) {
            Ordering::Less => return self.clone(),
            Ordering::Equal => return Self::default(),
            Ordering::Greater => {}
        }
        if self.bits() <= n.bits() {
            return self.sub(n);
        }
        let mut remainder = Self::default();
        for index in (0..self.bits()).rev() {
            remainder = remainder.shl1_with(self.bit(index));
            if remainder >= *n {
                remainder = remainder.sub(n);
            }
        }
        remainder
    }
}

impl PartialOrd for Nat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Nat {
    fn cmp(&self, other: &Self) -> Ordering {
        self.words
            .len()
            .cmp(&other.words.len())
            .then_with(|| self.words.iter().rev().cmp(other.words.iter().rev()))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use num_bigint::BigUint;
    use proptest::prelude::*;

    use super::*;

    fn nat(big: &BigUint) -> Nat {
        Nat::from_be_bytes(&big.to_bytes_be())
    }

    fn big(nat: &Nat) -> BigUint {
        BigUint::from_bytes_be(&nat.to_be_bytes())
    }

    fn arbitrary() -> impl Strategy<Value = BigUint> {
        proptest::collection::vec(any::<u8>(), 0..100)
            .prop_map(|bytes| BigUint::from_bytes_be(&bytes))
    }

    proptest! {
        /// Every operation agrees with num-bigint.
        #[test]
        fn matches_num_bigint(a in arbitrary(), b in arbitrary()) {
            let (x, y) = (nat(&a), nat(&b));
            prop_assert_eq!(&big(&x), &a);
            prop_assert_eq!(x.to_hex(), a.to_str_radix(16));
            prop_assert_eq!(Nat::from_hex(&a.to_str_radix(16).to_uppercase()), Some(x.clone()));
            prop_assert_eq!(x.to_be_bytes(), a.to_bytes_be());
            prop_assert_eq!(big(&x.add(&y)), &a + &b);
            prop_assert_eq!(big(&x.mul(&y)), &a * &b);
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.bits() as u64, a.bits());
            for index in [0, 1, 31, 32, 33, 200] {
                prop_assert_eq!(x.bit(index), a.bit(index as u64));
            }
            if !y.is_zero() {
                prop_assert_eq!(big(&x.rem(&y)), &a % &b);
            }
        }
    }

    #[test]
    fn edges() {
        assert_eq!(Nat::from_hex(""), None);
        assert_eq!(Nat::from_hex("-1"), None);
        assert_eq!(Nat::from_hex("0000"), Some(Nat::default()));
        assert_eq!(Nat::default().to_hex(), "0");
        assert_eq!(Nat::default().to_be_bytes(), vec![0]);
        assert_eq!(Nat::from_be_bytes(&[0, 0, 1, 2]).to_be_bytes(), vec![1, 2]);
        let n = Nat::from_hex("ffffffffffffffff").unwrap();
        // Just below 2n, exactly 2n, and far above.
        for value in [
            "1fffffffffffffffd",
            "1fffffffffffffffe",
            "123456789abcdef0123456789",
        ] {
            let x = Nat::from_hex(value).unwrap();
            assert_eq!(big(&x.rem(&n)), big(&x) % big(&n), "{value}");
        }
    }
}
