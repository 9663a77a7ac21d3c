import Foundation

/// Student's t distribution with a given number of degrees of freedom: tail probabilities and quantiles,
/// computed here rather than taken from a table (Docs/research.md, "The t quantile").
package struct StudentTDistribution: Hashable, Sendable {
    package let degreesOfFreedom: Double

    package init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "the t distribution needs positive degrees of freedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t), through P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz and Stegun 26.7.1 and 26.5.27).
    package func upperTailProbability(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let tail = 0.5 * regularizedIncompleteBeta(a: nu / 2, b: 0.5, x: nu / (nu + t * t), y: t * t / (nu + t * t))
        return t >= 0 ? tail : 1 - tail
    }

    /// The density at t.
    package func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        return exp(-0.5 * log(nu) - logBeta(nu / 2, 0.5) - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The t with P(T ≤ t) = p: a starting value from a normal-based expansion or the distribution's tail, then
    /// Halley steps on the tail probability, kept inside a bracket so that every step makes progress.
    package func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a quantile needs a probability strictly between 0 and 1")
        if p == 0.5 { return 0 }
        let q = min(p, 1 - p)
        let t = upperQuantile(q)
        return p > 0.5 ? t : -t
    }

    /// The t > 0 with P(T > t) = q, for 0 < q < ½.
    private func upperQuantile(_ q: Double) -> Double {
        let nu = degreesOfFreedom
        var lower = 0.0, upper = Double.infinity
        var t = startingValue(q)
        for _ in 0..<200 {
            let excess = upperTailProbability(t) - q  // positive while t is too small
            if excess == 0 { return t }
            if excess > 0 { lower = t } else { upper = t }
            let newton = excess / density(t)
            // Halley's correction: the tail's second derivative is density·(ν+1)t/(ν+t²).
            let bend = 1 - 0.5 * newton * (nu + 1) * t / (nu + t * t)
            var next = t + (bend > 0.5 ? newton / bend : newton)
            if !(next > lower && next < upper) {
                next = upper.isFinite ? (lower + upper) / 2 : 2 * max(t, 1)
            }
            if abs(next - t) <= 4 * Double.ulpOfOne * next { return next }
            t = next
        }
        return t
    }

    /// A first guess: the Cornish–Fisher expansion around the normal quantile (Abramowitz and Stegun 26.7.5),
    /// or for few degrees of freedom and far tails the power law P(T > t) ≈ k·t^(−ν); whichever fits q better.
    private func startingValue(_ q: Double) -> Double {
        let nu = degreesOfFreedom
        let z = approximateNormalQuantile(q)
        let z2 = z * z
        let expansion = z
            + z * (z2 + 1) / (4 * nu)
            + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
            + z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * nu * nu * nu)
            + z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / (92160 * nu * nu * nu * nu)
        // ∫ₜ^∞ of the density's leading term c·ν^((ν+1)/2)·s^(−(ν+1)), with c = 1/(√ν·B(ν/2, ½)).
        let logK = nu / 2 * log(nu) - logBeta(nu / 2, 0.5) - log(nu)
        let powerLaw = exp((logK - log(q)) / nu)
        let candidates = [expansion, powerLaw].filter { $0.isFinite && $0 > 0 }
        guard !candidates.isEmpty else { return 1 }
        return candidates.min { misfit($0, q) < misfit($1, q) }!
    }

    private func misfit(_ t: Double, _ q: Double) -> Double {
        abs(log(upperTailProbability(t) / q))
    }
}

/// The z with P(Z > z) = q for 0 < q ≤ ½ to about 4.5·10⁻⁴ (Abramowitz and Stegun 26.2.23): only a starting value.
private func approximateNormalQuantile(_ q: Double) -> Double {
    let w = (-2 * log(q)).squareRoot()
    return w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308)))
}
