//! 110 limbs of 28 bits in `u64`s, carries resolved lazily: fastest on wasm32.
//!
//! Headroom, the invariant everything here relies on: a product of two limbs is below 2^56, and
//! a slot of the double-width accumulator receives at most 110 products while multiplying
//! (or 55 doubled cross products and a square while squaring, under 2^62.8) and 110 more while
//! reducing, plus carries under 2^36: at most 220·(2^28−1)² + 2^37 < 2^64. No slot overflows,
//! so the inner loops are a bare multiply-add.

use super::{Kernel, neg_inverse};
use crate::nat::Nat;

const BITS: u32 = 28;
const MASK: u64 = (1 << BITS) - 1;
const MASK32: u32 = (1 << BITS) - 1;
const LIMBS: usize = 110;
type Limbs = [u32; LIMBS];
type Wide = [u64; 2 * LIMBS];

/// See the module docs of [`super`].
#[derive(Debug)]
pub(crate) struct Lazy28 {
    n: Limbs,
    /// `-N⁻¹ mod 2^28`.
    n0_inv: u64,
}

impl Kernel for Lazy28 {
    type Limbs = Limbs;
    const R_BITS: usize = BITS as usize * LIMBS;

    fn new(n: &Nat) -> Self {
        let n = Self::to_limbs(n);
        Self {
            n,
            n0_inv: neg_inverse(u64::from(n[0])) & MASK,
        }
    }

    fn to_limbs(x: &Nat) -> Limbs {
        let mut limbs = [0; LIMBS];
        let (mut buffer, mut buffered_bits, mut index) = (0_u64, 0, 0);
        for byte in x.words().iter().flat_map(|word| word.to_le_bytes()) {
            buffer |= u64::from(byte) << buffered_bits;
            buffered_bits += 8;
            if buffered_bits >= BITS {
                if let Some(limb) = limbs.get_mut(index) {
                    *limb = (buffer & MASK) as u32;
                }
                buffer >>= BITS;
                buffered_bits -= BITS;
                index += 1;
            }
        }
        if let Some(limb) = limbs.get_mut(index) {
            *limb = buffer as u32;
        }
        limbs
    }

    fn to_nat(limbs: &Limbs) -> Nat {
        let mut bytes = Vec::with_capacity(LIMBS * BITS as usize / 8 + 1);
        let (mut buffer, mut buffered_bits) = (0_u64, 0);
        for &limb in limbs {
            buffer |= u64::from(limb) << buffered_bits;
            buffered_bits += BITS;
            while buffered_bits >= 8 {
                bytes.push(buffer as u8);
                buffer >>= 8;
                buffered_bits -= 8;
            }
        }
        bytes.push(buffer as u8);
        bytes.reverse();
        Nat::from_be_bytes(&bytes)
    }

    fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            mul_add(&mut product[i..i + LIMBS], ai, b);
        }
        self.reduce(&mut product)
    }

    /// Each cross product `aᵢ·aⱼ (i < j)` is computed once, as `(2aᵢ)·aⱼ`.
    fn square(&self, a: &Limbs) -> Limbs {
        let mut product = [0; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            product[2 * i] += u64::from(ai) * u64::from(ai);
            mul_add(&mut product[2 * i + 1..i + LIMBS], ai << 1, &a[i + 1..]);
        }
        self.reduce(&mut product)
    }

    fn reduce_single(&self, x: &Limbs) -> Limbs {
        let mut wide = [0; 2 * LIMBS];
        for (slot, &limb) in wide.iter_mut().zip(x) {
            *slot = u64::from(limb);
        }
        self.reduce(&mut wide)
    }

    fn double(&self, x: &Limbs) -> Limbs {
        let mut doubled = [0; LIMBS];
        let mut carry = 0;
        for (slot, &value) in doubled.iter_mut().zip(x) {
            let sum = (value << 1) + carry;
            *slot = sum & MASK32;
            carry = sum >> BITS;
        }
        // x < N < 2^3072, so 2x < 2^3073 fits the 3080 bits of the limbs: carry is 0 here.
        self.subtract_n_if_needed(&doubled)
    }

    fn select(a: &Limbs, b: &Limbs, choice: u64) -> Limbs {
        let mask = (choice as u32).wrapping_neg();
        let mut out = [0; LIMBS];
        for ((slot, &ai), &bi) in out.iter_mut().zip(a).zip(b) {
            *slot = ai ^ ((ai ^ bi) & mask);
        }
        out
    }
}

impl Lazy28 {
    /// Montgomery reduction of an unnormalised double-width accumulator: `t·R⁻¹ mod N`.
    fn reduce(&self, t: &mut Wide) -> Limbs {
        for i in 0..LIMBS {
            // Settle slot i, choose m so that slot i + m·N₀ ≡ 0 (mod 2^28), add m·N.
            let low = t[i] & MASK;
            t[i + 1] += t[i] >> BITS;
            let m = (low * self.n0_inv) & MASK;
            t[i + 1] += (low + m * u64::from(self.n[0])) >> BITS;
            mul_add(&mut t[i + 1..i + LIMBS], m as u32, &self.n[1..]);
        }
        // The result, below 2N < R, is the upper half once its carries are settled.
        let mut result = [0; LIMBS];
        let mut carry = 0;
        for (slot, &value) in result.iter_mut().zip(&t[LIMBS..]) {
            let sum = value + carry;
            *slot = (sum & MASK) as u32;
            carry = sum >> BITS;
        }
        self.subtract_n_if_needed(&result)
    }

    /// For normalised `x < 2N`: `x − N` when that is not negative, else `x`, without a branch.
    fn subtract_n_if_needed(&self, x: &Limbs) -> Limbs {
        let mut difference = [0; LIMBS];
        let mut borrow = 0;
        for ((slot, &xi), &ni) in difference.iter_mut().zip(x).zip(&self.n) {
            let value = xi.wrapping_sub(ni).wrapping_sub(borrow);
            *slot = value & MASK32;
            borrow = value >> 31;
        }
        Self::select(x, &difference, u64::from(borrow ^ 1))
    }
}

/// `slots[j] += a·b[j]` for slices of one length: the inner loop of every product. Unrolled by
/// hand, four at a time, because the page is built for size (opt-level "z"), which does not
/// unroll: 1.5× faster in the browser than the plain loop for a few hundred bytes.
#[inline(always)]
fn mul_add(slots: &mut [u64], a: u32, b: &[u32]) {
    let a = u64::from(a);
    let (slot_quads, slot_rest) = slots.as_chunks_mut::<4>();
    let (b_quads, b_rest) = b.as_chunks::<4>();
    for (s, x) in slot_quads.iter_mut().zip(b_quads) {
        s[0] += a * u64::from(x[0]);
        s[1] += a * u64::from(x[1]);
        s[2] += a * u64::from(x[2]);
        s[3] += a * u64::from(x[3]);
    }
    for (slot, &x) in slot_rest.iter_mut().zip(b_rest) {
        *slot += a * u64::from(x);
    }
}
