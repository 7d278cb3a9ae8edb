//! Montgomery arithmetic modulo a fixed 3072-bit odd modulus, on fixed-size limb arrays.
//!
//! Why not `BigUint::modpow`: every SRP step is a 3072-bit modular exponentiation, and a generic
//! big-integer modpow allocates on each operation and cannot use the two facts this module does:
//! the modulus never changes (so its Montgomery constants are computed once), and `g = 2` (so
//! `g^e` needs squarings and modular doublings only, never a full multiplication).
//!
//! Two kernels do the limb arithmetic, each best where it runs (measured, see the README):
//! - [`Packed64`] (native): 48 full 64-bit limbs, carries propagated at every step through
//!   128-bit products.
//! - [`Lazy28`] (wasm32): 110 limbs of 28 bits held in `u64`s. WASM has a 64-bit multiply but no
//!   64×64→128 one, and a 28×28-bit product leaves 8 bits of headroom, so a whole row of products
//!   is summed with a plain multiply-add and carries are resolved once per row.
//!
//! Exponentiation runs the same sequence of operations whatever the exponent's bits are (table
//! lookups and selections are masked), so timing does not depend on secrets beyond the
//! exponent's length.

// Each target uses one kernel; the native tests check both.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
mod lazy28;
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
mod packed64;

use crate::nat::Nat;

#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(unused_imports))]
pub(crate) use lazy28::Lazy28;
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
pub(crate) use packed64::Packed64;

/// Exponent bits consumed per table multiplication in [`MontField::pow`].
const WINDOW: usize = 5;

/// The limb arithmetic of one representation. `Limbs` values are below the modulus unless a
/// method says otherwise.
pub(crate) trait Kernel: Sized {
    /// A residue, in this kernel's limb layout.
    type Limbs: Copy + std::fmt::Debug;
    /// `R = 2^R_BITS`, the Montgomery radix.
    const R_BITS: usize;

    /// Prepares the kernel for the odd modulus `n`.
    fn new(n: &Nat) -> Self;
    /// The limbs of `x < R`.
    fn to_limbs(x: &Nat) -> Self::Limbs;
    /// The integer of `limbs`.
    fn to_nat(limbs: &Self::Limbs) -> Nat;
    /// `a·b·R⁻¹ mod N`.
    fn mul(&self, a: &Self::Limbs, b: &Self::Limbs) -> Self::Limbs;
    /// `a²·R⁻¹ mod N`.
    fn square(&self, a: &Self::Limbs) -> Self::Limbs;
    /// `x·R⁻¹ mod N`, to leave Montgomery form.
    fn reduce_single(&self, x: &Self::Limbs) -> Self::Limbs;
    /// `2x mod N`.
    fn double(&self, x: &Self::Limbs) -> Self::Limbs;
    /// `if choice == 1 { b } else { a }`, by masking (`choice` is 0 or 1).
    fn select(a: &Self::Limbs, b: &Self::Limbs, choice: u64) -> Self::Limbs;
}

/// The kernel this target uses.
#[cfg(target_arch = "wasm32")]
pub(crate) type TargetKernel = Lazy28;
/// The kernel this target uses.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type TargetKernel = Packed64;

/// The modulus and its Montgomery constants.
#[derive(Debug)]
pub(crate) struct MontField<K: Kernel = TargetKernel> {
    kernel: K,
    /// `R² mod N`, to move values into Montgomery form.
    r2: K::Limbs,
    /// `R mod N`, the Montgomery form of 1.
    one: K::Limbs,
    /// Natively: `2^(d·2^(5i))` for every 5-bit digit `d` and window `i` (2.5 MB), built on first
    /// use, so `2^e` costs one multiplication per 5 exponent bits instead of a squaring per bit.
    /// A server computes `2^b` for every sign-in; in the browser the table would cost more to
    /// build than it saves, so WASM never builds it.
    fixed_base: std::sync::OnceLock<Vec<Vec<K::Limbs>>>,
}

/// Exponent bits the fixed-base table covers (Cognito's secrets are 1024 bits).
const FIXED_BASE_BITS: usize = 1025;

