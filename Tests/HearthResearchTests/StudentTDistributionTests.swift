import Foundation
import HearthResearch
import XCTest

/// The t quantile against closed forms; the agreement with scipy for df 1…10,000 is in `ScipyAgreementTests`.
final class StudentTDistributionTests: XCTestCase {
    func testOneDegreeOfFreedomIsTheCauchyDistribution() {
        let t = StudentTDistribution(degreesOfFreedom: 1)
        for p in [0.5001, 0.6, 0.9, 0.975, 0.995, 0.999_999, 1e-7] {
            // cot(π·q) with q the nearer tail: tan(π(p − ½)) itself is ill-conditioned near its pole.
            let exact = p > 0.5 ? 1 / tan(Double.pi * (1 - p)) : -1 / tan(Double.pi * p)
            XCTAssertEqual(t.quantile(p), exact, accuracy: 1e-12 * max(1, abs(exact)), "p = \(p)")
        }
    }

    func testTwoDegreesOfFreedomHasAClosedForm() {
        let t = StudentTDistribution(degreesOfFreedom: 2)
        for p in [0.55, 0.8, 0.975, 0.9999, 0.01] {
            let exact = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
            XCTAssertEqual(t.quantile(p), exact, accuracy: 1e-12 * max(1, abs(exact)), "p = \(p)")
        }
    }

    func testTheQuantileInvertsTheTailAndIsSymmetric() {
        for df in [1.0, 3, 7.5, 30, 1000, 100_000] {
            let distribution = StudentTDistribution(degreesOfFreedom: df)
            XCTAssertEqual(distribution.quantile(0.5), 0)
            for p in [0.6, 0.9, 0.975, 0.999] {
                let t = distribution.quantile(p)
                XCTAssertEqual(distribution.upperTailProbability(t), 1 - p, accuracy: 1e-15, "df \(df), p \(p)")
                XCTAssertEqual(distribution.quantile(1 - p), -t, accuracy: 1e-12 * t)
            }
        }
    }

    func testManyDegreesOfFreedomApproachTheNormal() {
        // z(0.975) = 1.959963984540054; with 10⁷ df the t quantile differs from it by z(z²+1)/(4ν) ≈ 2.4e-7, and the
        // next term of the expansion is under 10⁻¹³. The continued fraction's first denominator is about 5/ν here,
        // so the tail carries a relative error near ν·ε (Docs/research.md): 10⁻¹⁰ is what ten million df allow.
        let z = 1.959963984540054
        let t = StudentTDistribution(degreesOfFreedom: 1e7).quantile(0.975)
        XCTAssertEqual(t, z + z * (z * z + 1) / 4e7, accuracy: 1e-10)
    }
}
