//! Generated inputs shared by the scaling tests (`tests/bounded.rs`) and the
//! criterion bench (`benches/stages.rs`), which measure the same shapes.

/// `n` distinct named speakers (n < 4,096), one paragraph each, with made-up
/// names: the first name spells `n` in base 16 from its lowest digit, the
/// surname from its highest, so that no two names are spelling variants of
/// each other (the shape of issue 20's `sources` input).
pub fn speakers(n: usize) -> String {
    const SYL: &[&str] = &[
        "ba", "ko", "ri", "mu", "se", "da", "li", "no", "te", "vi", "ga", "pe", "zo", "ha", "ju", "fe",
    ];
    let word = |digits: &[usize]| {
        let w: String = digits.iter().map(|&d| SYL[d]).collect();
        w[..1].to_uppercase() + &w[1..]
    };
    (0..n)
        .map(|i| {
            let (d0, d1, d2) = (i % 16, i / 16 % 16, i / 256 % 16);
            format!(
                "{} {} said the harbor plan would cost more than expected.\n\n",
                word(&[d0, d1, d2]),
                word(&[d2, d1, d0, (d0 + d1 + d2) % 16])
            )
        })
        .collect()
}