impl<K: Kernel> MontField<K> {
    /// Constants for the odd modulus `n` (`2^3071 < n < 2^3072`).
    pub(crate) fn new(n: &Nat) -> Self {
        let kernel = K::new(n);
        // `R mod N` and `R² mod N` by modular doubling from 1: R_BITS doublings each, with no
        // division.
        let double_r_bits = |mut x: K::Limbs| {
            for _ in 0..K::R_BITS {
                x = kernel.double(&x);
            }
            x
        };
        let one = double_r_bits(K::to_limbs(&Nat::from_words(&[1])));
        let r2 = double_r_bits(one);
        Self {
            kernel,
            r2,
            one,
            fixed_base: std::sync::OnceLock::new(),
        }
    }

    /// `a·b mod N` for `a, b < N`: two Montgomery products, the second by `R²` to cancel both
    /// `R⁻¹`s.
    pub(crate) fn mul(&self, a: &Nat, b: &Nat) -> Nat {
        let product = self.kernel.mul(&K::to_limbs(a), &K::to_limbs(b));
        K::to_nat(&self.kernel.mul(&product, &self.r2))
    }

    /// `base^exp mod N` for `base < N`, with a fixed window of [`WINDOW`] bits.
    pub(crate) fn pow(&self, base: &Nat, exp: &Nat) -> Nat {
        let base = self.kernel.mul(&K::to_limbs(base), &self.r2);
        let mut table = [self.one; 1 << WINDOW];
        for i in 1..table.len() {
            table[i] = self.kernel.mul(&table[i - 1], &base);
        }
        let bits = exponent_bits(exp);
        let mut acc = self.one;
        for chunk in bits.chunks(WINDOW) {
            for _ in 0..WINDOW {
                acc = self.kernel.square(&acc);
            }
            let index = chunk
                .iter()
                .fold(0, |index, &bit| (index << 1) | usize::from(bit));
            acc = self.kernel.mul(&acc, &select_from::<K>(&table, index));
        }
        K::to_nat(&self.kernel.reduce_single(&acc))
    }

    /// `2^exp mod N`: a square per exponent bit, then a modular doubling kept or dropped by a
    /// mask, since multiplying by `g = 2` in Montgomery form is just `x + x mod N`.
    pub(crate) fn pow2(&self, exp: &Nat) -> Nat {
        if cfg!(not(target_arch = "wasm32")) && exp.bits() <= FIXED_BASE_BITS {
            return self.pow2_fixed_base(exp);
        }
        self.pow2_squaring(exp)
    }

    fn pow2_squaring(&self, exp: &Nat) -> Nat {
        let mut acc = self.one;
        for bit in exponent_bits(exp) {
            acc = self.kernel.square(&acc);
            let doubled = self.kernel.double(&acc);
            acc = K::select(&acc, &doubled, u64::from(bit));
        }
        K::to_nat(&self.kernel.reduce_single(&acc))
    }
}

impl<K: Kernel> MontField<K> {
    /// `2^exp` as the product of one table entry per 5-bit digit of `exp` (masked lookups).
    fn pow2_fixed_base(&self, exp: &Nat) -> Nat {
        let table = self.fixed_base.get_or_init(|| self.build_fixed_base());
        let mut acc = self.one;
        for (row, digit) in table.iter().zip(exponent_digits(exp)) {
            acc = self.kernel.mul(&acc, &select_from::<K>(row, digit));
        }
        K::to_nat(&self.kernel.reduce_single(&acc))
    }

    fn build_fixed_base(&self) -> Vec<Vec<K::Limbs>> {
        let mut base = self.kernel.double(&self.one);
        (0..FIXED_BASE_BITS.div_ceil(WINDOW))
            .map(|_| {
                let mut row = vec![self.one; 1 << WINDOW];
                for digit in 1..row.len() {
                    row[digit] = self.kernel.mul(&row[digit - 1], &base);
                }
                for _ in 0..WINDOW {
                    base = self.kernel.square(&base);
                }
                row
            })
            .collect()
    }
}

/// The exponent's 5-bit digits, least significant first, as many as it needs.
fn exponent_digits(exp: &Nat) -> impl Iterator<Item = usize> + '_ {
    let windows = exp.bits().div_ceil(WINDOW);
    (0..windows).map(move |window| {
        (0..WINDOW).fold(0, |digit, bit| {
            digit | (usize::from(exp.bit(window * WINDOW + bit)) << bit)
        })
    })
}

