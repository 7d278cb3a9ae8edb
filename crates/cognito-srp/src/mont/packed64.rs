//! 48 full 64-bit limbs, carries propagated through 128-bit products: fastest natively.

use super::{Kernel, neg_inverse};
use crate::nat::Nat;

const LIMBS: usize = 48;
type Limbs = [u64; LIMBS];

/// See the module docs of [`super`].
#[derive(Debug)]
pub(crate) struct Packed64 {
    n: Limbs,
    /// `-N⁻¹ mod 2^64`.
    n0_inv: u64,
}

impl Kernel for Packed64 {
    type Limbs = Limbs;
    const R_BITS: usize = 64 * LIMBS;

    fn new(n: &Nat) -> Self {
        let n = Self::to_limbs(n);
        Self {
            n,
            n0_inv: neg_inverse(n[0]),
        }
    }

    fn to_limbs(x: &Nat) -> Limbs {
        let words = x.to_words(2 * LIMBS);
        let mut limbs = [0; LIMBS];
        for (limb, pair) in limbs.iter_mut().zip(words.chunks_exact(2)) {
            *limb = u64::from(pair[0]) | (u64::from(pair[1]) << 32);
        }
        limbs
    }

    fn to_nat(limbs: &Limbs) -> Nat {
        let words: Vec<u32> = limbs
            .iter()
            .flat_map(|&limb| [limb as u32, (limb >> 32) as u32])
            .collect();
        Nat::from_words(&words)
    }

    fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry: u128 = 0;
            for (slot, &bj) in product[i..i + LIMBS].iter_mut().zip(b) {
                let sum = u128::from(*slot) + u128::from(ai) * u128::from(bj) + carry;
                *slot = sum as u64;
                carry = sum >> 64;
            }
            product[i + LIMBS] = carry as u64;
        }
        self.reduce(&mut product)
    }

    /// Each cross product `aᵢ·aⱼ (i < j)` is computed once and the sum doubled.
    fn square(&self, a: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry: u128 = 0;
            for (slot, &aj) in product[2 * i + 1..i + LIMBS].iter_mut().zip(&a[i + 1..]) {
                let sum = u128::from(*slot) + u128::from(ai) * u128::from(aj) + carry;
                *slot = sum as u64;
                carry = sum >> 64;
            }
            product[i + LIMBS] = carry as u64;
        }
        let mut shifted_out = 0;
        for slot in &mut product {
            let value = *slot;
            *slot = (value << 1) | shifted_out;
            shifted_out = value >> 63;
        }
        let mut carry: u128 = 0;
        for (pair, &ai) in product.chunks_exact_mut(2).zip(a) {
            let square = u128::from(ai) * u128::from(ai);
            let low = u128::from(pair[0]) + u128::from(square as u64) + carry;
            pair[0] = low as u64;
            let high = u128::from(pair[1]) + (square >> 64) + (low >> 64);
            pair[1] = high as u64;
            carry = high >> 64;
        }
        self.reduce(&mut product)
    }

    fn reduce_single(&self, x: &Limbs) -> Limbs {
        let mut wide = [0; 2 * LIMBS];
        wide[..LIMBS].copy_from_slice(x);
        self.reduce(&mut wide)
    }

    fn double(&self, x: &Limbs) -> Limbs {
        let mut doubled = [0; LIMBS];
        let mut shifted_out = 0;
        for (slot, &value) in doubled.iter_mut().zip(x) {
            *slot = (value << 1) | shifted_out;
            shifted_out = value >> 63;
        }
        self.subtract_n_if_needed(&doubled, shifted_out)
    }

    fn select(a: &Limbs, b: &Limbs, choice: u64) -> Limbs {
        let mask = choice.wrapping_neg();
        let mut out = [0; LIMBS];
        for ((slot, &ai), &bi) in out.iter_mut().zip(a).zip(b) {
            *slot = ai ^ ((ai ^ bi) & mask);
        }
        out
    }
}

impl Packed64 {
    /// Montgomery reduction: `t·R⁻¹ mod N` for `t < N·R`.
    fn reduce(&self, t: &mut [u64; 2 * LIMBS]) -> Limbs {
        let mut overflow = 0;
        for i in 0..LIMBS {
            let m = t[i].wrapping_mul(self.n0_inv);
            let mut carry: u128 = 0;
            for (slot, &nj) in t[i..i + LIMBS].iter_mut().zip(&self.n) {
                let sum = u128::from(*slot) + u128::from(m) * u128::from(nj) + carry;
                *slot = sum as u64;
                carry = sum >> 64;
            }
            let sum = u128::from(t[i + LIMBS]) + carry + u128::from(overflow);
            t[i + LIMBS] = sum as u64;
            overflow = (sum >> 64) as u64;
        }
        let mut result = [0; LIMBS];
        result.copy_from_slice(&t[LIMBS..]);
        self.subtract_n_if_needed(&result, overflow)
    }

    /// For `x + overflow·R < 2N`: `x − N` when that is not negative, else `x`, without a branch.
    fn subtract_n_if_needed(&self, x: &Limbs, overflow: u64) -> Limbs {
        let mut difference = [0; LIMBS];
        let mut borrow = 0;
        for ((slot, &xi), &ni) in difference.iter_mut().zip(x).zip(&self.n) {
            let (d1, b1) = xi.overflowing_sub(ni);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *slot = d2;
            borrow = u64::from(b1 | b2);
        }
        // Keep the difference when it did not borrow, or when x had overflowed past R.
        Self::select(x, &difference, (borrow ^ 1) | overflow)
    }
}
