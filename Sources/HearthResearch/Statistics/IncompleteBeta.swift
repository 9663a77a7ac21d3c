import Foundation

/// The regularized incomplete beta function I_x(a, b), from its continued fraction (DLMF 8.17.22) evaluated
/// with the modified Lentz method (Thompson and Barnett 1986).
///
/// `x` and `y = 1 − x` are both given so that a caller who knows 1 − x exactly (as the t distribution does)
/// loses nothing to the subtraction.
func regularizedIncompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // The fraction converges quickly only below the mean of the beta distribution; above it use the symmetry
    // I_x(a, b) = 1 − I_{1−x}(b, a).
    if x > (a + 1) / (a + b + 2) {
        return 1 - regularizedIncompleteBeta(a: b, b: a, x: y, y: x)
    }
    // ln x and ln y from whichever of x, y is small, so that neither loses digits near 1 (a is 5·10⁶ for
    // ten million degrees of freedom, and multiplies any error in ln x).
    let logX = x < 0.5 ? log(x) : log1p(-y), logY = y < 0.5 ? log(y) : log1p(-x)
    let logPrefactor = a * logX + b * logY - logBeta(a, b) - log(a)
    return exp(logPrefactor) / betaContinuedFraction(a: a, b: b, x: x)
}

/// ln B(a, b). For a large argument, ln Γ(large) − ln Γ(large + small) is taken from Stirling's series
/// (DLMF 5.11.1) as a difference, as DiDonato and Morris (1992) do: lgamma of each would leave an error of
/// an ulp of ln Γ(large) (about 10⁻⁸ at 5·10⁶), where the difference itself is small.
func logBeta(_ a: Double, _ b: Double) -> Double {
    let small = min(a, b), large = max(a, b)
    guard large >= 10 else { return lgamma(a) + lgamma(b) - lgamma(a + b) }
    let difference = -(large - 0.5) * log1p(small / large) - small * log(large + small) + small
        + stirlingCorrection(large) - stirlingCorrection(large + small)
    return lgamma(small) + difference
}

/// ln Γ(x) − ((x − ½)·ln x − x + ½·ln 2π) for x ≥ 10: the series 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) +
/// 1/(1188x⁹), whose next term is under 2·10⁻¹⁴ there.
private func stirlingCorrection(_ x: Double) -> Double {
    let inverse = 1 / x, square = inverse * inverse
    return inverse * (1.0 / 12 - square * (1.0 / 360 - square * (1.0 / 1260 - square * (1.0 / 1680 - square / 1188))))
}

/// 1 + d₁/(1 + d₂/(1 + …)) with d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
private func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
    let tiny = 1e-300
    var value = 1.0, c = 1.0, d = 0.0
    for step in 1...20_000 {
        let m = Double(step / 2)
        let coefficient = step % 2 == 1
            ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 + coefficient * d
        if abs(d) < tiny { d = tiny }
        c = 1 + coefficient / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = c * d
        value *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return value
}