/// `table[index]`, reading every entry so the memory access pattern does not reveal `index`.
fn select_from<K: Kernel>(table: &[K::Limbs], index: usize) -> K::Limbs {
    let mut out = table[0];
    for (i, entry) in table.iter().enumerate().skip(1) {
        out = K::select(&out, entry, u64::from(i == index));
    }
    out
}

/// The exponent's bits, most significant first, padded at the top to whole windows.
fn exponent_bits(exp: &Nat) -> Vec<bool> {
    let mut bits: Vec<bool> = (0..exp.bits()).rev().map(|index| exp.bit(index)).collect();
    let pad = (WINDOW - bits.len() % WINDOW) % WINDOW;
    bits.splice(0..0, std::iter::repeat_n(false, pad));
    bits
}

/// `-x⁻¹ mod 2^64` for odd `x`, by Newton's iteration (each step doubles the correct bits).
fn neg_inverse(x: u64) -> u64 {
    let mut inverse: u64 = 1;
    for _ in 0..6 {
        inverse = inverse.wrapping_mul(2_u64.wrapping_sub(x.wrapping_mul(inverse)));
    }
    inverse.wrapping_neg()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use num_bigint::BigUint;
    use proptest::prelude::*;

    use super::*;
    use crate::group::group;

    fn n() -> BigUint {
        big(&group().n)
    }

    fn big(x: &Nat) -> BigUint {
        BigUint::from_bytes_be(&x.to_be_bytes())
    }

    fn nat(x: &BigUint) -> Nat {
        Nat::from_be_bytes(&x.to_bytes_be())
    }

    fn arbitrary_below_n() -> impl Strategy<Value = BigUint> {
        proptest::collection::vec(any::<u8>(), 1..=384)
            .prop_map(|bytes| BigUint::from_bytes_be(&bytes) % n())
    }

    fn arbitrary_exponent() -> impl Strategy<Value = BigUint> {
        proptest::collection::vec(any::<u8>(), 0..160)
            .prop_map(|bytes| BigUint::from_bytes_be(&bytes))
    }

    /// Both kernels, whichever the target uses, agree with num-bigint's generic modpow and
    /// product.
    fn check_kernel<K: Kernel>(base: &BigUint, exp: &BigUint) -> Result<(), TestCaseError> {
        let n = n();
        let field = MontField::<K>::new(&group().n);
        let (base_nat, exp_nat) = (nat(base), nat(exp));
        prop_assert_eq!(big(&field.pow(&base_nat, &exp_nat)), base.modpow(exp, &n));
        let expected = BigUint::from(crate::G).modpow(exp, &n);
        prop_assert_eq!(&big(&field.pow2(&exp_nat)), &expected);
        prop_assert_eq!(&big(&field.pow2_squaring(&exp_nat)), &expected);
        if exp.bits() <= FIXED_BASE_BITS as u64 {
            prop_assert_eq!(&big(&field.pow2_fixed_base(&exp_nat)), &expected);
        }
        prop_assert_eq!(
            big(&field.mul(&base_nat, &nat(&expected))),
            base * &expected % &n
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn packed64_matches_modpow(base in arbitrary_below_n(), exp in arbitrary_exponent()) {
            check_kernel::<Packed64>(&base, &exp)?;
        }

        #[test]
        fn lazy28_matches_modpow(base in arbitrary_below_n(), exp in arbitrary_exponent()) {
            check_kernel::<Lazy28>(&base, &exp)?;
        }
    }

    /// Values right at the edges: 0, 1, N−1 as bases; 0, 1, 2 and N−1 as exponents.
    #[test]
    fn edge_values() {
        let n_minus_1 = n() - 1_u8;
        for base in [BigUint::ZERO, BigUint::from(1_u8), n_minus_1.clone()] {
            for exp in [
                BigUint::ZERO,
                BigUint::from(1_u8),
                BigUint::from(2_u8),
                n_minus_1.clone(),
            ] {
                check_kernel::<Packed64>(&base, &exp).unwrap();
                check_kernel::<Lazy28>(&base, &exp).unwrap();
            }
        }
    }

    /// Newton's iteration gives the Montgomery constant of N (whose low limb is all ones: 1).
    #[test]
    fn neg_inverse_of_n() {
        let n0 = n().iter_u64_digits().next().unwrap();
        assert_eq!(n0.wrapping_mul(neg_inverse(n0)), u64::MAX);
        assert_eq!(neg_inverse(n0), 1);
    }
}
