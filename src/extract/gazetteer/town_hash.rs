//! How the town table is laid out, shared by `build.rs` (which writes it) and the extractor
//! (which looks names up in it): FNV-1a over a name's bytes, the same on every platform, picks
//! its slot in an open-addressed table of `SLOTS` 32-bit slots.

/// Slots in the table: a power of two, well above the ~75,000 towns, so a look-up that
/// misses meets an empty slot within a few steps.
pub const SLOTS: usize = 1 << 18;

/// The low bits of a slot hold the town's place in the list plus one (0 is an empty slot);
/// the high bits hold the top bits of its name's hash, so a miss seldom reads a name.
pub const PLACE_BITS: u32 = 18;

/// The 64-bit FNV-1a hash of `name`.
pub fn hash(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Where `hash`'s probe starts, and the high bits its slot carries.
pub fn start_and_tag(hash: u64) -> (usize, u32) {
    let start = usize::try_from(hash % SLOTS as u64).unwrap_or(0);
    let tag = u32::try_from(hash >> (64 - (32 - PLACE_BITS))).unwrap_or(0) << PLACE_BITS;
    (start, tag)
}
