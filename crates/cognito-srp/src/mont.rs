//! Montgomery arithmetic modulo a fixed 3072-bit odd modulus, on fixed-size limb arrays.
//!
//! Why not `BigUint::modpow`: every SRP step is a 3072-bit modular exponentiation, and a generic
//! big-integer modpow allocates on each operation and cannot use the two facts this module does:
//! the modulus never changes (so its Montgomery constants are computed once), and `g = 2` (so
//! `g^e` needs squarings and modular doublings only, never a full multiplication).
//!
//! Limbs are 64-bit natively and 32-bit on wasm32, where a 32×32→64 multiply is one `i64.mul`
//! but a 64×64→128 one is a library call. Exponentiation runs the same sequence of operations
//! whatever the exponent's bits are (table lookups and selections are masked), so timing does
//! not depend on secrets beyond the exponent's length.

use num_bigint::BigUint;

#[cfg(target_pointer_width = "64")]
type Limb = u64;
#[cfg(target_pointer_width = "64")]
type Wide = u128;
#[cfg(not(target_pointer_width = "64"))]
type Limb = u32;
#[cfg(not(target_pointer_width = "64"))]
type Wide = u64;

const MODULUS_BITS: usize = 3072;
const LIMB_BITS: u32 = Limb::BITS;
const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;
const LIMBS: usize = MODULUS_BITS / Limb::BITS as usize;
/// Exponent bits consumed per table multiplication in [`MontField::pow`].
const WINDOW: usize = 5;

type Limbs = [Limb; LIMBS];
type Double = [Limb; 2 * LIMBS];

/// The modulus and its Montgomery constants (`R = 2^3072`).
#[derive(Debug)]
pub(crate) struct MontField {
    n: Limbs,
    /// `-N⁻¹ mod 2^LIMB_BITS`.
    n0_inv: Limb,
    /// `R² mod N`, to move values into Montgomery form.
    r2: Limbs,
    /// `R mod N`, the Montgomery form of 1.
    one: Limbs,
}

impl MontField {
    /// Constants for the odd modulus `n` (`2^3071 < n < 2^3072`).
    pub(crate) fn new(n: &BigUint) -> Self {
        let r = BigUint::from(1_u8) << MODULUS_BITS;
        let limbs = to_limbs(n);
        Self {
            n: limbs,
            n0_inv: neg_inverse(limbs[0]),
            r2: to_limbs(&((&r * &r) % n)),
            one: to_limbs(&(r % n)),
        }
    }

    /// `base^exp mod N` for `base < N`, with a fixed window of [`WINDOW`] bits.
    pub(crate) fn pow(&self, base: &BigUint, exp: &BigUint) -> BigUint {
        let base = self.enter_mont(&to_limbs(base));
        let mut table = [self.one; 1 << WINDOW];
        for i in 1..table.len() {
            table[i] = self.mul(&table[i - 1], &base);
        }
        let bits = exponent_bits(exp);
        let mut acc = self.one;
        for chunk in bits.chunks(WINDOW) {
            for _ in 0..WINDOW {
                acc = self.square(&acc);
            }
            let index = chunk
                .iter()
                .fold(0, |index, &bit| (index << 1) | usize::from(bit));
            acc = self.mul(&acc, &select_from(&table, index));
        }
        to_biguint(&self.leave_mont(&acc))
    }

    /// `2^exp mod N`: a square per exponent bit, then a modular doubling kept or dropped by a
    /// mask, since multiplying by `g = 2` in Montgomery form is just `x + x mod N`.
    pub(crate) fn pow2(&self, exp: &BigUint) -> BigUint {
        let mut acc = self.one;
        for bit in exponent_bits(exp) {
            acc = self.square(&acc);
            let doubled = self.double(&acc);
            acc = select(&acc, &doubled, Limb::from(bit));
        }
        to_biguint(&self.leave_mont(&acc))
    }

    fn enter_mont(&self, x: &Limbs) -> Limbs {
        self.mul(x, &self.r2)
    }

    fn leave_mont(&self, x: &Limbs) -> Limbs {
        let mut wide = [0; 2 * LIMBS];
        wide[..LIMBS].copy_from_slice(x);
        self.reduce(&mut wide)
    }

    fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry: Wide = 0;
            for (slot, &bj) in product[i..i + LIMBS].iter_mut().zip(b) {
                let sum = Wide::from(*slot) + Wide::from(ai) * Wide::from(bj) + carry;
                *slot = sum as Limb;
                carry = sum >> LIMB_BITS;
            }
            product[i + LIMBS] = carry as Limb;
        }
        self.reduce(&mut product)
    }

    /// Squaring computes each cross product `aᵢ·aⱼ (i < j)` once and doubles the sum.
    fn square(&self, a: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry: Wide = 0;
            for (slot, &aj) in product[2 * i + 1..i + LIMBS].iter_mut().zip(&a[i + 1..]) {
                let sum = Wide::from(*slot) + Wide::from(ai) * Wide::from(aj) + carry;
                *slot = sum as Limb;
                carry = sum >> LIMB_BITS;
            }
            product[i + LIMBS] = carry as Limb;
        }
        let mut shifted_out = 0;
        for slot in &mut product {
            let value = *slot;
            *slot = (value << 1) | shifted_out;
            shifted_out = value >> (LIMB_BITS - 1);
        }
        let mut carry: Wide = 0;
        for (pair, &ai) in product.chunks_exact_mut(2).zip(a) {
            let square = Wide::from(ai) * Wide::from(ai);
            let low = Wide::from(pair[0]) + (square as Limb as Wide) + carry;
            pair[0] = low as Limb;
            let high = Wide::from(pair[1]) + (square >> LIMB_BITS) + (low >> LIMB_BITS);
            pair[1] = high as Limb;
            carry = high >> LIMB_BITS;
        }
        self.reduce(&mut product)
    }

    /// Montgomery reduction: `t·R⁻¹ mod N` for `t < N·R`.
    fn reduce(&self, t: &mut Double) -> Limbs {
        let mut overflow: Limb = 0;
        for i in 0..LIMBS {
            let m = t[i].wrapping_mul(self.n0_inv);
            let mut carry: Wide = 0;
            for (slot, &nj) in t[i..i + LIMBS].iter_mut().zip(&self.n) {
                let sum = Wide::from(*slot) + Wide::from(m) * Wide::from(nj) + carry;
                *slot = sum as Limb;
                carry = sum >> LIMB_BITS;
            }
            let sum = Wide::from(t[i + LIMBS]) + carry + Wide::from(overflow);
            t[i + LIMBS] = sum as Limb;
            overflow = (sum >> LIMB_BITS) as Limb;
        }
        let mut result = [0; LIMBS];
        result.copy_from_slice(&t[LIMBS..]);
        self.subtract_n_if_needed(&result, overflow)
    }

    /// `2x mod N` for `x < N`.
    fn double(&self, x: &Limbs) -> Limbs {
        let mut doubled = [0; LIMBS];
        let mut shifted_out = 0;
        for (slot, &value) in doubled.iter_mut().zip(x) {
            *slot = (value << 1) | shifted_out;
            shifted_out = value >> (LIMB_BITS - 1);
        }
        self.subtract_n_if_needed(&doubled, shifted_out)
    }

    /// For `x + overflow·R < 2N`: `x − N` when that is not negative, else `x`, without a branch.
    fn subtract_n_if_needed(&self, x: &Limbs, overflow: Limb) -> Limbs {
        let mut difference = [0; LIMBS];
        let mut borrow: Limb = 0;
        for ((slot, &xi), &ni) in difference.iter_mut().zip(x).zip(&self.n) {
            let (d1, b1) = xi.overflowing_sub(ni);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *slot = d2;
            borrow = Limb::from(b1 | b2);
        }
        // Keep the difference when it did not borrow, or when x had overflowed past R.
        let keep_difference = (borrow ^ 1) | overflow;
        select(x, &difference, keep_difference)
    }
}

/// `if choice == 1 { b } else { a }`, by masking.
fn select(a: &Limbs, b: &Limbs, choice: Limb) -> Limbs {
    let mask = choice.wrapping_neg();
    let mut out = [0; LIMBS];
    for ((slot, &ai), &bi) in out.iter_mut().zip(a).zip(b) {
        *slot = ai ^ ((ai ^ bi) & mask);
    }
    out
}

