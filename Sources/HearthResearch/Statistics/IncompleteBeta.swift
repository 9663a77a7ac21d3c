import Foundation

/// The regularized incomplete beta function I_x(a, b), from its continued fraction (DLMF 8.17.22) evaluated
/// with the modified Lentz method (Thompson and Barnett 1986).
///
/// `x` and `y = 1 − x` are both given so that a caller who knows 1 − x exactly (as the t distribution does)
/// loses nothing to the subtraction.
package func regularizedIncompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // The fraction converges quickly only below the mean of the beta distribution; above it use the symmetry
    // I_x(a, b) = 1 − I_{1−x}(b, a).
    if x > (a + 1) / (a + b + 2) {
        return 1 - regularizedIncompleteBeta(a: b, b: a, x: y, y: x)
    }
    let logPrefactor = a * log(x) + b * log(y) - logBeta(a, b) - log(a)
    return exp(logPrefactor) / betaContinuedFraction(a: a, b: b, x: x)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
package func logBeta(_ a: Double, _ b: Double) -> Double {
    lgamma(a) + lgamma(b) - lgamma(a + b)
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