/// `table[index]`, reading every entry so the memory access pattern does not reveal `index`.
fn select_from(table: &[Limbs], index: usize) -> Limbs {
    let mut out = [0; LIMBS];
    for (i, entry) in table.iter().enumerate() {
        out = select(&out, entry, Limb::from(i == index));
    }
    out
}

/// The exponent's bits, most significant first, padded at the top to whole windows.
fn exponent_bits(exp: &BigUint) -> Vec<bool> {
    let bytes = exp.to_bytes_be();
    let mut bits: Vec<bool> = bytes
        .iter()
        .flat_map(|byte| (0..8).rev().map(move |shift| (byte >> shift) & 1 == 1))
        .collect();
    let pad = (WINDOW - bits.len() % WINDOW) % WINDOW;
    bits.splice(0..0, std::iter::repeat_n(false, pad));
    bits
}

/// `-x⁻¹ mod 2^LIMB_BITS` for odd `x`, by Newton's iteration (each step doubles the correct bits).
fn neg_inverse(x: Limb) -> Limb {
    let mut inverse: Limb = 1;
    for _ in 0..LIMB_BITS.trailing_zeros() {
        inverse = inverse.wrapping_mul((2 as Limb).wrapping_sub(x.wrapping_mul(inverse)));
    }
    inverse.wrapping_neg()
}

fn to_limbs(x: &BigUint) -> Limbs {
    let bytes = x.to_bytes_le();
    let mut limbs = [0; LIMBS];
    for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks(LIMB_BYTES)) {
        let mut word = [0; LIMB_BYTES];
        word[..chunk.len()].copy_from_slice(chunk);
        *limb = Limb::from_le_bytes(word);
    }
    limbs
}

fn to_biguint(limbs: &Limbs) -> BigUint {
    let bytes: Vec<u8> = limbs.iter().flat_map(|limb| limb.to_le_bytes()).collect();
    BigUint::from_bytes_le(&bytes)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::group::group;

    fn arbitrary_below_n() -> impl Strategy<Value = BigUint> {
        proptest::collection::vec(any::<u8>(), 1..=384)
            .prop_map(|bytes| BigUint::from_bytes_be(&bytes) % &group().n)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Windowed Montgomery exponentiation agrees with num-bigint's generic modpow.
        #[test]
        fn pow_matches_modpow(base in arbitrary_below_n(), exp in proptest::collection::vec(any::<u8>(), 0..160)) {
            let exp = BigUint::from_bytes_be(&exp);
            let group = group();
            prop_assert_eq!(group.field.pow(&base, &exp), base.modpow(&exp, &group.n));
        }

        /// The squaring-and-doubling path for `g = 2` agrees with modpow.
        #[test]
        fn pow2_matches_modpow(exp in proptest::collection::vec(any::<u8>(), 0..160)) {
            let exp = BigUint::from_bytes_be(&exp);
            let group = group();
            prop_assert_eq!(group.field.pow2(&exp), BigUint::from(crate::G).modpow(&exp, &group.n));
        }
    }

    /// Values right at the edges: 0, 1, N−1 as bases; 0 and 1 as exponents.
    #[test]
    fn edge_values() {
        let group = group();
        let n_minus_1 = &group.n - 1_u8;
        for base in [BigUint::ZERO, BigUint::from(1_u8), n_minus_1.clone()] {
            for exp in [
                BigUint::ZERO,
                BigUint::from(1_u8),
                BigUint::from(2_u8),
                n_minus_1.clone(),
            ] {
                assert_eq!(group.field.pow(&base, &exp), base.modpow(&exp, &group.n));
            }
        }
    }

    /// Newton's iteration gives the Montgomery constant of N (whose low limb is all ones: 1).
    #[test]
    fn neg_inverse_of_n() {
        let n0 = to_limbs(&group().n)[0];
        assert_eq!(n0.wrapping_mul(neg_inverse(n0)), Limb::MAX);
        assert_eq!(neg_inverse(n0), 1);
    }
}
